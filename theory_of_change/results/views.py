"""The results of a year: one page with every indicator at a glance, and a page per
indicator where its counts, how it is counted, a stated figure and questionnaire results
are recorded.

Results are recorded beside the Verandertheorie, never in it: nothing here edits the plan
or moves its status (an approved theory stays approved). Who: coordinators and editors
record, in any status; readers and advisors read; municipality staff and outsiders get 404,
as notes and who entered what stay within the initiative and its advisors
(`TheoryAccess.can_see_results`). Both pages cost the same number of queries however many
indicators and counts there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.concurrency import VERSION_FIELD, StaleVersion
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user, theories_for
from theory_of_change.models import MeasurementLevel, MeasurementPlan, Outcome, Output
from theory_of_change.results import charts
from theory_of_change.results.forms import CountForm, OverrideForm, SettingsForm, SurveyForm
from theory_of_change.results.models import (
    Aggregation,
    Indicator,
    Measure,
    ResultChange,
    ResultEntry,
    SurveyResult,
)
from theory_of_change.results.periods import InvalidPeriod, Period, Rhythm, periods_in_year
from theory_of_change.results.rules import Tally, share_label, total_caption
from theory_of_change.results.selectors import (
    counts_of,
    indicator_entries,
    previous_counts,
    surveys_for,
)
from theory_of_change.results.services import (
    ResultRefused,
    count_save,
    entry_version,
    indicator_for,
    indicator_settings_save,
    override_save,
    survey_add,
    survey_delete,
)

OUTPUT, OUTCOME = "output", "outcome"
# The history on an indicator's page shows this many changes, newest first.
HISTORY_SHOWN = 100

# --- what a page shows of one indicator ------------------------------------------------------


@dataclass(frozen=True)
class SurveyLine:
    """A questionnaire result as shown: always the share together with its n."""

    result: SurveyResult

    @property
    def period_label(self) -> str:
        return Period.parse(self.result.period).label

    @property
    def share_label(self) -> str:
        return share_label(self.result.agreeing, self.result.respondents)


@dataclass
class Summary:
    """One output or outcome with its indicator's figures for the year."""

    kind: str  # OUTPUT or OUTCOME
    row: Output | Outcome
    number: int | None  # an output's number in step 5 (the import uses it); None for outcomes
    rhythm: str
    aggregation: str
    measure: str
    tally: Tally
    previous: Tally | None
    previous_year: int
    entries: list[ResultEntry]
    surveys: list[SurveyLine]
    plans: list[MeasurementPlan]  # how step 8 or 9 says it is measured
    url: str
    columns: list[tuple[Period, ResultEntry | None]] = field(default_factory=list)
    # Counts of periods outside the rhythm's year (none, unless stored another way).
    extra_entries: list[ResultEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        by_period = {entry.period: entry for entry in self.entries}
        self.columns = [
            (period, by_period.get(period.code))
            for period in periods_in_year(self.rhythm, self.tally.year)
        ]
        self.extra_entries = [
            entry
            for entry in self.entries
            if entry.period not in {period.code for period, _entry in self.columns}
        ]

    @property
    def is_survey(self) -> bool:
        return self.kind == OUTCOME and self.measure == Measure.SURVEY

    @property
    def target(self) -> int | None:
        return getattr(self.row, "target", None)

    @property
    def unit(self) -> str:
        return getattr(self.row, "unit", "")

    @property
    def reached(self) -> bool:
        value = self.tally.value
        return self.target is not None and value is not None and value >= self.target

    @property
    def rhythm_label(self) -> str:
        return Rhythm(self.rhythm).label

    @property
    def aggregation_label(self) -> str:
        return {
            Aggregation.LATEST: _("de laatste stand"),
            Aggregation.MAXIMUM: _("de hoogste stand"),
        }.get(self.aggregation, _("opgeteld"))

    @property
    def total_caption(self) -> str:
        """What the computed figure is and over which periods."""
        return total_caption(self.tally)

    @property
    def previous_caption(self) -> str:
        return total_caption(self.previous) if self.previous else ""

    @property
    def chart(self) -> SafeString:
        if not self.entries:
            return charts.column_chart([], label="")
        columns = [
            charts.Column(period.short_label, entry.value if entry else None)
            for period, entry in self.columns
        ]
        return charts.column_chart(columns, label=self.chart_label)

    @property
    def chart_label(self) -> str:
        counted = [entry for _period, entry in self.columns if entry is not None]
        text = _(
            "Staafdiagram van „%(what)s”: de aantallen %(rhythm)s in %(year)s, "
            "%(counted)s. Hoogste aantal: %(highest)s. De aantallen staan ook in de tabel."
        )
        return text % {
            "what": self.row.description,
            "rhythm": self.rhythm_label,
            "year": self.tally.year,
            "counted": self.tally.counted_label,
            "highest": charts.number(max((entry.value for entry in counted), default=0)),
        }

    @property
    def survey_chart(self) -> SafeString:
        shares = [
            charts.Share(
                f"{line.period_label}: {line.result.question}",
                line.result.agreeing,
                line.result.respondents,
            )
            for line in self.surveys
        ]
        text = _(
            "Uitkomsten van de vragenlijsten over „%(what)s”: per vraag het deel van de "
            "gevraagde mensen dat ja zei, met het aantal gevraagde mensen erbij. De aantallen "
            "staan ook in de tabel."
        ) % {"what": self.row.description}
        return charts.share_chart(shares, label=text)


def _default_measure(plans: list[MeasurementPlan]) -> str:
    """As `services.default_measure`, from plans already loaded."""
    asks = any(plan.method is not None and plan.method.asks_people for plan in plans)
    return Measure.SURVEY if asks else Measure.COUNT


def _indicator(row: Output | Outcome) -> Indicator | None:
    try:
        return row.indicator
    except Indicator.DoesNotExist:
        return None


def _summaries(
    access: TheoryAccess,
    kind: str,
    rows: list,
    *,
    numbers: dict[int, int] | None = None,
    entries: dict[int, list[ResultEntry]] | None = None,
) -> list[Summary]:
    """The summaries of `rows` (outputs or outcomes of the theory, loaded with their
    indicator and measurement plans): a fixed number of queries for any number of rows.
    `entries` are the counts by indicator id when they were loaded already."""
    if not rows:
        return []
    theory = access.theory
    model = Output if kind == OUTPUT else Outcome
    selection = model.objects.filter(pk__in=[row.pk for row in rows])
    tallies = counts_of(selection)
    previous = previous_counts(selection, previous_theories=theories_for(access.initiative_access))
    if entries is None:
        entries = _entries(rows)
    surveys = surveys_for(row.pk for row in rows) if kind == OUTCOME else {}
    summaries = []
    for row in rows:
        indicator = _indicator(row)
        plans = list(row.measurement_plans.all())
        tally = tallies[row.pk]
        summaries.append(
            Summary(
                kind=kind,
                row=row,
                number=(numbers or {}).get(row.pk),
                rhythm=tally.rhythm,
                aggregation=tally.aggregation,
                measure=indicator.measure if indicator else _default_measure(plans),
                tally=tally,
                previous=previous.get(row.pk),
                previous_year=theory.year - 1,
                entries=entries.get(indicator.pk, []) if indicator else [],
                surveys=[SurveyLine(result) for result in surveys.get(row.pk, [])],
                plans=plans,
                url=_indicator_url(access, kind, row.pk),
            )
        )
    return summaries


def _entries(rows: list) -> dict[int, list[ResultEntry]]:
    """The counts of the rows' indicators, by indicator id: one query (none without any)."""
    indicators = [indicator for row in rows if (indicator := _indicator(row)) is not None]
    return indicator_entries(indicators) if indicators else {}


def _plans(level: str) -> Prefetch:
    return Prefetch(
        "measurement_plans",
        queryset=MeasurementPlan.objects.filter(level=level).select_related("method"),
    )


# --- access and addresses --------------------------------------------------------------------


def _access(request: HttpRequest, slug: str, year: int) -> TheoryAccess:
    """Members and advisors: 404 for whoever may not see results (outsiders, and
    municipality staff, who see totals of approved theories only)."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    return access


def _results_url(access: TheoryAccess) -> str:
    return reverse(
        "theory_of_change:results",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year},
    )


def _indicator_url(access: TheoryAccess, kind: str, pk: int) -> str:
    return reverse(
        f"theory_of_change:result_{kind}",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year, "pk": pk},
    )


# --- the results page ------------------------------------------------------------------------


@login_required
@require_GET
def results(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = _access(request, slug, year)
    theory = access.theory
    outputs = list(
        theory.outputs.order_by("position", "pk")
        .select_related("indicator")
        .prefetch_related(_plans(MeasurementLevel.OUTPUT))
    )
    outcomes = list(
        theory.outcomes.order_by("position", "pk")
        .select_related("indicator")
        .prefetch_related(_plans(MeasurementLevel.OUTCOME))
    )
    # Effects that step 9 measures, and any effect something was recorded for already.
    measured = [
        row for row in outcomes if row.measurement_plans.all() or _indicator(row) is not None
    ]
    entries = _entries(outputs + measured)  # one query for both
    return render(
        request,
        "theory_of_change/results/results.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "outputs": _summaries(
                access,
                OUTPUT,
                outputs,
                numbers={row.pk: number for number, row in enumerate(outputs, start=1)},
                entries=entries,
            ),
            "outcomes": _summaries(access, OUTCOME, measured, entries=entries),
            "unmeasured_count": len(outcomes) - len(measured),
            "logbook_url": reverse(
                "theory_of_change:logbook", kwargs={"slug": slug, "year": theory.year}
            ),
            "import_url": reverse(
                "theory_of_change:results_import", kwargs={"slug": slug, "year": theory.year}
            ),
        },
    )


# --- an indicator's page ---------------------------------------------------------------------


def default_period(rhythm: str, year: int, counted: set[str], today: date) -> Period:
    """The period the count form opens with: the current one in the current year; in
    another year the one after the newest counted (the first when none is), or the newest
    still empty once the last is counted, or the last."""
    periods = periods_in_year(rhythm, year)
    current = Period.containing(rhythm, today)
    if current.year == year:
        return current
    done = [index for index, period in enumerate(periods) if period.code in counted]
    if not done:
        return periods[0]
    if done[-1] + 1 < len(periods):
        return periods[done[-1] + 1]
    empty = [period for period in periods if period.code not in counted]
    return empty[-1] if empty else periods[-1]


@dataclass(frozen=True)
class StoredCount:
    """What is stored for a period now, as the conflict box shows it beside what was
    typed."""

    period: Period
    entry: ResultEntry | None
    switched: bool  # the form was opened for another period


@login_required
@require_http_methods(["GET", "POST"])
def result_output(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    return _indicator_page(request, slug, year, OUTPUT, pk)


@login_required
@require_http_methods(["GET", "POST"])
def result_outcome(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    return _indicator_page(request, slug, year, OUTCOME, pk)


def _load_row(access: TheoryAccess, kind: str, pk: int) -> Output | Outcome:
    model, level = (
        (Output, MeasurementLevel.OUTPUT) if kind == OUTPUT else (Outcome, MeasurementLevel.OUTCOME)
    )
    row = (
        model.objects.filter(theory=access.theory, pk=pk)
        .select_related("indicator")
        .prefetch_related(_plans(level))
        .first()
    )
    if row is None:
        raise Http404
    row.theory = access.theory
    return row


def _output_number(row: Output) -> int:
    """The output's number in step 5, as the results page and the import use it."""
    earlier = Q(position__lt=row.position) | Q(position=row.position, pk__lt=row.pk)
    return Output.objects.filter(theory=row.theory_id).filter(earlier).count() + 1


class _Page:
    """The forms of an indicator's page and what a POST did to them."""

    def __init__(self, request: HttpRequest, access: TheoryAccess, kind: str, row: Model):
        self.request, self.access, self.kind, self.row = request, access, kind, row
        self.theory = access.theory
        self.summary = _summaries(
            access,
            kind,
            [row],
            numbers={row.pk: _output_number(row)} if kind == OUTPUT else None,
        )[0]
        self.counted = {entry.period: entry for entry in self.summary.entries}
        self.conflict: StoredCount | None = None
        self.count_form = self.settings_form = self.override_form = self.survey_form = None
        self.base_version = ""
        self.opened_period = ""
        self.problem_form = ""  # which form a POST left with errors (to open and focus)

    # The forms as a GET shows them.

    def build_forms(self) -> None:
        summary = self.summary
        if not self.access.can_record_results:
            return
        if self.count_form is None and not summary.is_survey:
            period = self._requested_period()
            entry = self.counted.get(period.code)
            self.count_form = CountForm(
                prefix="count",
                initial={
                    "period": period.code,
                    "value": entry.value if entry else "",
                    "note": entry.note if entry else "",
                },
                **self._count_kwargs(),
            )
            self.base_version = entry_version(entry)
            self.opened_period = period.code
        if self.settings_form is None:
            self.settings_form = SettingsForm(
                prefix="settings",
                is_outcome=self.kind == OUTCOME,
                initial={
                    "rhythm": summary.rhythm,
                    "aggregation": summary.aggregation,
                    "measure": summary.measure,
                },
            )
        if self.override_form is None:
            self.override_form = OverrideForm(
                prefix="override",
                initial={
                    "value": summary.tally.override if summary.tally.is_override else "",
                    "reason": summary.tally.override_reason,
                },
            )
        if self.kind == OUTCOME and self.survey_form is None:
            self.survey_form = SurveyForm(prefix="survey", year=self.theory.year)

    def _count_kwargs(self) -> dict:
        return {
            "rhythm": self.summary.rhythm,
            "year": self.theory.year,
            "counted": {code: entry.value for code, entry in self.counted.items()},
        }

    def _requested_period(self) -> Period:
        """The period of `?periode=` when it is one of the indicator's, else the default."""
        code = self.request.GET.get("periode", "")
        for period, _entry in self.summary.columns:
            if period.code == code:
                return period
        return default_period(
            self.summary.rhythm, self.theory.year, set(self.counted), timezone.localdate()
        )

    # POSTs: each validates its form and calls one service; None means "show the page".

    def post(self) -> HttpResponse | None:
        require(self.access.can_record_results)
        action = self.request.POST.get("form", "count")
        handler = {
            "settings": self.save_settings,
            "override": self.save_override,
            "survey": self.add_survey,
            "survey_delete": self.delete_survey,
        }.get(action, self.save_count)
        return handler()

    def _writable_indicator(self) -> Indicator:
        """The indicator to write to, made with the defaults when there is none yet."""
        indicator = indicator_for(**{self.kind: self.row})
        indicator.theory = self.theory
        return indicator

    def _done(self, message: str, anchor: str, query: str = "") -> HttpResponse:
        messages.success(self.request, message)
        return redirect(f"{self.summary.url}{query}#{anchor}")

    def save_count(self) -> HttpResponse | None:
        form = CountForm(self.request.POST, prefix="count", **self._count_kwargs())
        self.count_form, self.problem_form = form, "count"
        self.base_version = self.request.POST.get(VERSION_FIELD, "")
        self.opened_period = self.request.POST.get("opened_period", "")
        if not form.is_valid():
            return None
        period, value = form.period(), form.cleaned_data["value"]
        note = form.cleaned_data["note"].strip()
        before = self.counted.get(period.code)
        try:
            count_save(
                indicator=self._writable_indicator(),
                period=period,
                value=value,
                note=note,
                by=self.request.user,
                base_version=self.base_version,
            )
        except StaleVersion as error:
            # Nothing was saved: show what is stored now beside the form, which keeps what
            # was typed and carries the new version (saving again overwrites on purpose).
            self.conflict = StoredCount(
                period=period,
                entry=error.current,
                switched=bool(self.opened_period) and self.opened_period != period.code,
            )
            self.base_version = error.version
            self.opened_period = period.code
            return None
        except ResultRefused as refused:
            form.add_error("period", str(refused))
            return None
        return self._done(_count_message(period, before, value, note), "telling", "")

    def save_settings(self) -> HttpResponse | None:
        form = SettingsForm(self.request.POST, prefix="settings", is_outcome=self.kind == OUTCOME)
        self.settings_form, self.problem_form = form, "settings"
        if not form.is_valid():
            return None
        try:
            indicator = indicator_settings_save(
                indicator=self._writable_indicator(),
                rhythm=form.cleaned_data["rhythm"],
                aggregation=form.cleaned_data["aggregation"],
                measure=form.cleaned_data.get("measure"),
            )
        except ResultRefused as refused:
            form.add_error("rhythm", str(refused))
            return None
        message = _("Opgeslagen: je telt dit %(rhythm)s en het jaar is %(aggregation)s.") % {
            "rhythm": indicator.get_rhythm_display(),
            "aggregation": {
                Aggregation.LATEST: _("de laatste stand"),
                Aggregation.MAXIMUM: _("de hoogste stand"),
            }.get(indicator.aggregation, _("alles opgeteld")),
        }
        return self._done(message, "instellingen")

    def save_override(self) -> HttpResponse | None:
        if "clear" in self.request.POST:
            override_save(
                indicator=self._writable_indicator(), value=None, reason="", by=self.request.user
            )
            return self._done(
                _(
                    "Het vastgestelde aantal is weggehaald. Het jaarcijfer komt weer uit de "
                    "tellingen."
                ),
                "vastgesteld",
            )
        form = OverrideForm(self.request.POST, prefix="override")
        self.override_form, self.problem_form = form, "override"
        if not form.is_valid():
            return None
        try:
            override_save(
                indicator=self._writable_indicator(),
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except ResultRefused as refused:
            form.add_error("reason", str(refused))
            return None
        return self._done(
            _("Opgeslagen: het jaarcijfer is vastgesteld op %(value)s.")
            % {"value": charts.number(form.cleaned_data["value"])},
            "vastgesteld",
        )

    def add_survey(self) -> HttpResponse | None:
        if self.kind != OUTCOME:
            raise Http404
        form = SurveyForm(self.request.POST, prefix="survey", year=self.theory.year)
        self.survey_form, self.problem_form = form, "survey"
        if not form.is_valid():
            return None
        data = form.cleaned_data
        try:
            result = survey_add(
                indicator=self._writable_indicator(),
                period=form.period(),
                question=data["question"].strip(),
                respondents=data["respondents"],
                agreeing=data["agreeing"],
                method=data["method"],
                note=data["note"].strip(),
                by=self.request.user,
            )
        except ResultRefused as refused:
            form.add_error(None, str(refused))
            return None
        line = SurveyLine(result)
        return self._done(
            _("Opgeslagen: %(period)s, %(share)s.")
            % {"period": line.period_label, "share": line.share_label},
            "vragenlijsten",
        )

    def delete_survey(self) -> HttpResponse | None:
        if self.kind != OUTCOME:
            raise Http404
        indicator = _indicator(self.row)
        try:
            pk = int(self.request.POST.get("survey", ""))
        except ValueError:
            raise Http404 from None
        result = (
            SurveyResult.objects.filter(pk=pk, indicator=indicator).first() if indicator else None
        )
        if result is None:
            raise Http404
        result.indicator.theory = self.theory
        line = SurveyLine(result)
        survey_delete(result=result)
        return self._done(
            _("Weggehaald: %(period)s, %(share)s.")
            % {"period": line.period_label, "share": line.share_label},
            "vragenlijsten",
        )

    # The page.

    def render(self) -> HttpResponse:
        self.build_forms()
        indicator = _indicator(self.row)
        history = []
        if indicator is not None:
            changes = ResultChange.objects.filter(indicator=indicator).select_related("by")
            history = list(changes[: HISTORY_SHOWN + 1])
        for change in history:
            change.period_label = _period_label(change.period)
        override_by = indicator.override_by if indicator and indicator.override_by_id else None
        return render(
            self.request,
            "theory_of_change/results/indicator.html",
            {
                "access": self.access,
                "theory": self.theory,
                "initiative": self.access.initiative,
                "summary": self.summary,
                "kind": self.kind,
                "indicator": indicator,
                "override_by": override_by,
                "history": history[:HISTORY_SHOWN],
                "history_cut": len(history) > HISTORY_SHOWN,
                "count_form": self.count_form,
                "settings_form": self.settings_form,
                "override_form": self.override_form,
                "survey_form": self.survey_form,
                "base_version": self.base_version,
                "version_field": VERSION_FIELD,
                "opened_period": self.opened_period,
                "conflict": self.conflict,
                "problem_form": self.problem_form,
                "results_url": _results_url(self.access),
            },
        )


def _period_label(code: str) -> str:
    try:
        return Period.parse(code).label
    except InvalidPeriod:
        return code


def _count_message(period: Period, before: ResultEntry | None, value: int | None, note: str) -> str:
    """What saving a count did, in one sentence with the old value for a correction."""
    label = period.label
    if value is None:
        if before is None:
            return _("Voor %(period)s stond niets; er is niets veranderd.") % {"period": label}
        return _("De telling van %(period)s (%(old)s) is weggehaald.") % {
            "period": label,
            "old": charts.number(before.value),
        }
    if before is None:
        return _("Opgeslagen: %(period)s, %(value)s.") % {
            "period": label,
            "value": charts.number(value),
        }
    if before.value != value:
        return _("Gecorrigeerd: %(period)s was %(old)s en is nu %(value)s.") % {
            "period": label,
            "old": charts.number(before.value),
            "value": charts.number(value),
        }
    if before.note != note:
        return _("De notitie bij %(period)s is opgeslagen.") % {"period": label}
    return _("Er veranderde niets aan %(period)s.") % {"period": label}


def _indicator_page(request: HttpRequest, slug: str, year: int, kind: str, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    row = _load_row(access, kind, pk)
    page = _Page(request, access, kind, row)
    if request.method == "POST":
        response = page.post()
        if response is not None:
            return response
    return page.render()
