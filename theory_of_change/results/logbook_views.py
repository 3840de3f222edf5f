"""The weekly logbook (Middelstum's practice): the weeks of a year at a glance, and one
screen per week with the week's counts, what went on and how busy the volunteers were.

Who: coordinators and editors write, in any status of the Verandertheorie (recording never
moves the status); readers and advisors read; municipality staff and outsiders get 404, as
the notes can name residents (`TheoryAccess.can_see_results`). Each page costs the same
number of queries however many weeks and counts there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.concurrency import VERSION_FIELD, StaleVersion
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.models import TheoryOfChange
from theory_of_change.results.logbook_forms import LogbookWeekForm, count_field_name
from theory_of_change.results.models import (
    Busyness,
    Indicator,
    LogbookWeek,
    Measure,
    ResultChange,
    ResultEntry,
)
from theory_of_change.results.periods import (
    InvalidPeriod,
    Period,
    PeriodKind,
    Rhythm,
    periods_in_year,
)
from theory_of_change.results.rules import Overload, overload
from theory_of_change.results.selectors import logbook_weeks
from theory_of_change.results.services import (
    ResultRefused,
    logbook_version,
    logbook_week_save,
)

# --- reads -----------------------------------------------------------------------------------


def weekly_indicators(theory: TheoryOfChange) -> list[Indicator]:
    """The indicators counted per week (outputs, and outcomes measured by counting), in the
    order of the plan: outputs of step 5 first, then outcomes of step 6. One query."""
    indicators = list(
        Indicator.objects.filter(theory=theory, rhythm=Rhythm.WEEK)
        .filter(Q(output__isnull=False) | Q(measure=Measure.COUNT))
        .select_related("output", "outcome")
    )
    for indicator in indicators:
        indicator.theory = theory  # the services read it: no query per indicator
    return sorted(
        indicators,
        key=lambda item: (item.output_id is None, item.row.position, item.row.pk),
    )


def week_counts(indicators: list[Indicator]) -> dict[tuple[int, str], int]:
    """The weekly counts of `indicators` by (indicator id, week code): one query."""
    if not indicators:
        return {}
    entries = ResultEntry.objects.filter(
        indicator__in=[indicator.pk for indicator in indicators], period_kind=PeriodKind.WEEK
    ).values_list("indicator", "period", "value")
    return {(indicator, period): value for indicator, period, value in entries}


def week_history(indicators: list[Indicator], week: Period) -> dict[int, list[ResultChange]]:
    """Every change of the week's counts by indicator id, newest first: one query."""
    grouped: dict[int, list[ResultChange]] = defaultdict(list)
    if indicators:
        changes = ResultChange.objects.filter(
            indicator__in=[indicator.pk for indicator in indicators], period=week.code
        ).select_related("by")
        for change in changes:
            grouped[change.indicator_id].append(change)
    return grouped


def logbook_overload(pages: dict[str, LogbookWeek]) -> Overload | None:
    """The overload signal from logbook pages already loaded (`selectors.logbook_weeks`)."""
    newest_first = sorted(pages.values(), key=lambda page: page.starts_on, reverse=True)
    return overload([(page.week, page.busyness) for page in newest_first])


def weeks_so_far(year: int, today: date) -> list[Period]:
    """The weeks of `year` up to and including the week of `today` (all of a past year,
    none of a year to come)."""
    current = Period.containing(PeriodKind.WEEK, today)
    return [week for week in periods_in_year(PeriodKind.WEEK, year) if week <= current]


def week_to_fill(year: int, today: date, filled: set[str]) -> Period | None:
    """The week the logbook's main button opens: this week in the current year. In a past
    year the week after the newest one filled in (the first week if none is); once the last
    week is filled in, the newest week still empty; None when every week is. None for a
    year to come."""
    current = Period.containing(PeriodKind.WEEK, today)
    if current.year == year:
        return current
    if current.year < year:
        return None
    weeks = periods_in_year(PeriodKind.WEEK, year)
    done = [index for index, week in enumerate(weeks) if week.code in filled]
    if not done:
        return weeks[0]
    if done[-1] + 1 < len(weeks):
        return weeks[done[-1] + 1]
    empty = [week for week in weeks if week.code not in filled]
    return empty[-1] if empty else None


# --- pages -----------------------------------------------------------------------------------


def _access(request: HttpRequest, slug: str, year: int) -> TheoryAccess:
    """Members and advisors: 404 for whoever may not see results (outsiders, and
    municipality staff, who see totals of approved theories only)."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    return access


def _week_url(access: TheoryAccess, week: Period) -> str:
    return reverse(
        "theory_of_change:logbook_week",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year, "week": week.code},
    )


def _logbook_url(access: TheoryAccess) -> str:
    return reverse(
        "theory_of_change:logbook",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year},
    )


def _results_url(access: TheoryAccess) -> str:
    """Where the rhythm of each result is chosen: the results page, or the overview of the
    Verandertheorie until there is one."""
    kwargs = {"slug": access.initiative.slug, "year": access.theory.year}
    try:
        return reverse("theory_of_change:results", kwargs=kwargs)
    except NoReverseMatch:
        return access.theory.get_absolute_url()


def _output_links(access: TheoryAccess) -> list[tuple[str, str]]:
    """The outputs of step 5 with the page where each one's rhythm is set, when those pages
    exist: for a logbook without weekly counts. One query."""
    outputs = access.theory.outputs.order_by("position", "pk").values_list("pk", "description")
    links = []
    for pk, description in outputs:
        kwargs = {"slug": access.initiative.slug, "year": access.theory.year, "pk": pk}
        try:
            links.append((description, reverse("theory_of_change:result_output", kwargs=kwargs)))
        except NoReverseMatch:
            return []
    return links


@dataclass(frozen=True)
class WeekRow:
    """One week in the logbook's list."""

    week: Period
    counts: list[tuple[str, int | None]]  # (label, value) per weekly indicator, in order
    page: LogbookWeek | None
    url: str

    @property
    def is_empty(self) -> bool:
        return self.page is None and all(value is None for _label, value in self.counts)


