"""The year at a glance: totals and charts of a selection, for the portal page and for the
printable summary PDF alike (one function, so the page and the paper never disagree)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impact.portal import charts
from impact.portal.data import (
    CHART_INITIATIVES,
    Figure,
    ThemeCount,
    Totals,
    figures_by_initiative,
    key_figures,
    theme_counts,
    year_totals,
)
from impact.portal.selection import Selection


@dataclass(frozen=True)
class Overview:
    selection: Selection
    totals: Totals
    themes: list[ThemeCount]
    figures: list[Figure]  # every key figure, for the table under the chart
    theme_chart: str  # inline SVG, "" when there is nothing to draw
    figures_chart: str
    figures_left_out: int  # initiatives whose figures the chart has no room for


def build_overview(selection: Selection, *, chart_initiatives: int = CHART_INITIATIVES) -> Overview:
    """Totals and charts over the selection's approved Verandertheorieën of its year."""
    themes = theme_counts(selection)
    figures = key_figures(selection)
    groups, left_out = figures_by_initiative(figures, initiatives=chart_initiatives)
    year = selection.year
    theme_chart = charts.bar_chart(
        [charts.Bar(label=theme.name, value=theme.initiatives) for theme in themes],
        title=_("Thema's van de initiatieven in %(year)s") % {"year": year},
        description=_(
            "Per thema: hoeveel initiatieven met een goedgekeurde verandertheorie eraan werken."
        ),
        value_label=lambda count: (
            ngettext("%(count)s initiatief", "%(count)s initiatieven", count) % {"count": count}
        ),
    )
    figures_chart = charts.progress_chart(
        [
            charts.ProgressGroup(
                title=initiative.name,
                items=[
                    charts.Progress(label=f.label, target=f.target, achieved=f.achieved)
                    for f in group
                ],
            )
            for initiative, group in groups
        ],
        title=_("Kerncijfers per initiatief in %(year)s") % {"year": year},
        description=_("Per initiatief: wat het telde, tegenover het streefgetal."),
    )
    return Overview(
        selection=selection,
        totals=year_totals(selection),
        themes=themes,
        figures=figures,
        theme_chart=theme_chart,
        figures_chart=figures_chart,
        figures_left_out=left_out,
    )
