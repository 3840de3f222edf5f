"""Results in the municipality portal: the key figures on the page, in the exports and in
the summary PDF are computed from the counts (or stated, and then shown as stated), with
the period counted, each half year and last year's figure; and nothing private about the
counting (notes, the logbook, who entered what) ever reaches a page under /gemeente/.

The world of `tests/portal/conftest.py`: Smilde counted 37 dorpsdiners in January 2025
(target 40; 41 in 2024), 320 of 300 visitors, nothing yet of 5 courses; the Odensehuis 45
of 90 meetings; Middelstum (Eemsdelta) 612 of 500 help requests.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from impact.portal.data import key_figures
from impact.portal.tables import figures_table
from tests.conftest import client_for
from tests.factories import InitiativeFactory, UserFactory, municipality
from tests.factsheet.conftest import read_pdf, set_status
from tests.portal.conftest import theory_with_content
from tests.portal.test_portal import (
    COLUMN,
    PORTAL,
    SUMMARY,
    read_csv,
    read_xlsx,
    selection_for,
)
from theory_of_change.models import Output, Status
from theory_of_change.results.models import Aggregation, Busyness
from theory_of_change.results.periods import Period, Rhythm, span_label
from theory_of_change.results.services import (
    WeekCount,
    count_save,
    indicator_for,
    indicator_settings_save,
    logbook_week_save,
    override_save,
)

FIGURES_CSV = reverse("portal:figures_export", args=["csv"])
FIGURES_XLSX = reverse("portal:figures_export", args=["xlsx"])


def output(initiative, unit: str, year: int = 2025) -> Output:
    return Output.objects.get(theory__initiative=initiative, theory__year=year, unit=unit)


def count(row: Output, period: str, value: int, *, note: str = "", by=None) -> None:
    count_save(
        indicator=indicator_for(output=row),
        period=Period.parse(period),
        value=value,
        note=note,
        by=by,
    )


def figure(selection, unit: str, **options):
    return next(f for f in key_figures(selection, **options) if f.unit == unit)


def csv_rows(client, **params) -> dict[str, list[str]]:
    _header, *rows = read_csv(client.get(FIGURES_CSV, params))
    return {row[COLUMN["Eenheid"]]: row for row in rows}


def xlsx_rows(client, **params) -> dict[str, tuple]:
    _header, *rows = read_xlsx(client.get(FIGURES_XLSX, params))
    return {row[COLUMN["Eenheid"]]: row for row in rows}


# --- computed, with the period counted and last year -------------------------------------


def test_a_figure_is_computed_from_the_counts_with_its_period_and_last_year(
    municipality_user_a, world
):
    count(output(world.smilde, "dorpsdiners"), "2025-02", 4)
    count(output(world.smilde, "dorpsdiners"), "2025-11", 7)
    diners = figure(selection_for(municipality_user_a), "dorpsdiners")
    assert (diners.achieved, diners.target, diners.previous_value) == (37 + 4 + 7, 40, 41)
    assert diners.result_label == "48 van 40 dorpsdiners"
    assert diners.progress_label == "48 van 40"
    counted = span_label(Period.parse("2025-01"), Period.parse("2025-11"))  # "jan–nov 2025"
    assert diners.source_label == f"geteld {counted}"
    assert diners.note == f"geteld {counted} · 2024: 41"


def test_the_page_shows_achieved_against_target_the_period_and_last_year(
    municipality_user_a, world
):
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert "37 van 40" in page
    assert "geteld januari 2025 · 2024: 41" in page  # under the chart's track
    assert "Behaald in 2024" in page  # the table under the chart
    assert 'data-label="Behaald in 2024">41</td>' in page


def test_nothing_counted_shows_the_target_as_a_target(municipality_user_a, world):
    courses = figure(selection_for(municipality_user_a), "cursussen")
    assert courses.achieved is None
    assert courses.result_label == "streefgetal: 5 cursussen"
    assert courses.progress_label == "streefgetal 5"
    assert courses.source_label == "nog niets geteld"
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert "nog niet geteld, doel 5" in page  # the chart
    assert "streefgetal 5" in page  # its table


def test_a_stated_figure_is_shown_as_stated_with_its_reason(municipality_user_a, world):
    meetings = output(world.odensehuis, "ontmoetingen")
    override_save(
        indicator=indicator_for(output=meetings),
        value=60,
        reason="telling van het voorjaar kwijt",
        by=None,
    )
    client = client_for(municipality_user_a)
    stated = figure(selection_for(municipality_user_a), "ontmoetingen")
    assert (stated.achieved, stated.count.computed, stated.count.is_override) == (60, 45, True)
    assert stated.source_label == "vastgesteld: telling van het voorjaar kwijt"
    page = client.get(PORTAL).content.decode()
    assert "60 van 90" in page
    assert "vastgesteld: telling van het voorjaar kwijt" in page

    row = csv_rows(client)["ontmoetingen"]
    assert row[COLUMN["Behaald"]] == "60"
    assert row[COLUMN["Hoe bepaald"]] == "vastgesteld: telling van het voorjaar kwijt"
    assert row[COLUMN["Uit de tellingen"]] == "45"
    assert xlsx_rows(client)["ontmoetingen"][COLUMN["Behaald"]] == 60


def test_the_totals_count_what_was_achieved_including_stated_figures(municipality_user_a, world):
    from impact.portal.data import year_totals

    meetings = output(world.odensehuis, "ontmoetingen")
    override_save(indicator=indicator_for(output=meetings), value=95, reason="jaarlijst", by=None)
    totals = year_totals(selection_for(municipality_user_a))
    assert (totals.indicators, totals.indicators_counted, totals.indicators_reached) == (4, 3, 2)


# --- the exports: how it was counted, half years, last year ------------------------------


def test_the_export_has_half_years_periods_and_how_it_adds_up(municipality_user_a, world):
    visitors = output(world.smilde, "bezoekers per week")
    indicator_settings_save(
        indicator=indicator_for(output=visitors),
        rhythm=Rhythm.MONTH,
        aggregation=Aggregation.LATEST,
    )
    count(visitors, "2025-05", 280)
    count(visitors, "2025-09", 310)
    count(visitors, "2025-10", 330)
    diners = output(world.smilde, "dorpsdiners")
    count(diners, "2025-07", 3)
    client = client_for(municipality_user_a)
    for rows, number in ((csv_rows(client), str), (xlsx_rows(client), lambda value: value)):
        visits, dinners = rows["bezoekers per week"], rows["dorpsdiners"]
        # The latest count of the year, and of each half: January's 320, May's 280 …
        assert visits[COLUMN["Behaald"]] == number(330)
        assert visits[COLUMN["Hoe opgeteld"]] == "laatste stand"
        assert visits[COLUMN["1e helft 2025"]] == number(280)
        assert visits[COLUMN["2e helft 2025"]] == number(330)
        assert visits[COLUMN["Perioden geteld"]] == "4 van 12 maanden"
        assert visits[COLUMN["Geteld van–tot"]] == span_label(
            Period.parse("2025-01"), Period.parse("2025-10")
        )
        assert visits[COLUMN["Behaald 2024"]] in ("", None)  # no such figure last year
        # Added up: 37 in January, 3 in July.
        assert dinners[COLUMN["Behaald"]] == number(40)
        assert dinners[COLUMN["Hoe opgeteld"]] == "opgeteld"
        assert dinners[COLUMN["1e helft 2025"]] == number(37)
        assert dinners[COLUMN["2e helft 2025"]] == number(3)
        assert dinners[COLUMN["Streefgetal gehaald"]] == "ja"
        assert dinners[COLUMN["Behaald 2024"]] == number(41)


def test_weeks_count_in_the_half_year_of_their_thursday(municipality_user_a, world):
    visitors = output(world.odensehuis, "ontmoetingen")
    indicator = indicator_for(output=visitors)
    indicator.entries.all().delete()
    indicator_settings_save(indicator=indicator, rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM)
    count(visitors, "2025-W26", 2)  # 23–29 June: first half
    count(visitors, "2025-W27", 5)  # 30 June – 6 July: its Thursday is in July
    row = csv_rows(client_for(municipality_user_a))["ontmoetingen"]
    assert row[COLUMN["1e helft 2025"]] == "2"
    assert row[COLUMN["2e helft 2025"]] == "5"
    assert row[COLUMN["Perioden geteld"]] == "2 van 52 weken"


def test_last_year_comes_from_an_approved_theory_only(municipality_user_a, world):
    set_status(world.smilde.theories.get(year=2024), Status.SUBMITTED)
    diners = figure(selection_for(municipality_user_a), "dorpsdiners")
    assert diners.previous is None and diners.previous_label == ""
    assert csv_rows(client_for(municipality_user_a))["dorpsdiners"][COLUMN["Behaald 2024"]] == ""


def test_last_year_follows_the_indicator_a_figure_continues(municipality_user_a, world):
    """ "Begin aan <jaar>" links this year's indicator to last year's, whatever the
    description became."""
    this_year = output(world.smilde, "dorpsdiners")
    this_year.description = "Dorpsdiners in het nieuwe dorpshuis"
    this_year.save()
    indicator = indicator_for(output=this_year)
    indicator.previous = indicator_for(output=output(world.smilde, "dorpsdiners", 2024))
    indicator.save()
    assert figure(selection_for(municipality_user_a), "dorpsdiners").previous_value == 41


def test_the_export_table_reads_the_same_figures_as_the_page(municipality_user_a, world):
    selection = selection_for(municipality_user_a)
    table = figures_table(selection)
    on_page = {f.unit: f.achieved for f in key_figures(selection)}
    assert {row[COLUMN["Eenheid"]]: row[COLUMN["Behaald"]] for row in table.rows} == on_page


# --- the summary PDF -----------------------------------------------------------------------


def test_the_summary_shows_the_computed_figures(municipality_user_a, world):
    count(output(world.smilde, "dorpsdiners"), "2025-03", 11)
    pdf = read_pdf(client_for(municipality_user_a).get(SUMMARY).content)
    assert pdf.pages == 1
    assert pdf.says("48 van 40 gehaald")
    counted = span_label(Period.parse("2025-01"), Period.parse("2025-03"))
    assert pdf.says(f"geteld {counted} · 2024: 41")
    assert pdf.says("nog niet geteld, doel 5")


# --- nothing private reaches the municipality ----------------------------------------------

PRIVATE = ("Zebrapadgeheim", "Marsupilamiverhaal", "Pannekoekbakker", "Gerritdina")


@pytest.fixture
def private_counts(world):
    """Counts with notes, a logbook week and a stated figure, by a volunteer with a name
    found nowhere else."""
    user = UserFactory(
        username="invoerder.uniek", first_name="Gerritdina", last_name="Pannekoekbakker"
    )
    smilde = world.smilde.theories.get(year=2025)
    diners = output(world.smilde, "dorpsdiners")
    count(diners, "2025-02", 6, note="Zebrapadgeheim: mevrouw Jansen kwam niet", by=user)
    visitors = output(world.smilde, "bezoekers per week")
    indicator = indicator_for(output=visitors)
    indicator.entries.all().delete()
    indicator = indicator_settings_save(
        indicator=indicator, rhythm=Rhythm.WEEK, aggregation=Aggregation.MAXIMUM
    )
    logbook_week_save(
        theory=smilde,
        week=Period.parse("2025-W10"),
        counts=[WeekCount(indicator=indicator, value=12)],
        note="Marsupilamiverhaal: buurman Pieters was ziek",
        busyness=Busyness.TOO_BUSY,
        by=user,
        base_version=None,
    )
    override_save(
        indicator=indicator_for(output=output(world.odensehuis, "ontmoetingen")),
        value=50,
        reason="schatting",
        by=user,
    )
    return user


def texts_under_gemeente(client) -> dict[str, str]:
    """Every page, export and PDF of the portal as text, for Midden-Drenthe's staff."""
    texts = {"page": client.get(PORTAL).content.decode()}
    texts["page 2024"] = client.get(PORTAL, {"jaar": 2024}).content.decode()
    texts["summary"] = read_pdf(client.get(SUMMARY).content).text
    for name in ("figures_export", "initiatives_export"):
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse(f"portal:{name}", args=[fmt]))
            if fmt == "csv":
                texts[f"{name}.csv"] = response.content.decode("utf-8-sig")
            else:
                workbook = response.content
                texts[f"{name}.xlsx"] = "\n".join(str(row) for row in read_xlsx(response))
                texts[f"{name}.xlsx raw"] = _xlsx_strings(workbook)
    return texts