@login_required
@require_GET
def logbook(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = _access(request, slug, year)
    theory = access.theory
    today = timezone.localdate()
    indicators = weekly_indicators(theory)
    counts = week_counts(indicators)
    pages = logbook_weeks(theory)
    rows = [
        WeekRow(
            week=week,
            counts=[
                (indicator.row.description, counts.get((indicator.pk, week.code)))
                for indicator in indicators
            ],
            page=pages.get(week.code),
            url=_week_url(access, week),
        )
        for week in reversed(weeks_so_far(year, today))
    ]
    filled = set(pages) | {code for _indicator, code in counts}
    target = week_to_fill(year, today, filled)
    return render(
        request,
        "theory_of_change/results/logbook.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "indicators": indicators,
            "rows": rows,
            "filled_count": sum(not row.is_empty for row in rows),
            "target": target,
            "target_url": _week_url(access, target) if target else "",
            "is_current_year": Period.containing(PeriodKind.WEEK, today).year == year,
            "is_future_year": Period.containing(PeriodKind.WEEK, today).year < year,
            "overload": logbook_overload(pages),
            "results_url": _results_url(access),
        },
    )


def _parse_week(code: str, theory: TheoryOfChange) -> Period:
    """The week of `code` ("2025-W10"); 404 for anything else or a week of another year."""
    try:
        week = Period.parse(code)
    except InvalidPeriod:
        raise Http404 from None
    if week.kind != PeriodKind.WEEK or week.year != theory.year or week.code != code.upper():
        raise Http404
    return week


@dataclass(frozen=True)
class StoredWeek:
    """What is stored for a week now, as the conflict box shows it beside what was typed."""

    counts: list[tuple[str, int | None]]  # (label, value) per weekly indicator
    note: str
    busyness: str
    written_by: str
    written_at: object


def _stored_week(indicators: list[Indicator], current: tuple) -> StoredWeek:
    page, stored = current
    return StoredWeek(
        counts=[(indicator.row.description, stored.get(indicator.pk)) for indicator in indicators],
        note=page.note if page else "",
        busyness=Busyness(page.busyness).label if page and page.busyness else "",
        written_by=page.written_by.display_name if page and page.written_by else "",
        written_at=page.written_at if page else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def logbook_week(request: HttpRequest, slug: str, year: int, week: str) -> HttpResponse:
    access = _access(request, slug, year)
    theory = access.theory
    period = _parse_week(week, theory)
    if request.method == "POST":
        require(access.can_record_results)
    indicators = weekly_indicators(theory)
    page = (
        LogbookWeek.objects.filter(theory=theory, week=period.code)
        .select_related("written_by")
        .first()
    )
    stored = dict(
        ResultEntry.objects.filter(indicator__in=indicators, period=period.code).values_list(
            "indicator", "value"
        )
    )
    stored_counts = {indicator.pk: stored.get(indicator.pk) for indicator in indicators}
    conflict: StoredWeek | None = None
    form: LogbookWeekForm | None = None
    base_version = logbook_version(week=page, counts=stored_counts)

    if request.method == "POST":
        form = LogbookWeekForm(request.POST, indicators=indicators)
        base_version = request.POST.get(VERSION_FIELD, "")
        if form.is_valid():
            try:
                logbook_week_save(
                    theory=theory,
                    week=period,
                    counts=form.week_counts(),
                    note=form.cleaned_data["note"],
                    busyness=form.cleaned_data["busyness"],
                    by=request.user,
                    base_version=base_version,
                )
            except StaleVersion as error:
                # Nothing was saved: show what is stored now beside the form, which keeps
                # what was typed and carries the new version (saving again overwrites it on
                # purpose).
                conflict, base_version = _stored_week(indicators, error.current), error.version
                page = error.current[0]
            except ResultRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    _("Week %(number)s is opgeslagen in het logboek.") % {"number": period.number},
                )
                return redirect(_week_url(access, period))
    elif access.can_record_results:
        initial = {
            count_field_name(indicator): stored_counts[indicator.pk] for indicator in indicators
        }
        if page is not None:
            initial.update(note=page.note, busyness=page.busyness)
        form = LogbookWeekForm(initial=initial, indicators=indicators)

    history = week_history(indicators, period)
    previous_week, next_week = period.previous(), period.next()
    return render(
        request,
        "theory_of_change/results/logbook_week.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "week": period,
            "page": page,
            "form": form,
            "base_version": base_version,
            "version_field": VERSION_FIELD,
            "conflict": conflict,
            "note_input": form.input_html("note") if form else "",
            "counts": [
                {
                    "indicator": indicator,
                    "value": stored_counts[indicator.pk],
                    "field": form[count_field_name(indicator)] if form else None,
                    "input": form.input_html(
                        count_field_name(indicator), "form-control text-center logbook-count"
                    )
                    if form
                    else "",
                    # The newest change is the value shown; the older ones were corrected.
                    "latest": history[indicator.pk][0] if history[indicator.pk] else None,
                    "earlier": history[indicator.pk][1:],
                }
                for indicator in indicators
            ],
            "previous_url": _week_url(access, previous_week)
            if previous_week.year == theory.year
            else "",
            "previous_week": previous_week,
            "next_url": _week_url(access, next_week) if next_week.year == theory.year else "",
            "next_week": next_week,
            "logbook_url": _logbook_url(access),
            "results_url": _results_url(access),
            "output_links": [] if indicators else _output_links(access),
        },
    )
