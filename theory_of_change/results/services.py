"""Writes of results. Every count change is kept in `ResultChange`; nothing here edits the
plan or moves the theory's status."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.concurrency import check_version, content_version
from initiatives.models import User
from theory_of_change.models import Outcome, Output, TheoryOfChange
from theory_of_change.results.models import (
    Indicator,
    LogbookWeek,
    Measure,
    ResultChange,
    ResultEntry,
    SurveyResult,
)
from theory_of_change.results.periods import Period, PeriodKind


def results_touch(theory: TheoryOfChange) -> None:
    """Mark that the year's results changed, for the fact sheets of this year and of the
    next (which shows this year's figure beside its own). Not `updated_at`: that is the
    plan's last change, which the review and the workspace show."""
    TheoryOfChange.objects.filter(
        initiative=theory.initiative_id, year__in=(theory.year, theory.year + 1)
    ).update(results_changed_at=timezone.now())


class ResultRefused(ValueError):
    """A result that cannot be recorded; the message says why, in plain Dutch."""


def default_measure(outcome: Outcome) -> str:
    """Ask people when step 9 measures the outcome with a method that asks people."""
    asks = outcome.measurement_plans.filter(method__asks_people=True).exists()
    return Measure.SURVEY if asks else Measure.COUNT


def indicator_for(*, output: Output | None = None, outcome: Outcome | None = None) -> Indicator:
    """The indicator of an output or an outcome, made with the defaults when there is none."""
    row = output or outcome
    defaults = {"theory_id": row.theory_id}
    if outcome is not None:
        defaults["measure"] = default_measure(outcome)
    try:
        with transaction.atomic():
            indicator, _created = Indicator.objects.get_or_create(
                output=output, outcome=outcome, defaults=defaults
            )
    except IntegrityError:  # made by someone else at the same moment
        indicator = Indicator.objects.get(output=output, outcome=outcome)
    return indicator


def check_period(*, theory: TheoryOfChange, period: Period, kind: str | None = None) -> None:
    """A result belongs to a period of the theory's year (and of the indicator's rhythm)."""
    if period.year != theory.year:
        raise ResultRefused(
            _("%(period)s valt niet in %(year)s.") % {"period": period.label, "year": theory.year}
        )
    if kind is not None and period.kind != kind:
        raise ResultRefused(
            _("Dit resultaat tel je %(rhythm)s; %(period)s past daar niet bij.")
            % {"rhythm": Indicator(rhythm=kind).get_rhythm_display(), "period": period.code}
        )


def entry_version(entry: ResultEntry | None) -> str:
    """The version of a count as a form shows it (also of "nothing counted yet")."""
    return content_version(entry_values(entry))


def entry_values(entry: ResultEntry | None) -> dict:
    return {"value": entry.value if entry else None, "note": entry.note if entry else ""}


def count_save(
    *,
    indicator: Indicator,
    period: Period,
    value: int | None,
    note: str = "",
    by: User | None,
    base_version: str | None = None,
    source: str = "form",
) -> ResultEntry | None:
    """Record, correct or (with `value` None) remove the count of one period.

    `base_version` is the `entry_version` the form was opened with: when someone else
    saved this period in between, `StaleVersion` is raised and nothing is written.
    """
    check_period(theory=indicator.theory, period=period, kind=indicator.rhythm)
    if value is not None and value < 0:
        raise ResultRefused(_("Een aantal kan niet negatief zijn."))
    with transaction.atomic():
        Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        entry = ResultEntry.objects.filter(indicator=indicator, period=period.code).first()
        check_version(stored=entry_values(entry), base_version=base_version, current=lambda: entry)
        old_value = entry.value if entry else None
        if value is None:
            if entry is not None:
                entry.delete()
                entry = None
        elif entry is None:
            entry = ResultEntry(indicator=indicator, value=value, note=note, entered_by=by)
            entry.set_period(period)
            entry.changed_by = by
            entry.save()
        elif (entry.value, entry.note) != (value, note):
            entry.value, entry.note, entry.changed_by = value, note, by
            entry.save(update_fields=["value", "note", "changed_by", "changed_at"])
        if old_value != value:
            ResultChange.objects.create(
                indicator=indicator,
                period=period.code,
                old_value=old_value,
                new_value=value,
                by=by,
                source=source,
            )
            results_touch(indicator.theory)
    return entry


def indicator_settings_save(
    *, indicator: Indicator, rhythm: str, aggregation: str, measure: str | None = None
) -> Indicator:
    """Change how an indicator is counted. The rhythm stays while counts exist in it:
    weeks and months cannot be added up together."""
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if rhythm != indicator.rhythm:
            counted = indicator.entries.exclude(period_kind=rhythm).count()
            if counted:
                raise ResultRefused(
                    _(
                        "Er zijn al %(count)s tellingen %(rhythm)s. Het ritme kun je pas "
                        "veranderen als die weg zijn."
                    )
                    % {"count": counted, "rhythm": indicator.get_rhythm_display()}
                )
        indicator.rhythm = rhythm
        indicator.aggregation = aggregation
        if measure is not None and indicator.outcome_id is not None:
            indicator.measure = measure
        indicator.save(update_fields=["rhythm", "aggregation", "measure"])
        results_touch(indicator.theory)
    return indicator


def override_save(
    *, indicator: Indicator, value: int | None, reason: str, by: User | None
) -> Indicator:
    """State the year's figure instead of computing it (or, with None, stop doing so). A
    stated figure needs its reason: the sheet and the portal show it as such."""
    if value is not None and not reason.strip():
        raise ResultRefused(_("Schrijf op waarom je dit aantal vaststelt."))
    indicator.override = value
    indicator.override_reason = reason.strip() if value is not None else ""
    indicator.override_by = by if value is not None else None
    indicator.override_at = timezone.now() if value is not None else None
    indicator.save(update_fields=["override", "override_reason", "override_by", "override_at"])
    results_touch(indicator.theory)
    return indicator


def survey_add(
    *,
    indicator: Indicator,
    period: Period,
    question: str,
    respondents: int,
    agreeing: int,
    method: str,
    note: str = "",
    by: User | None,
) -> SurveyResult:
    """Record "x van de n deelnemers zeggen …" for an outcome."""
    if indicator.outcome_id is None:
        raise ResultRefused(_("Een vragenlijst hoort bij een effect (outcome)."))
    check_period(theory=indicator.theory, period=period)
    if respondents < 1:
        raise ResultRefused(_("Vul in hoeveel mensen je iets vroeg (minstens 1)."))
    if not 0 <= agreeing <= respondents:
        raise ResultRefused(
            _("Het aantal dat het zegt kan niet meer zijn dan het aantal gevraagde mensen.")
        )
    result = SurveyResult(
        indicator=indicator,
        question=question,
        respondents=respondents,
        agreeing=agreeing,
        method=method,
        note=note,
        entered_by=by,
    )
    result.set_period(period)
    result.save()
    results_touch(indicator.theory)
    return result


def survey_delete(*, result: SurveyResult) -> None:
    theory = result.indicator.theory
    result.delete()
    results_touch(theory)


@dataclass(frozen=True)
class WeekCount:
    indicator: Indicator
    value: int | None  # None: nothing counted this week


def logbook_version(*, week: LogbookWeek | None, counts: dict[int, int | None]) -> str:
    """The version of a logbook week as the screen shows it: page and counts together."""
    return content_version(
        {
            "note": week.note if week else "",
            "busyness": week.busyness if week else "",
            "counts": {str(pk): value for pk, value in sorted(counts.items())},
        }
    )


def logbook_week_save(
    *,
    theory: TheoryOfChange,
    week: Period,
    counts: list[WeekCount],
    note: str,
    busyness: str,
    by: User | None,
    base_version: str | None,
) -> LogbookWeek:
    """Save one logbook week: its note, how busy it was and the counts of the weekly
    indicators, together. When someone else saved the week after this screen was opened,
    `StaleVersion` is raised and nothing is written."""
    if week.kind != PeriodKind.WEEK:
        raise ResultRefused(_("Het logboek houd je per week bij."))
    check_period(theory=theory, period=week)
    for count in counts:
        check_period(theory=theory, period=week, kind=count.indicator.rhythm)
    try:
        with transaction.atomic():
            TheoryOfChange.objects.select_for_update().filter(pk=theory.pk).first()
            page = LogbookWeek.objects.filter(theory=theory, week=week.code).first()
            stored = {
                entry.indicator_id: entry.value
                for entry in ResultEntry.objects.filter(
                    indicator__in=[count.indicator for count in counts], period=week.code
                )
            }
            check_version(
                stored={
                    "note": page.note if page else "",
                    "busyness": page.busyness if page else "",
                    "counts": {
                        str(count.indicator.pk): stored.get(count.indicator.pk)
                        for count in sorted(counts, key=lambda count: count.indicator.pk)
                    },
                },
                base_version=base_version,
                current=lambda: (page, stored),
            )
            if page is None:
                page = LogbookWeek(theory=theory, week=week.code, starts_on=week.starts_on)
            page.note, page.busyness, page.written_by = note, busyness, by
            page.save()
            for count in counts:
                if stored.get(count.indicator.pk) != count.value:
                    entry = ResultEntry.objects.filter(
                        indicator=count.indicator, period=week.code
                    ).first()
                    count_save(
                        indicator=count.indicator,
                        period=week,
                        value=count.value,
                        note=entry.note if entry else "",
                        by=by,
                        source="logbook",
                    )
    except IntegrityError as error:  # the same new week saved at the same moment
        raise ResultRefused(
            _("Iemand anders sloeg deze week net op. Open de week opnieuw en kijk wat er staat.")
        ) from error
    return page


def indicators_copy(*, target: TheoryOfChange, new_ids: dict[type, dict[int, int]]) -> None:
    """Carry the indicators' settings into next year's copies of the rows ("Begin aan
    <jaar>"): rhythm, how they add up and how an effect is measured. Counts and stated
    figures stay with their year; the copies remember the indicator they continue."""
    outputs, outcomes = new_ids.get(Output, {}), new_ids.get(Outcome, {})
    continued = Indicator.objects.filter(output__in=list(outputs)) | Indicator.objects.filter(
        outcome__in=list(outcomes)
    )
    Indicator.objects.bulk_create(
        Indicator(
            theory=target,
            output_id=outputs.get(indicator.output_id),
            outcome_id=outcomes.get(indicator.outcome_id),
            rhythm=indicator.rhythm,
            aggregation=indicator.aggregation,
            measure=indicator.measure,
            previous=indicator,
        )
        for indicator in continued
    )
