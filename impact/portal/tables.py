"""The portal's two exports as tables: key figures (a row per output indicator) and the
initiatives. Both cover the whole selection (not one page of the list) and only what the
reader may see: figures come from approved Verandertheorieën only."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impact.portal.data import YearState, initiative_rows, key_figures
from impact.portal.exports import Column, Table
from impact.portal.selection import Selection


def sheet_url(slug: str, year: int) -> str:
    return settings.SITE_URL + reverse("factsheet:page", kwargs={"slug": slug, "year": year})


def about(selection: Selection) -> list[tuple[str, str]]:
    """What an export holds, for its "Over deze export" sheet."""
    lines = [
        (_("Gemeente"), selection.scope.name),
        (_("Jaar"), str(selection.year)),
    ]
    if selection.theme:
        lines.append((_("Thema"), selection.theme.localized_name))
    if selection.kind:
        lines.append((_("Soort initiatief"), selection.kind_label))
    if selection.query:
        lines.append((_("Zoekwoord"), selection.query))
    lines += [
        (_("Gemaakt op"), date_format(timezone.localtime(), "DATETIME_FORMAT")),
        (_("Bron"), _("Goedgekeurde verandertheorieën in Maatschappelijke Waarde")),
    ]
    return lines


def figures_table(selection: Selection) -> Table:
    """Every output indicator of the year's approved Verandertheorieën."""
    rows = []
    for figure in key_figures(selection):
        initiative = figure.initiative
        if figure.target is None or figure.achieved is None:
            reached = ""
        else:
            reached = _("ja") if figure.achieved >= figure.target else _("nee")
        rows.append(
            (
                initiative.name,
                initiative.place,
                initiative.municipality.name,
                selection.year,
                figure.description,
                figure.unit,
                figure.target,
                figure.achieved,
                reached,
                sheet_url(initiative.slug, selection.year),
            )
        )
    return Table(
        title=_("Kerncijfers"),
        columns=[
            Column(_("Initiatief"), width=32),
            Column(_("Plaats"), width=18),
            Column(_("Gemeente"), width=18),
            Column(_("Jaar"), kind="int", width=8),
            Column(_("Resultaat"), width=48),
            Column(_("Eenheid"), width=24),
            Column(_("Streefgetal"), kind="int", width=12),
            Column(_("Behaald"), kind="int", width=12),
            Column(_("Streefgetal gehaald"), width=12),
            Column(_("Feitenblad"), kind="url", width=40),
        ],
        rows=rows,
        about=about(selection),
    )


STATE_LABELS = {
    YearState.APPROVED: lambda: _("Goedgekeurd"),
    YearState.PREPARING: lambda: _("In voorbereiding"),
    YearState.NONE: lambda: _("Geen verandertheorie"),
}


def initiatives_table(selection: Selection) -> Table:
    """Every initiative of the selection, with where it stands in the selected year."""
    initiatives = list(
        selection.initiatives()
        .select_related("municipality")
        .prefetch_related("also_serves")
        .order_by("name")
    )
    rows = []
    for row in initiative_rows(initiatives, year=selection.year):
        initiative = row.initiative
        latest = row.latest_approved_year
        rows.append(
            (
                initiative.name,
                initiative.get_kind_display(),
                initiative.place,
                initiative.municipality.name,
                ", ".join(m.name for m in initiative.also_serves.all()),
                STATE_LABELS[row.state](),
                ", ".join(str(year) for year in row.approved_years),
                ", ".join(row.themes),
                initiative.website,
                sheet_url(initiative.slug, latest) if latest else "",
            )
        )
    return Table(
        title=_("Initiatieven"),
        columns=[
            Column(_("Initiatief"), width=32),
            Column(_("Soort"), width=24),
            Column(_("Plaats"), width=18),
            Column(_("Gemeente"), width=18),
            Column(_("Werkt ook in"), width=24),
            Column(_("Verandertheorie %(year)s") % {"year": selection.year}, width=20),
            Column(_("Goedgekeurde jaren"), width=16),
            Column(_("Thema's"), width=40),
            Column(_("Website"), kind="url", width=32),
            Column(_("Laatste feitenblad"), kind="url", width=40),
        ],
        rows=rows,
        about=about(selection),
    )
