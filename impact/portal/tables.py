"""The portal's exports as tables: key figures (a row per output indicator), the
initiatives, the approved valuations in euros and the approved doorbraak cases. Each
covers the whole selection (not one page of the list) and only what the reader may see:
figures come from approved Verandertheorieën (and cases) only, as totals; the notes
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
from impact.value.breakthrough.models import AvoidedCost
from impact.value.breakthrough.selectors import approved_cases
from impact.value.selectors import approved_lines
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
                *initiative_cells(initiative, year),
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
            *initiative_columns(),
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


def initiative_columns() -> list[Column]:
    """Whose row it is and of which year, in four columns (`initiative_cells`)."""
    return [
        Column(_("Initiatief"), width=32),
        Column(_("Plaats"), width=18),
        Column(_("Gemeente"), width=18),
        Column(_("Jaar"), kind="int", width=8),
    ]


def initiative_cells(initiative, year: int) -> tuple:
    """An initiative and a year, for `initiative_columns`; load its municipality with it."""
    return (initiative.name, initiative.place, initiative.municipality.name, year)


def source_columns() -> list[Column]:
    """Where an amount comes from, in three columns (`source_cells`)."""
    return [
        Column(_("Bron"), width=40),
        Column(_("Jaar van de bron"), kind="int", width=10),
        Column(_("Link naar de bron"), kind="url", width=40),
    ]


def source_cells(sourced) -> tuple:
    """A price version's or an own amount's source, for `source_columns`."""
    return (sourced.source_title, sourced.source_year, sourced.source_url)


def value_table(selection: Selection) -> Table:
    """Every approved valuation in euros of the year's approved Verandertheorieën: the count
    or questionnaire result it stands on, the price with its range and source, the
    corrections and the value as a range. A row per valuation, in the order of the
    initiatives' names: a table to check and add up, not a ranking."""
    year = selection.year
    rows = []
    for line in approved_lines(selection.approved_theories()):
        valuation, price = line.valuation, line.valuation.price
        initiative = valuation.theory.initiative
        value = line.value.rounded(2)
        rows.append(
            (
                *initiative_cells(initiative, valuation.theory.year),
                _("effect (stap 6)") if line.is_outcome else _("resultaat (stap 5)"),
                line.subject.description,
                line.quantity,
                line.measured.unit,
                line.measured.caption,
                price.item.name,
                price.item.unit,
                price.item.get_beneficiary_display(),
                price.low,
                price.central,
                price.high,
                price.price_year,
                *source_cells(price),
                price.note,
                valuation.deadweight,
                valuation.attribution,
                valuation.years,
                valuation.drop_off,
                value.low,
                value.central,
                value.high,
                timezone.localdate(valuation.approved_at),
                sheet_url(initiative.slug, year),
            )
        )
    return Table(
        title=_("Waarde in euro's"),
        columns=[
            *initiative_columns(),
            Column(_("Soort"), width=18),
            Column(_("Resultaat of effect"), width=40),
            Column(_("Gemeten"), kind="int", width=10),
            Column(_("Eenheid"), width=24),
            Column(_("Hoe gemeten, over welke periode"), width=32),
            Column(_("Prijs"), width=40),
            Column(_("Per"), width=20),
            Column(_("Wie heeft er baat bij"), width=18),
            Column(_("Prijs laag"), kind="euro", width=12),
            Column(_("Prijs midden"), kind="euro", width=12),
            Column(_("Prijs hoog"), kind="euro", width=12),
            Column(_("Prijspeil"), kind="int", width=10),
            *source_columns(),
            Column(_("Toelichting bij de prijs"), width=48),
            Column(_("Was ook zonder het initiatief gebeurd (%)"), kind="int", width=14),
            Column(_("Deel dat door anderen komt (%)"), kind="int", width=14),
            Column(_("Jaren dat het effect duurt"), kind="int", width=10),
            Column(_("Minder per jaar daarna (%)"), kind="int", width=12),
            Column(_("Waarde laag (indicatie)"), kind="euro", width=14),
            Column(_("Waarde midden (indicatie)"), kind="euro", width=14),
            Column(_("Waarde hoog (indicatie)"), kind="euro", width=14),
            Column(_("Goedgekeurd op"), kind="date", width=14),
            Column(_("Feitenblad"), kind="url", width=40),
        ],
        rows=rows,
        about=about(selection),
    )


# The cost columns of a case that avoided nothing: one row, its own fields only.
NO_COST = ("", "", None, None, None, None, "", None, "", "", None, None, None)


def _avoided_cells(cost: AvoidedCost) -> tuple:
    """What was avoided, its amount with the source, who would have paid, how likely, and
    the avoided range weighed by it."""
    listed = cost.price if cost.price_id else None
    amount = listed.range if listed else cost.own_range
    source = listed or cost
    weighed = cost.value.rounded(2)
    return (
        cost.what,
        listed.item.name if listed else "",
        cost.quantity,
        amount.low,
        amount.central,
        amount.high,
        *source_cells(source),
        cost.get_beneficiary_display(),
        cost.likelihood,
        weighed.low,
        weighed.high,
    )


def breakthrough_table(selection: Selection) -> Table:
    """Every approved doorbraak case of the selection's initiatives in the year, a row per
    cost it avoided (the case's own fields on each): the amount with its source, who would
    have paid, how likely it was, and the avoided range weighed by it. Proposals never leave
    the initiative and its advisors."""
    rows = []
    for case in approved_cases(selection.initiatives(), selection.year):
        initiative = case.theory.initiative
        own = (
            *initiative_cells(initiative, case.theory.year),
            case.situation,
            case.arranged,
            case.cost,
        )
        approved_on = (timezone.localdate(case.approved_at),)
        for cells in [_avoided_cells(cost) for cost in case.costs] or [NO_COST]:
            rows.append(own + cells + approved_on)
    return Table(
        title=_("Doorbraakcasussen"),
        columns=[
            *initiative_columns(),
            Column(_("Situatie"), width=48),
            Column(_("Wat is er geregeld"), width=48),
            Column(_("Kosten van de oplossing"), kind="euro", width=14),
            Column(_("Wat is voorkomen"), width=40),
            Column(_("Prijs van de prijslijst"), width=32),
            Column(_("Aantal"), kind="decimal", width=10),
            Column(_("Bedrag laag"), kind="euro", width=12),
            Column(_("Bedrag midden"), kind="euro", width=12),
            Column(_("Bedrag hoog"), kind="euro", width=12),
            *source_columns(),
            Column(_("Wie had het betaald"), width=18),
            Column(_("Hoe waarschijnlijk (%)"), kind="int", width=12),
            Column(_("Voorkomen laag (indicatie, gewogen)"), kind="euro", width=16),
            Column(_("Voorkomen hoog (indicatie, gewogen)"), kind="euro", width=16),
            Column(_("Goedgekeurd op"), kind="date", width=14),
        ],
        rows=rows,
        about=about(selection),
    )
