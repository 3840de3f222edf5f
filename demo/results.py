"""A year of results for the demo: Smilde counts per month, Middelstum keeps a weekly
logbook (the practice the publication describes: "een wekelijkse logboek, waarin vragen en
ervaringen worden bijgehouden").

The publication gives no counts per week or month, so every number here is a demo figure,
as the demo's banner and the fact sheet's footer say. The counts follow a fixed pattern (no
randomness), so the demo and its tests see the same figures each time. Written in bulk: the
demo is seeded often (tests, the demo command), and the services' history of one change
per count is not needed for data that was never changed.
"""

from __future__ import annotations

from django.utils import timezone

from initiatives.models import User
from theory_of_change.models import (
    Aggregation,
    Busyness,
    Indicator,
    LogbookWeek,
    Measure,
    ResultChange,
    ResultEntry,
    SurveyMethod,
    SurveyResult,
    TheoryOfChange,
)
from theory_of_change.results.periods import Period, PeriodKind, Rhythm

YEAR = 2025
SMILDE = "dorpshuis-smilde"
MIDDELSTUM = "dorpsloket-middelstum"
# Smilde counted January to September; Middelstum's logbook runs from week 2 to week 40,
# so weeks 41 and later are still open to fill in during a demo.
SMILDE_MONTHS = range(1, 10)
MIDDELSTUM_WEEKS = range(2, 41)

# Smilde, by the output's position in step 5: how it adds up and a count per month.
SMILDE_COUNTS = {
    0: (Aggregation.SUM, lambda month: 1),  # one village dinner a month
    1: (Aggregation.LATEST, lambda month: 32 + (month * 3) % 10),  # guests at the last one
    2: (Aggregation.SUM, lambda month: 4 + month % 2),  # food bank: every week
    3: (Aggregation.SUM, lambda month: 12 + (month * 7) % 11),
    4: (Aggregation.SUM, lambda month: 1 if month % 3 == 0 else 0),
}
SMILDE_SURVEY = {
    "outcome": 0,
    "period": "2025-H1",
    "question": "Door het dorpsdiner ken ik nu meer mensen in het dorp.",
    "respondents": 24,
    "agreeing": 18,
}

# Middelstum, by position: help requests and rides, counted every week in the logbook.
MIDDELSTUM_COUNTS = {
    0: lambda week: 2 + (week * 3) % 5,
    1: lambda week: (week * 3) % 4,
}
NOTES = [
    "Veel vragen over formulieren van de gemeente.",
    "Twee nieuwe vrijwilligers hebben zich gemeld.",
    "Rustige week; koffie met de vaste vrijwilligers.",
    "Een vraag om hulp bij de tuin kon nog niet worden opgepakt.",
]


def _busyness(week: int) -> str:
    """Mostly quiet or busy; the last four weeks three times too busy, so the demo shows the
    overload signal on the initiative page and in the advisor workspace."""
    if week in (37, 38, 40):
        return Busyness.TOO_BUSY
    return Busyness.BUSY if week % 3 == 0 else Busyness.QUIET


def _entry(indicator: Indicator, period: Period, value: int, by: User) -> ResultEntry:
    entry = ResultEntry(indicator=indicator, value=value, entered_by=by, changed_by=by)
    entry.set_period(period)
    return entry


def _write(entries: list[ResultEntry]) -> None:
    ResultEntry.objects.bulk_create(entries)
    ResultChange.objects.bulk_create(
        ResultChange(
            indicator=entry.indicator,
            period=entry.period,
            old_value=None,
            new_value=entry.value,
            by=entry.entered_by,
        )
        for entry in entries
    )


def seed_smilde(theory: TheoryOfChange, *, by: User) -> None:
    outputs = list(theory.outputs.order_by("position", "pk"))
    entries = []
    for position, (aggregation, value) in SMILDE_COUNTS.items():
        indicator = Indicator.objects.create(
            theory=theory, output=outputs[position], aggregation=aggregation
        )
        entries += [
            _entry(indicator, Period.of(PeriodKind.MONTH, YEAR, month), value(month), by)
            for month in SMILDE_MONTHS
        ]
    _write(entries)
    outcome = list(theory.outcomes.order_by("position", "pk"))[SMILDE_SURVEY["outcome"]]
    survey = Indicator.objects.create(theory=theory, outcome=outcome, measure=Measure.SURVEY)
    result = SurveyResult(
        indicator=survey,
        question=SMILDE_SURVEY["question"],
        respondents=SMILDE_SURVEY["respondents"],
        agreeing=SMILDE_SURVEY["agreeing"],
        method=SurveyMethod.SURVEY,
        entered_by=by,
    )
    result.set_period(Period.parse(SMILDE_SURVEY["period"]))
    result.save()


def seed_middelstum(theory: TheoryOfChange, *, by: User) -> None:
    outputs = list(theory.outputs.order_by("position", "pk"))
    indicators = {
        position: Indicator.objects.create(
            theory=theory, output=outputs[position], rhythm=Rhythm.WEEK
        )
        for position in MIDDELSTUM_COUNTS
    }
    weeks = [Period.of(PeriodKind.WEEK, YEAR, number) for number in MIDDELSTUM_WEEKS]
    _write(
        [
            _entry(indicators[position], week, value(week.number), by)
            for position, value in MIDDELSTUM_COUNTS.items()
            for week in weeks
        ]
    )
    LogbookWeek.objects.bulk_create(
        LogbookWeek(
            theory=theory,
            week=week.code,
            starts_on=week.starts_on,
            note=NOTES[week.number % len(NOTES)] if week.number % 2 == 0 else "",
            busyness=_busyness(week.number),
            written_by=by,
        )
        for week in weeks
    )


SEEDERS = {SMILDE: seed_smilde, MIDDELSTUM: seed_middelstum}


def seed_results(theories: dict[str, TheoryOfChange], *, volunteers: dict[str, User]) -> int:
    """Results for the demo theories created in this run (by slug); returns how many
    initiatives got results. Theories that existed already keep what they have."""
    seeded = 0
    for slug, seed in SEEDERS.items():
        theory = theories.get(slug)
        if theory is None or theory.year != YEAR:
            continue
        seed(theory, by=volunteers[slug])
        TheoryOfChange.objects.filter(pk=theory.pk).update(results_changed_at=timezone.now())
        seeded += 1
    return seeded