def _xlsx_strings(content: bytes) -> str:
    """Everything in the workbook's XML (every sheet, the shared strings, properties)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def test_no_note_logbook_or_name_of_who_entered_reaches_the_portal(
    municipality_user_a, private_counts, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = client_for(municipality_user_a)
    texts = texts_under_gemeente(client)
    # The counts themselves do reach it: 37 + 6 dinners, and the logbook's 12 visitors
    # (the largest count of the year, as the indicator says).
    assert "43 van 40" in texts["page"]
    assert "12 van 300" in texts["page"]
    # The ZIP of fact sheets, its page and every sheet in it.
    response = client.post(reverse("portal:bundle_create"), {"jaar": 2025})
    texts["bundle page"] = client.get(response["Location"]).content.decode()
    bundle_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    download = client.get(reverse("portal:bundle_download", kwargs={"pk": bundle_id}))
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        for name in archive.namelist():
            texts[name] = read_pdf(archive.read(name)).text
    assert len(texts) > 10
    for where, text in texts.items():
        for secret in (*PRIVATE, "invoerder.uniek", "Jansen", "Pieters", "te druk"):
            assert secret not in text, (secret, where)


def test_advisors_in_the_portal_get_totals_not_notes_either(advisor, private_counts):
    client = client_for(advisor)
    page = client.get(PORTAL).content.decode()
    csv_text = client.get(FIGURES_CSV).content.decode("utf-8-sig")
    for secret in PRIVATE:
        assert secret not in page and secret not in csv_text


def test_the_summary_fits_counted_figures_with_their_notes_on_one_page(advisor, world, caplog):
    """A key figure takes three lines in the chart; the summary takes fewer figures until
    the whole page fits (its footer too), and says the rest is in the export."""
    for name in ("Dorpshuis A", "Dorpshuis B", "Dorpshuis C"):
        initiative = InitiativeFactory(name=name, municipality=municipality("midden-drenthe"))
        units = ("maaltijden", "bezoeken", "ritten", "klussen", "lessen")
        theory_with_content(initiative, figures=tuple((unit, 50, 20) for unit in units))
        theory_with_content(initiative, year=2024, figures=tuple((u, 40, 30) for u in units))
    response = client_for(advisor).get(SUMMARY, {"gemeente": "midden-drenthe"})
    pdf = read_pdf(response.content)
    assert pdf.pages == 1
    assert pdf.says("Alleen goedgekeurde verandertheorieën tellen mee")  # the footer fits
    assert pdf.says("geteld januari 2025 · 2024: 30")
    assert pdf.says("van deze initiatieven staan in de export")
    assert "did not fit" not in caplog.text
