"""What the portal says about a selection: a row per initiative, totals, chart data and
the export tables.

Every function reads a fixed number of queries, however many initiatives the selection
holds: rows are built from one query per kind of fact (theories, themes), never one per
initiative. Only approved Verandertheorieën contribute content; for the others the portal
only says that one is in preparation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Max, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from impact.portal.selection import Selection
from impact.portal.volunteers import VolunteerCount, count_volunteers
from initiatives.models import Initiative
from theory_of_change.models import Activity, Output, Resource, Status, Theme, TheoryOfChange
from theory_of_change.results.rules import Tally
from theory_of_change.results.selectors import counts_of, half_year_counts, previous_counts

# The charts show this many initiatives' key figures, and this many figures each (like the
# fact sheet); the exports always hold all of them.
CHART_INITIATIVES = 12
CHART_FIGURES = 4


class YearState:
    """How far an initiative is with its Verandertheorie of the selected year."""

    APPROVED = "approved"
    PREPARING = "preparing"  # a theory exists, not approved (yet): its content stays hidden
    NONE = "none"


@dataclass(frozen=True)
class InitiativeRow:
    initiative: Initiative
    state: str  # a YearState
    approved_years: list[int]  # newest first
    themes: list[str]  # of the selected year's approved theory

    @property
    def latest_approved_year(self) -> int | None:
        return self.approved_years[0] if self.approved_years else None

    @property
    def is_approved(self) -> bool:
        """The selected year's Verandertheorie is approved: its content may be shown."""
        return self.state == YearState.APPROVED

    @property
    def is_preparing(self) -> bool:
        return self.state == YearState.PREPARING


def initiative_rows(initiatives: Sequence[Initiative], *, year: int) -> list[InitiativeRow]:
    """A row per initiative, in two queries for any number of initiatives."""
    ids = [initiative.pk for initiative in initiatives]
    approved: dict[int, list[int]] = defaultdict(list)
    has_theory_this_year: set[int] = set()
    # Statuses of every theory, never their content: a municipality learns only that an
    # initiative has a Verandertheorie in preparation ("In voorbereiding").
    for initiative_id, theory_year, status in (
        TheoryOfChange.objects.filter(initiative__in=ids)
        .order_by("-year")
        .values_list("initiative", "year", "status")
    ):
        if status == Status.APPROVED:
            approved[initiative_id].append(theory_year)
        if theory_year == year:
            has_theory_this_year.add(initiative_id)
    themes = themes_per_initiative(ids, year=year)
    rows = []
    for initiative in initiatives:
        if year in approved[initiative.pk]:
            state = YearState.APPROVED
        elif initiative.pk in has_theory_this_year:
            state = YearState.PREPARING
        else:
            state = YearState.NONE
        rows.append(
            InitiativeRow(
                initiative=initiative,
                state=state,
                approved_years=approved[initiative.pk],
                themes=themes.get(initiative.pk, []),
            )
        )
    return rows


def themes_per_initiative(initiative_ids: Sequence[int], *, year: int) -> dict[int, list[str]]:
    """The themes of each initiative's approved theory of `year`, in list order (one query)."""
    tagged = (
        Theme.objects.filter(
            impacts__theory__in=TheoryOfChange.objects.approved().filter(
                initiative__in=initiative_ids, year=year
            ),
        )
        .annotate(initiative_id=F("impacts__theory__initiative"))
        .order_by("position", "name")
        .distinct()
    )
    themes: dict[int, list[str]] = defaultdict(list)
    for theme in tagged:
        if theme.localized_name not in themes[theme.initiative_id]:
            themes[theme.initiative_id].append(theme.localized_name)
    return themes


@dataclass(frozen=True)
class Totals:
    """The year at a glance, over the approved Verandertheorieën of the selection."""

    initiatives: int  # in the selection
    approved: int  # of them with an approved Verandertheorie this year
    activities: int
    volunteers: VolunteerCount  # people and hours, counted by the rules of `volunteers`
    indicators: int  # output indicators with a target
    indicators_counted: int  # … with a figure (counted, or stated with a reason)
    indicators_reached: int  # … of which the target was reached
    initiatives_with_figures: int  # initiatives with at least one such indicator


def year_totals(selection: Selection) -> Totals:
    """Six queries, whatever the number of initiatives."""
    theories = selection.approved_theories()
    approved = theories.count()
    # Per theory and unit the largest amount: `count_volunteers` takes the largest per
    # initiative and unit anyway, so the database can hand over one row per unit.
    volunteers = (
        Resource.objects.filter(
            theory__in=theories, kind__counts_volunteers=True, amount__isnull=False
        )
        .values("theory", "unit")
        .annotate(largest=Max("amount"))
        .order_by()
        .values_list("theory", "largest", "unit")
    )
    with_target = Output.objects.filter(theory__in=theories, target__isnull=False)
    targets = {
        pk: (target, initiative)
        for pk, target, initiative in with_target.values_list("pk", "target", "theory__initiative")
    }
    achieved = {pk: tally.value for pk, tally in counts_of(with_target).items()}
    counted = [pk for pk, value in achieved.items() if value is not None]
    return Totals(
        initiatives=selection.initiatives().count(),
        approved=approved,
        activities=Activity.objects.filter(theory__in=theories).count(),
        volunteers=count_volunteers(volunteers, initiatives=approved),
        indicators=len(targets),
        indicators_counted=len(counted),
        indicators_reached=sum(achieved[pk] >= targets[pk][0] for pk in counted),
        initiatives_with_figures=len({initiative for _target, initiative in targets.values()}),
    )


@dataclass(frozen=True)
class ThemeCount:
    name: str
    initiatives: int


