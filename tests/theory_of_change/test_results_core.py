"""The results core without requests: periods, how indicators add up, the reads in a fixed
number of queries, and the writes with their history, conflicts and refusals."""

from datetime import date

import pytest

from common.concurrency import StaleVersion
from tests.factories import OutcomeFactory, OutputFactory, TheoryFactory
from tests.theory_of_change.helpers import put_in_status, refreshed
from theory_of_change.models import (
    Aggregation,
    Busyness,
    DataCollectionMethod,
    Indicator,
    Measure,
    MeasurementLevel,
    Output,
    ResultChange,
    ResultEntry,
    Status,
    SurveyMethod,
    TheoryOfChange,
)
from theory_of_change.results.periods import (
    InvalidPeriod,
    Period,
    PeriodKind,
    Rhythm,
    periods_in_year,
)
from theory_of_change.results.rules import combine, overload
from theory_of_change.results.selectors import (
    counts_of,
    half_year_counts,
    latest_surveys,
    overloads,
    previous_counts,
)
from theory_of_change.results.services import (
    ResultRefused,
    WeekCount,
    count_save,
    entry_version,
    indicator_for,
    indicator_settings_save,
    logbook_version,
    logbook_week_save,
    override_save,
    survey_add,
)

pytestmark = pytest.mark.django_db


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, starts_on, ends_on, year, half",
    [
        ("2025-W01", date(2024, 12, 30), date(2025, 1, 5), 2025, 1),
        ("2025-W27", date(2025, 6, 30), date(2025, 7, 6), 2025, 2),  # Thursday 3 July
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3), 2026, 2),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31), 2025, 1),
        ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30), 2025, 2),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30), 2025, 1),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), 2025, 0),
    ],
)
def test_a_period_knows_its_days_year_and_half(code, starts_on, ends_on, year, half):
    period = Period.parse(code)
    assert (period.starts_on, period.ends_on, period.year, period.half) == (
        starts_on,
        ends_on,
        year,
        half,
    )
    assert period.code == code
    assert Period.parse(period.next().previous().code) == period


@pytest.mark.parametrize("code", ["2025-W54", "2025-W53", "2025-13", "2025-Q5", "maart", ""])
def test_periods_that_do_not_exist_are_refused(code):
    with pytest.raises(InvalidPeriod):
        Period.parse(code)


def test_a_year_has_its_weeks_months_and_quarters():
    assert len(periods_in_year(PeriodKind.WEEK, 2025)) == 52
    assert len(periods_in_year(PeriodKind.WEEK, 2026)) == 53
    assert [p.code for p in periods_in_year(PeriodKind.QUARTER, 2025)] == [
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
    ]


@pytest.mark.parametrize(
    "aggregation, expected",
    [(Aggregation.SUM, 15), (Aggregation.LATEST, 5), (Aggregation.MAXIMUM, 6), (None, 15)],
)
def test_how_an_indicator_adds_up(aggregation, expected):
    assert combine(aggregation, [("2025-W01", 4), ("2025-W02", 6), ("2025-W03", 5)]) == expected
    assert combine(aggregation, []) is None


# --- reads ---------------------------------------------------------------------------------------


def count(output, code: str, value: int, **kwargs):
    return count_save(
        indicator=indicator_for(output=output), period=Period.parse(code), value=value, by=None
    )


@pytest.mark.parametrize(
    "aggregation, expected",
    [(Aggregation.SUM, 15), (Aggregation.LATEST, 5), (Aggregation.MAXIMUM, 6)],
)
def test_the_database_adds_up_as_the_rule_says(theory_a, aggregation, expected):
    output = OutputFactory(theory=theory_a, target=20)
    indicator_settings_save(
        indicator=indicator_for(output=output), rhythm=Rhythm.MONTH, aggregation=aggregation
    )
    for code, value in (("2025-03", 4), ("2025-01", 6), ("2025-11", 5)):
        count(output, code, value)
    tally = counts_of(Output.objects.filter(pk=output.pk))[output.pk]
    assert tally.value == tally.computed == expected
    assert (tally.periods_counted, tally.periods_in_year) == (3, 12)
    assert (tally.first, tally.last) == ("2025-01", "2025-11")
    assert tally.counted_label == "geteld in 3 van 12 maanden"
    assert not tally.is_override


