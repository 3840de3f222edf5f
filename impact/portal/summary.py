"""The printable one-page summary of a municipality's year: totals, charts and the list
of initiatives, laid out by WeasyPrint with the fact sheet's fonts and safe fetcher.

A municipality with many initiatives still gets one page: the renderer starts with room
for many rows and chart groups and takes fewer until the page holds everything it shows;
the rest is named ("en 23 andere") and is in the exports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from impact.factsheet.render import render_document
from impact.portal.data import CHART_FIGURES, initiative_rows
from impact.portal.overview import cached_overview
from impact.portal.selection import Selection

logger = logging.getLogger(__name__)

TEMPLATE = "impact/portal/summary_pdf.html"
STYLESHEET = "css/portal-summary.css"


@dataclass(frozen=True)
class Room:
    rows: int  # initiatives listed
    chart_initiatives: int  # groups in the key figures chart
    chart_figures: int = CHART_FIGURES  # key figures per group


# From roomy to tight; the renderer tries them in this order. A key figure takes three
# lines (its label, its track, how it was counted), so the tight end has few of them.
ROOMS = (
    Room(rows=24, chart_initiatives=6),
    Room(rows=14, chart_initiatives=4, chart_figures=3),
    Room(rows=8, chart_initiatives=2, chart_figures=3),
    Room(rows=8, chart_initiatives=2, chart_figures=2),
    Room(rows=8, chart_initiatives=1, chart_figures=2),
)


def _html(selection: Selection, room: Room) -> str:
    initiatives = list(
        selection.initiatives().select_related("municipality").order_by("name")[: room.rows + 1]
    )
    total = selection.initiatives().count()
    return render_to_string(
        TEMPLATE,
        {
            "overview": cached_overview(
                selection,
                chart_initiatives=room.chart_initiatives,
                chart_figures=room.chart_figures,
            ),
            "rows": initiative_rows(initiatives[: room.rows], year=selection.year),
            "rows_left_out": max(0, total - room.rows),
            "made_on": timezone.localtime(),
        },
    )


def render_summary(selection: Selection) -> bytes:
    for room in ROOMS:
        document = render_document(_html(selection, room), stylesheet=STYLESHEET)
        if len(document.pages) == 1:
            return document.write_pdf()
    logger.error(
        "the summary of %s %s did not fit on one page", selection.scope.name, selection.year
    )
    return document.copy([document.pages[0]]).write_pdf()
