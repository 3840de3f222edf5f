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

from django.db.models import Count, F, Max

from impact.portal.selection import Selection
from impact.portal.volunteers import VolunteerCount, count_volunteers
from initiatives.models import Initiative
from theory_of_change.models import Activity, Output, Resource, Status, Theme, TheoryOfChange
from theory_of_change.results.rules import Tally
from theory_of_change.results.selectors import counts_of

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
    """A key figure: an output indicator with its target and what was achieved."""

    initiative: Initiative
    description: str
    unit: str
    target: int | None
    count: Tally | None  # the results counted; None when there are none

    @property
    def achieved(self) -> int | None:
        return self.count.value if self.count else None

    @property
    def label(self) -> str:
        return self.unit or self.description


def key_figures(selection: Selection, *, initiatives: int | None = None) -> list[Figure]:
    """Every output indicator of the year's approved theories, by initiative, with its
    results (two queries).

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
    counts = counts_of(outputs)
    return [
        Figure(
            initiative=output.theory.initiative,
            description=output.description,
            unit=output.unit,
            target=output.target,
            count=counts.get(output.pk),
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
