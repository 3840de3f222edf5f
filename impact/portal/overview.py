"""The year at a glance: totals and charts of a selection, for the portal page and for the
printable summary PDF alike (one function, so the page and the paper never disagree).

The totals and theme counts add up every approved Verandertheorie in scope, which for an
advisor looking at all municipalities is thousands. They change only when a theory is
approved, reopened or edited by an operator, a result, story or valuation is recorded, or a
reference list changes, so an overview is cached under the selection and a version of that
content (two small queries): the portal costs about the same with 10 initiatives as with
5,000.

The portal page keeps the rendered "at a glance" and stories sections under the same
version (`cached_glance`), the words of shared stories included: every change to a story or
its consent, a withdrawal too, moves `stories_changed_at` and with it the version, so the
very next page is made anew.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from impact.factsheet.render import references_version
from impact.portal import charts
from impact.portal.data import (
    CHART_FIGURES,
    CHART_INITIATIVES,
    Figure,
    ThemeCount,
    Totals,
    figures_by_initiative,
    key_figures,
    theme_counts,
    year_totals,
)
from impact.portal.selection import CACHE_SECONDS, Selection, cache_key
from impact.portal.stories import StoryCounts, shared_stories, story_counts
from impact.value.breakthrough.selectors import CasesOverview, cases_overview
from impact.value.selectors import ValueTotals, value_totals


@dataclass(frozen=True)
class Overview:
    selection: Selection
    totals: Totals
    themes: list[ThemeCount]
    figures: list[Figure]  # the key figures in the chart, for the table under it
    theme_chart: str  # inline SVG, "" when there is nothing to draw
    figures_chart: str
    figures_left_out: int  # initiatives whose figures the chart has no room for
    figures_cut: int  # key figures of the initiatives shown that the chart has no room for
    stories: StoryCounts
    value: ValueTotals  # approved valuations in euros, by who benefits
    cases: CasesOverview  # approved doorbraak cases


def build_overview(
    selection: Selection,
    *,
    chart_initiatives: int = CHART_INITIATIVES,
    chart_figures: int = CHART_FIGURES,
) -> Overview:
    """Totals and charts over the selection's approved Verandertheorieën of its year; the
    key figures chart holds `chart_figures` figures of `chart_initiatives` initiatives."""
    totals = year_totals(selection)
    themes = theme_counts(selection)
    figures = key_figures(selection, initiatives=chart_initiatives)
    groups = figures_by_initiative(figures, each=chart_figures)
    with_target = sum(1 for figure in figures if figure.target)
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
                    charts.Progress(
                        label=f.label, target=f.target, achieved=f.achieved, note=f.note
                    )
                    for f in group
                ],
            )
            for initiative, group in groups
        ],
        title=_("Kerncijfers per initiatief in %(year)s") % {"year": year},
        description=_(
            "Per initiatief: wat het telde, tegenover het streefgetal, met de periode die "
            "het telde en het cijfer van vorig jaar."
        ),
    )
    return Overview(
        selection=selection,
        totals=totals,
        themes=themes,
        figures=figures,
        theme_chart=theme_chart,
        figures_chart=figures_chart,
        figures_left_out=max(0, totals.initiatives_with_figures - len(groups)),
        figures_cut=with_target - sum(len(group) for _initiative, group in groups),
        stories=story_counts(selection),
        value=value_totals(selection.approved_theories()),
        cases=cases_overview(selection.initiatives(), selection.year),
    )


def _cache_key(selection: Selection, chart_initiatives: int, chart_figures: int) -> str:
    """The selection and the version of everything an overview is made of."""
    return cache_key(
        "portal-overview",
        selection.scope.cache_part,
        selection.year,
        selection.theme.pk if selection.theme else None,
        selection.kind,
        selection.query,
        chart_initiatives,
        chart_figures,
        get_language(),
        selection.scope.content_version,
        references_version(),
    )


def cached_overview(
    selection: Selection,
    *,
    chart_initiatives: int = CHART_INITIATIVES,
    chart_figures: int = CHART_FIGURES,
) -> Overview:
    """`build_overview`, from the cache while the content it is made of is unchanged.

    Two selections with the same key see the same approved content, whoever asks, so the
    cached overview is shared; it is handed out with the asker's own selection."""
    key = _cache_key(selection, chart_initiatives, chart_figures)
    return _overview(key, selection, chart_initiatives, chart_figures)


def _overview(key: str, selection: Selection, chart_initiatives: int, chart_figures: int):
    overview = cache.get_or_set(
        key,
        lambda: build_overview(
            selection, chart_initiatives=chart_initiatives, chart_figures=chart_figures
        ),
        CACHE_SECONDS,
    )
    return replace(overview, selection=selection)


@dataclass(frozen=True)
class Glance:
    overview: Overview
    html: SafeString  # the "at a glance" and stories sections of the portal page


def cached_glance(selection: Selection) -> Glance:
    """The overview, and its sections of the portal page rendered, both from the cache
    while the approved content is unchanged. The sections hold nothing of the person who
    asks (no links with their filters, no form): only what the key's selection decides."""
    key = _cache_key(selection, CHART_INITIATIVES, CHART_FIGURES)
    overview = _overview(key, selection, CHART_INITIATIVES, CHART_FIGURES)
    html = cache.get_or_set(
        f"{key}:html",
        lambda: render_to_string(
            "impact/portal/_glance.html",
            {
                "selection": selection,
                "overview": overview,
                "shared_stories": shared_stories(selection),
            },
        ),
        CACHE_SECONDS,
    )
    return Glance(overview=overview, html=mark_safe(html))  # noqa: S308 (our own template)