def test_an_output_not_counted_yet_has_no_figure(theory_a):
    output = OutputFactory(theory=theory_a)
    tally = counts_of(Output.objects.filter(pk=output.pk))[output.pk]
    assert tally.value is None and tally.periods_counted == 0
    assert tally.source_label == "nog niets geteld"


def test_a_stated_figure_wins_and_says_why(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a, achieved=10)
    override_save(
        indicator=output.indicator, value=12, reason="Telling van maart kwijt", by=volunteer_a
    )
    tally = counts_of(Output.objects.filter(pk=output.pk))[output.pk]
    assert (tally.value, tally.computed, tally.is_override) == (12, 10, True)
    assert tally.source_label == "vastgesteld: Telling van maart kwijt"
    with pytest.raises(ResultRefused, match="waarom"):
        override_save(indicator=output.indicator, value=12, reason="  ", by=volunteer_a)


def test_half_years_follow_the_rule(theory_a):
    output = OutputFactory(theory=theory_a)
    indicator_settings_save(
        indicator=indicator_for(output=output), rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
    )
    for code, value in (("2025-W01", 3), ("2025-W26", 4), ("2025-W27", 5), ("2025-W52", 6)):
        count(output, code, value)
    tally, first, second = half_year_counts(Output.objects.filter(pk=output.pk))[output.pk]
    assert (tally.value, first, second) == (18, 7, 11)


def test_the_query_count_does_not_grow_with_counts(theory_a, django_assert_num_queries):
    outputs = [OutputFactory(theory=theory_a) for _ in range(3)]
    for output in outputs:
        indicator_settings_save(
            indicator=indicator_for(output=output), rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
        )
    count(outputs[0], "2025-W02", 1)
    with django_assert_num_queries(1):
        few = counts_of(Output.objects.filter(theory=theory_a))
    for output in outputs:
        ResultEntry.objects.bulk_create(
            _entry(output.indicator, period, 2) for period in periods_in_year("week", 2025)[2:]
        )
    with django_assert_num_queries(1):
        many = counts_of(Output.objects.filter(theory=theory_a))
    assert few[outputs[0].pk].value == 1
    assert many[outputs[0].pk].value == 1 + 2 * 50
    assert many[outputs[1].pk].counted_label == "geteld in 50 van 52 weken"


def _entry(indicator, period, value):
    entry = ResultEntry(indicator=indicator, value=value)
    entry.set_period(period)
    return entry


def test_last_years_figure_follows_the_continued_indicator_or_the_same_text(
    initiative_a, volunteer_a, advisor
):
    last_year = TheoryFactory(initiative=initiative_a, year=2024, status=Status.APPROVED)
    dinners = OutputFactory(theory=last_year, description="Dorpsdiners", achieved=44)
    coffee = OutputFactory(theory=last_year, description="Koffieochtenden", achieved=30)
    this_year = TheoryFactory(initiative=initiative_a, year=2025)
    renamed = OutputFactory(theory=this_year, description="Dorpsdiners voor iedereen")
    Indicator.objects.create(theory=this_year, output=renamed, previous=dinners.indicator)
    same_text = OutputFactory(theory=this_year, description="Koffieochtenden")
    new = OutputFactory(theory=this_year, description="Nieuwsbrief")

    previous = previous_counts(
        Output.objects.filter(theory=this_year),
        previous_theories=TheoryOfChange.objects.approved(),
    )
    assert {pk: tally.value for pk, tally in previous.items()} == {
        renamed.pk: 44,
        same_text.pk: 30,
    }
    assert new.pk not in previous
    # Readers outside the initiative see last year's figure only from an approved theory.
    put_in_status(last_year, Status.CHANGES_REQUESTED)
    assert (
        previous_counts(
            Output.objects.filter(theory=this_year),
            previous_theories=TheoryOfChange.objects.approved(),
        )
        == {}
    )
    assert coffee.pk  # (kept for readability of the world above)


