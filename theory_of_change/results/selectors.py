"""Reads of results, each in a fixed number of queries however many counts there are.

Totals come from the database (sums, maxima and the latest count per indicator), never from
loading every count. Who may read what is decided by the caller's theories: pass theories
from `TheoryOfChangeQuerySet.readable_by` / `.approved()`; notes and who entered what are
only in `indicator_entries`, `surveys_for` and `logbook_weeks`, for the initiative's own
pages and its advisors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import (
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from theory_of_change.results.models import (
    Aggregation,
    Indicator,
    LogbookWeek,
    Measure,
    ResultEntry,
    SurveyResult,
)
from theory_of_change.results.periods import Rhythm
from theory_of_change.results.rules import OVERLOAD_WEEKS, Overload, Tally, overload


def _latest_value(**filters) -> Subquery:
    entries = ResultEntry.objects.filter(indicator=OuterRef("indicator_pk"), **filters)
    return Subquery(entries.order_by("-starts_on").values("value")[:1])


def _annotated(rows: QuerySet, *, halves: bool) -> QuerySet:
    """Output or outcome rows with their indicator's settings and count aggregates."""
    counts = {
        "r_rhythm": Coalesce(F("indicator__rhythm"), Value(Rhythm.MONTH.value)),
        "r_aggregation": Coalesce(F("indicator__aggregation"), Value(Aggregation.SUM.value)),
        "r_override": F("indicator__override"),
        "r_reason": F("indicator__override_reason"),
        "r_year": F("theory__year"),
        "r_sum": Sum("indicator__entries__value"),
        "r_max": Max("indicator__entries__value"),
        "r_periods": Count("indicator__entries"),
        "r_first": Min("indicator__entries__period"),
        "r_last": Max("indicator__entries__period"),
        "r_latest": _latest_value(),
    }
    if halves:
        for half in (1, 2):
            in_half = Q(indicator__entries__half=half)
            counts[f"h{half}_sum"] = Sum("indicator__entries__value", filter=in_half)
            counts[f"h{half}_max"] = Max("indicator__entries__value", filter=in_half)
            counts[f"h{half}_latest"] = _latest_value(half=half)
    # The latest count refers to the row's indicator: annotate it first so OuterRef finds it.
    return (
        rows.annotate(indicator_pk=F("indicator__pk"))
        .annotate(**counts)
        .values("pk", *counts)
        .order_by()
    )


def _pick(row: dict, prefix: str) -> int | None:
    return row[
        {Aggregation.LATEST: f"{prefix}_latest", Aggregation.MAXIMUM: f"{prefix}_max"}.get(
            row["r_aggregation"], f"{prefix}_sum"
        )
    ]


def _count(row: dict) -> Tally:
    return Tally(
        rhythm=row["r_rhythm"],
        aggregation=row["r_aggregation"],
        year=row["r_year"],
        computed=_pick(row, "r") if row["r_periods"] else None,
        periods_counted=row["r_periods"],
        first=row["r_first"],
        last=row["r_last"],
        override=row["r_override"],
        override_reason=row["r_reason"] or "",
    )


def counts_of(rows: QuerySet) -> dict[int, Tally]:
    """The year's figure of each output or outcome in `rows` (a queryset of either), by its
    id: one query. Rows not counted yet get a Tally with `computed` None."""
    return {row["pk"]: _count(row) for row in _annotated(rows, halves=False)}


def half_year_counts(rows: QuerySet) -> dict[int, tuple[Tally, int | None, int | None]]:
    """As `counts_of`, with each half year's figure (by the indicator's rule) beside it."""
    return {
        row["pk"]: (_count(row), _pick(row, "h1"), _pick(row, "h2"))
        for row in _annotated(rows, halves=True)
    }


