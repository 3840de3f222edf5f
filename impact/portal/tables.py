"""The portal's two exports as tables: key figures (a row per output indicator) and the
initiatives. Both cover the whole selection (not one page of the list) and only what the
reader may see: figures come from approved Verandertheorieën only, as totals; the notes
beside counts, the logbook and who entered what stay with the initiative."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impact.portal.data import YearState, initiative_rows, key_figures
from impact.portal.exports import Column, Table
from impact.portal.selection import Selection
from theory_of_change.results.models import Aggregation
from theory_of_change.results.periods import PLURAL
from theory_of_change.results.rules import Tally


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


# How an indicator's periods add up, in a word or two for a column.
AGGREGATION_LABELS = {
    Aggregation.SUM: lambda: _("opgeteld"),
    Aggregation.LATEST: lambda: _("laatste stand"),
    Aggregation.MAXIMUM: lambda: _("hoogste stand"),
}


def _established(count: Tally | None) -> str:
    """How the year's figure was established: counted, or stated with its reason."""
    if count is None or count.value is None:
        return _("nog niets geteld")
    if count.is_override:
        return _("vastgesteld: %(reason)s") % {"reason": count.override_reason}
    return _("geteld")


def _periods_counted(count: Tally | None) -> str:
    """ "38 van 52 weken"."""
    if count is None:
        return ""
    return _("%(counted)s van %(total)s %(periods)s") % {
        "counted": count.periods_counted,
        "total": count.periods_in_year,
        "periods": PLURAL[count.rhythm],
    }


def figures_table(selection: Selection) -> Table:
    """Every output indicator of the year's approved Verandertheorieën, with what was
    achieved (counted, or stated with a reason), how it was counted, each half year and
    last year's figure. Never a note or who entered a count."""
    year = selection.year
    rows = []
    for figure in key_figures(selection, halves=True):
        initiative, count = figure.initiative, figure.count
        reached = {True: _("ja"), False: _("nee"), None: ""}[figure.reached]
        h1, h2 = figure.halves
        rows.append(
            (
                initiative.name,
                initiative.place,
                initiative.municipality.name,
                year,
                figure.description,
                figure.unit,
                figure.target,
                figure.achieved,
                _established(count),
                count.computed if count else None,
                AGGREGATION_LABELS[count.aggregation]() if count else "",
                _periods_counted(count),
                count.span_label if count else "",
                h1,
                h2,
                reached,
                figure.previous_value,
                sheet_url(initiative.slug, year),
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
            Column(_("Hoe bepaald"), width=32),
            Column(_("Uit de tellingen"), kind="int", width=12),
            Column(_("Hoe opgeteld"), width=14),
            Column(_("Perioden geteld"), width=18),
            Column(_("Geteld van–tot"), width=18),
            Column(_("1e helft %(year)s") % {"year": year}, kind="int", width=12),
            Column(_("2e helft %(year)s") % {"year": year}, kind="int", width=12),
            Column(_("Streefgetal gehaald"), width=12),
            Column(_("Behaald %(year)s") % {"year": year - 1}, kind="int", width=12),
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