def test_the_newest_questionnaire_result_per_outcome(theory_a, volunteer_a):
    outcome = OutcomeFactory(theory=theory_a)
    indicator = indicator_for(outcome=outcome)
    indicator_settings_save(
        indicator=indicator, rhythm=Rhythm.MONTH, aggregation=Aggregation.SUM, measure="survey"
    )
    for code, agreeing in (("2025-H1", 12), ("2025-H2", 18)):
        survey_add(
            indicator=indicator,
            period=Period.parse(code),
            question="Ik voel me minder alleen",
            respondents=24,
            agreeing=agreeing,
            method=SurveyMethod.SURVEY,
            by=volunteer_a,
        )
    latest = latest_surveys(type(outcome).objects.filter(theory=theory_a))
    assert (latest[outcome.pk].agreeing, latest[outcome.pk].respondents) == (18, 24)


def test_an_outcome_measured_by_asking_people_defaults_to_questionnaires(theory_a):
    from tests.factories import MeasurementPlanFactory

    asked, counted = OutcomeFactory(theory=theory_a), OutcomeFactory(theory=theory_a)
    plan = MeasurementPlanFactory(
        theory=theory_a,
        level=MeasurementLevel.OUTCOME,
        method=DataCollectionMethod.objects.get(name="Vragenlijst of enquête"),
    )
    plan.measures_outcomes.set([asked])
    assert indicator_for(outcome=asked).measure == Measure.SURVEY
    assert indicator_for(outcome=counted).measure == Measure.COUNT


# --- writes --------------------------------------------------------------------------------------


def test_recording_keeps_the_history_and_leaves_the_plan_alone(approved_a, volunteer_a, editor_a):
    before = refreshed(approved_a)
    output = approved_a.outputs.first()
    indicator = indicator_for(output=output)
    period = Period.parse("2025-03")
    count_save(
        indicator=indicator, period=period, value=4, note="Veel nieuwe mensen", by=volunteer_a
    )
    entry = ResultEntry.objects.get(indicator=indicator)
    count_save(
        indicator=indicator,
        period=period,
        value=6,
        note="Veel nieuwe mensen",
        by=editor_a,
        base_version=entry_version(entry),
    )
    count_save(indicator=indicator, period=period, value=None, by=editor_a)
    changes = list(ResultChange.objects.filter(indicator=indicator).order_by("pk"))
    assert [(c.old_value, c.new_value, c.by) for c in changes] == [
        (None, 4, volunteer_a),
        (4, 6, editor_a),
        (6, None, editor_a),
    ]
    after = refreshed(approved_a)
    assert after.status == Status.APPROVED
    assert after.updated_at == before.updated_at
    assert after.results_changed_at is not None


def test_two_people_on_one_period_lose_nothing_silently(theory_a, volunteer_a, editor_a):
    output = OutputFactory(theory=theory_a)
    indicator = indicator_for(output=output)
    period = Period.parse("2025-05")
    opened = entry_version(None)  # both open the empty month
    count_save(indicator=indicator, period=period, value=7, by=volunteer_a, base_version=opened)
    with pytest.raises(StaleVersion) as conflict:
        count_save(indicator=indicator, period=period, value=9, by=editor_a, base_version=opened)
    assert conflict.value.current.value == 7
    assert ResultEntry.objects.get(indicator=indicator).value == 7


@pytest.mark.parametrize(
    "code, value, message",
    [
        ("2024-12", 3, "valt niet in 2025"),
        ("2025-W10", 3, "past daar niet bij"),
        ("2025-04", -1, "negatief"),
    ],
)
def test_bad_counts_are_refused_in_plain_dutch(theory_a, code, value, message):
    indicator = indicator_for(output=OutputFactory(theory=theory_a))
    with pytest.raises(ResultRefused, match=message):
        count_save(indicator=indicator, period=Period.parse(code), value=value, by=None)
    assert not ResultEntry.objects.exists()