def previous_counts(rows: QuerySet, *, previous_theories: QuerySet) -> dict[int, Tally]:
    """Last year's figure beside each row of `rows` (outputs or outcomes), by this year's
    row id: two queries.

    Last year's row is the one this year's indicator continues ("Begin aan <jaar>"), or else
    the row with the same description in the initiative's theory of the year before, among
    `previous_theories` (approved ones only, for readers outside the initiative).
    """
    model = rows.model
    current = list(
        rows.annotate(
            continued=F("indicator__previous__output")
            if model.__name__ == "Output"
            else F("indicator__previous__outcome"),
        ).values("pk", "continued", "description", "theory__initiative", "theory__year")
    )
    if not current:
        return {}
    candidates = list(
        model.objects.filter(
            theory__in=previous_theories.filter(
                initiative__in={row["theory__initiative"] for row in current}
            )
        )
        .order_by("-position", "-pk")  # below, the first row of a description wins
        .values("pk", "description", "theory__initiative", "theory__year")
    )
    by_description = {
        (row["theory__initiative"], row["theory__year"], row["description"]): row["pk"]
        for row in candidates
    }
    allowed = {row["pk"] for row in candidates}
    predecessor = {}
    for row in current:
        key = (row["theory__initiative"], row["theory__year"] - 1, row["description"])
        previous = row["continued"] if row["continued"] in allowed else by_description.get(key)
        if previous is not None:
            predecessor[row["pk"]] = previous
    if not predecessor:
        return {}
    counts = counts_of(model.objects.filter(pk__in=set(predecessor.values())))
    return {pk: counts[previous] for pk, previous in predecessor.items() if previous in counts}


def indicator_entries(indicators: Iterable[Indicator]) -> dict[int, list[ResultEntry]]:
    """Every count of the indicators, by indicator id, in period order (one query): for the
    initiative's own results page (the notes are private)."""
    grouped: dict[int, list[ResultEntry]] = defaultdict(list)
    entries = ResultEntry.objects.filter(indicator__in=[i.pk for i in indicators]).select_related(
        "entered_by", "changed_by"
    )
    for entry in entries:
        grouped[entry.indicator_id].append(entry)
    return grouped


def surveys_for(outcome_ids: Iterable[int]) -> dict[int, list[SurveyResult]]:
    """The questionnaire results of outcomes, by outcome id, oldest first (one query)."""
    grouped: dict[int, list[SurveyResult]] = defaultdict(list)
    results = SurveyResult.objects.filter(indicator__outcome__in=list(outcome_ids)).annotate(
        outcome_id=F("indicator__outcome")
    )
    for result in results.select_related("entered_by"):
        grouped[result.outcome_id].append(result)
    return grouped


def latest_surveys(outcomes: QuerySet) -> dict[int, SurveyResult]:
    """The newest questionnaire result of each outcome (one query): what a fact sheet or the
    portal shows ("x van de n deelnemers zeggen …"), without notes or names."""
    newest = Window(
        RowNumber(),
        partition_by=F("indicator"),
        order_by=(F("starts_on").desc(), F("pk").desc()),
    )
    results = (
        SurveyResult.objects.filter(
            indicator__outcome__in=outcomes.values("pk"), indicator__measure=Measure.SURVEY
        )
        .annotate(rank=newest, outcome_id=F("indicator__outcome"))
        .filter(rank=1)
        .only("period", "question", "respondents", "agreeing", "method", "indicator")
    )
    return {result.outcome_id: result for result in results}


def logbook_weeks(theory) -> dict[str, LogbookWeek]:
    """The theory's logbook pages by week code (one query)."""
    return {
        week.week: week
        for week in LogbookWeek.objects.filter(theory=theory).select_related("written_by")
    }


def overloads(theory_ids: Iterable[int]) -> dict[int, Overload]:
    """The theories among `theory_ids` whose newest logbook weeks show overload, with the
    signal (one query, reading at most four weeks per theory)."""
    newest = Window(RowNumber(), partition_by=F("theory"), order_by=F("starts_on").desc())
    weeks = (
        LogbookWeek.objects.filter(theory__in=list(theory_ids))
        .annotate(rank=newest)
        .filter(rank__lte=OVERLOAD_WEEKS)
        .order_by("theory", "-starts_on")
        .values_list("theory", "week", "busyness")
    )
    grouped: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for theory_id, week, busyness in weeks:
        grouped[theory_id].append((week, busyness))
    signals = {theory_id: overload(weeks) for theory_id, weeks in grouped.items()}
    return {theory_id: signal for theory_id, signal in signals.items() if signal}