def theme_counts(selection: Selection) -> list[ThemeCount]:
    """How many initiatives work on each theme this year, most first (one query)."""
    theories = selection.approved_theories()
    # Filtering before annotating makes the count run over the filtered join only.
    counted = (
        Theme.objects.filter(impacts__theory__in=theories)
        .annotate(initiatives=Count("impacts__theory__initiative", distinct=True))
        .order_by("-initiatives", "position", "name")
    )
    return [ThemeCount(theme.localized_name, theme.initiatives) for theme in counted]


@dataclass(frozen=True)
class Figure:
    """A key figure: an output indicator with its target, what was achieved this year (as
    counted, or stated with a reason) and last year's figure beside it."""

    initiative: Initiative
    description: str
    unit: str
    target: int | None
    count: Tally | None  # the results counted; None when there are none
    previous: Tally | None = None  # last year's figure, from its approved theory
    halves: tuple[int | None, int | None] = (None, None)  # with `key_figures(halves=True)`

    @property
    def achieved(self) -> int | None:
        return self.count.value if self.count else None

    @property
    def label(self) -> str:
        return self.unit or self.description

    @property
    def reached(self) -> bool | None:
        """Whether the target is reached; None when there is no target or no figure."""
        if self.target is None or self.achieved is None:
            return None
        return self.achieved >= self.target

    @property
    def result_label(self) -> str:
        """ "48 van 52 dorpsdiners"; "streefgetal: 52 dorpsdiners" before anything counts."""
        values = {
            "achieved": _number(self.achieved),
            "target": _number(self.target),
            "label": self.label,
        }
        if self.achieved is None:
            if self.target is None:
                return self.label
            return _("streefgetal: %(target)s %(label)s") % values
        if self.target is None:
            return _("%(achieved)s %(label)s") % values
        return _("%(achieved)s van %(target)s %(label)s") % values

    @property
    def progress_label(self) -> str:
        """The numbers only, for a table with the label beside them: "48 van 52",
        "streefgetal 52" before anything counts, "48" without a target."""
        values = {"achieved": _number(self.achieved), "target": _number(self.target)}
        if self.achieved is None:
            return _("streefgetal %(target)s") % values if self.target is not None else "–"
        if self.target is None:
            return values["achieved"]
        return _("%(achieved)s van %(target)s") % values

    @property
    def source_label(self) -> str:
        """ "geteld jan–nov 2025", "vastgesteld: <reden>" or "nog niets geteld"."""
        return self.count.source_label if self.count else _("nog niets geteld")

    @property
    def previous_value(self) -> int | None:
        return self.previous.value if self.previous else None

    @property
    def previous_label(self) -> str:
        """ "2024: 41", or "" when last year has no figure."""
        if self.previous_value is None:
            return ""
        return _("%(year)s: %(value)s") % {
            "year": self.previous.year,
            "value": _number(self.previous_value),
        }

    @property
    def note(self) -> str:
        """The source and last year's figure in one line, for a chart: "geteld jan–nov 2025
        · 2024: 41". Before anything is counted only last year's: the chart says "nog niet
        geteld" already."""
        source = self.source_label if self.achieved is not None else ""
        return " · ".join(filter(None, [source, self.previous_label]))


def _number(value: int | None) -> str:
    return "" if value is None else number_format(value, force_grouping=True)


def previous_theories(selection: Selection) -> QuerySet[TheoryOfChange]:
    """The approved Verandertheorieën of the year before, of the selection's initiatives:
    where last year's figures may come from."""
    return TheoryOfChange.objects.approved().filter(
        year=selection.year - 1, initiative__in=selection.initiatives()
    )


def key_figures(
    selection: Selection, *, initiatives: int | None = None, halves: bool = False
) -> list[Figure]:
    """Every output indicator of the year's approved theories, by initiative, with its
    results and last year's figure; with `halves`, each half year's figure too. A fixed
    number of queries: the outputs, their figures (one), last year's figures (at most four).

    With `initiatives`, only those of the first that many initiatives (by name) that have
    an indicator with a target: what a chart has room for, read without loading the rest.
    """
    outputs = Output.objects.filter(theory__in=selection.approved_theories())
    if initiatives is not None:
        with_targets = outputs.filter(target__isnull=False).values("theory__initiative")
        first = (
            Initiative.objects.filter(pk__in=with_targets)
            .order_by("name", "pk")
            .values("pk")[:initiatives]
        )
        outputs = outputs.filter(theory__initiative__in=first)
    outputs = outputs.select_related("theory__initiative__municipality").order_by(
        "theory__initiative__name", "theory__initiative", "position", "pk"
    )
    if halves:
        with_halves = half_year_counts(outputs)
        counts = {pk: tally for pk, (tally, _h1, _h2) in with_halves.items()}
        half_figures = {pk: (h1, h2) for pk, (_tally, h1, h2) in with_halves.items()}
    else:
        counts, half_figures = counts_of(outputs), {}
    previous = previous_counts(outputs, previous_theories=previous_theories(selection))
    return [
        Figure(
            initiative=output.theory.initiative,
            description=output.description,
            unit=output.unit,
            target=output.target,
            count=counts.get(output.pk),
            previous=previous.get(output.pk),
            halves=half_figures.get(output.pk, (None, None)),
        )
        for output in outputs
    ]


def figures_by_initiative(
    figures: Sequence[Figure], *, each: int = CHART_FIGURES
) -> list[tuple[Initiative, list[Figure]]]:
    """The figures with a target, grouped per initiative for a chart, `each` per group."""
    groups: dict[int, tuple[Initiative, list[Figure]]] = {}
    for figure in figures:
        if figure.target:
            group = groups.setdefault(figure.initiative.pk, (figure.initiative, []))
            if len(group[1]) < each:
                group[1].append(figure)
    return list(groups.values())