def test_the_rhythm_stays_while_counts_exist_in_it(theory_a):
    output = OutputFactory(theory=theory_a, achieved=5)
    with pytest.raises(ResultRefused, match="ritme"):
        indicator_settings_save(
            indicator=output.indicator, rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
        )
    indicator_settings_save(
        indicator=output.indicator, rhythm=Rhythm.MONTH, aggregation=Aggregation.MAXIMUM
    )
    output.indicator.refresh_from_db()
    assert output.indicator.aggregation == Aggregation.MAXIMUM


@pytest.mark.parametrize(
    "respondents, agreeing, message", [(0, 0, "minstens 1"), (10, 11, "niet meer zijn")]
)
def test_impossible_questionnaire_results_are_refused(theory_a, respondents, agreeing, message):
    indicator = indicator_for(outcome=OutcomeFactory(theory=theory_a))
    with pytest.raises(ResultRefused, match=message):
        survey_add(
            indicator=indicator,
            period=Period.parse("2025"),
            question="Ik ken meer mensen",
            respondents=respondents,
            agreeing=agreeing,
            method=SurveyMethod.INTERVIEW,
            by=None,
        )


def weekly(theory):
    output = OutputFactory(theory=theory, description="Hulpvragen")
    indicator = indicator_for(output=output)
    return indicator_settings_save(
        indicator=indicator, rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
    )


def test_a_logbook_week_saves_counts_note_and_busyness_together(theory_a, volunteer_a):
    indicator = weekly(theory_a)
    week = Period.parse("2025-W10")
    page = logbook_week_save(
        theory=theory_a,
        week=week,
        counts=[WeekCount(indicator, 4)],
        note="Veel vragen over de energietoeslag",
        busyness=Busyness.TOO_BUSY,
        by=volunteer_a,
        base_version=logbook_version(week=None, counts={indicator.pk: None}),
    )
    assert (page.busyness, page.starts_on) == (Busyness.TOO_BUSY, date(2025, 3, 3))
    entry = ResultEntry.objects.get(indicator=indicator)
    assert (entry.period, entry.value) == ("2025-W10", 4)
    assert ResultChange.objects.get().source == "logbook"


def test_a_logbook_week_saved_by_someone_else_in_between_is_not_overwritten(
    theory_a, volunteer_a, editor_a
):
    indicator = weekly(theory_a)
    week = Period.parse("2025-W11")
    opened = logbook_version(week=None, counts={indicator.pk: None})
    logbook_week_save(
        theory=theory_a,
        week=week,
        counts=[WeekCount(indicator, 5)],
        note="Rustige week",
        busyness=Busyness.QUIET,
        by=volunteer_a,
        base_version=opened,
    )
    with pytest.raises(StaleVersion):
        logbook_week_save(
            theory=theory_a,
            week=week,
            counts=[WeekCount(indicator, 6)],
            note="Druk",
            busyness=Busyness.BUSY,
            by=editor_a,
            base_version=opened,
        )
    assert ResultEntry.objects.get(indicator=indicator).value == 5


def test_overload_is_three_too_busy_weeks_of_the_last_four(theory_a, theory_b, volunteer_a):
    for theory, pattern in (
        (theory_a, ["quiet", "too_busy", "quiet", "too_busy", "too_busy"]),  # 3 of last 4
        (theory_b, ["too_busy", "too_busy", "quiet", "busy", "too_busy"]),  # 2 of last 4
    ):
        for number, busyness in enumerate(pattern, start=10):
            logbook_week_save(
                theory=theory,
                week=Period.of("week", 2025, number),
                counts=[],
                note="",
                busyness=busyness,
                by=volunteer_a,
                base_version=None,
            )
    signals = overloads([theory_a.pk, theory_b.pk])
    assert set(signals) == {theory_a.pk}
    assert signals[theory_a.pk].weeks == ["2025-W11", "2025-W12", "2025-W13", "2025-W14"]
    assert "3 van de laatste 4 weken" in signals[theory_a.pk].label
    assert overload([]) is None
