"""The municipality portal page, its totals and charts, the exports and the summary PDF:
what each role sees, and that nothing of another municipality or of a draft leaks."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from impact.portal.data import YearState, initiative_rows, year_totals
from impact.portal.selection import Selection, portal_scope
from tests.conftest import client_for
from tests.factories import InitiativeFactory, UserFactory, municipality, sheet_story
from tests.factsheet.conftest import read_pdf
from tests.portal.conftest import theory_with_content
from theory_of_change.models import (
    Indicator,
    Output,
    ResourceKind,
    ResultEntry,
    Theme,
    TheoryOfChange,
)
from theory_of_change.results.periods import Rhythm, periods_in_year
from theory_of_change.results.services import indicator_for

PORTAL = reverse("portal:index")
SUMMARY = reverse("portal:summary_pdf")
EXPORTS = [
    reverse(f"portal:{what}_export", args=[fmt])
    for what in ("figures", "initiatives", "value", "breakthrough")
    for fmt in ("csv", "xlsx")
]
READ_URLS = [PORTAL, SUMMARY, *EXPORTS]


def read_csv(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def content_of(page: str) -> str:
    """The page after the filter form (whose theme list names every theme)."""
    return page[page.index('id="glance-heading"') :]


def selection_for(user, year=2025, **filters) -> Selection:
    return Selection(scope=portal_scope(user), year=year, **filters)


# --- who may come in -----------------------------------------------------------------------
# Anonymous visitors and the roles refused (403) are cells of tests/test_access_matrix.py.


@pytest.mark.parametrize("url", READ_URLS)
def test_another_municipality_typed_into_the_url_does_not_exist(municipality_user_b, world, url):
    response = client_for(municipality_user_b).get(url, {"gemeente": "midden-drenthe"})
    assert response.status_code == 404


@pytest.mark.parametrize("url", READ_URLS)
def test_an_unknown_municipality_does_not_exist_for_advisors_either(advisor, url):
    assert client_for(advisor).get(url, {"gemeente": "atlantis"}).status_code == 404


def test_exports_only_come_as_csv_or_xlsx(municipality_user_a):
    client = client_for(municipality_user_a)
    assert client.get(reverse("portal:figures_export", args=["pdf"])).status_code == 404
    assert client.get(reverse("portal:initiatives_export", args=["json"])).status_code == 404


# --- what the page shows -------------------------------------------------------------------


def test_midden_drenthe_sees_its_initiatives_and_never_middelstum(municipality_user_a, world):
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert "Initiatieven in Midden-Drenthe" in page
    for name in ("Dorpshuis Smilde", "Buurthuis Bovensmilde", "Odensehuis Westerveld"):
        assert name in page
    assert "Middelstum" not in page
    assert "Gelijke kansen en inclusie" not in content_of(page)  # Middelstum's theme


def test_drafts_show_that_they_are_in_preparation_without_their_content(municipality_user_a, world):
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert "In voorbereiding" in page
    for secret in ("geheime concepttellingen", "Een geheime conceptmissie", "999"):
        assert secret not in page
    assert "Gezondheid en welzijn" not in content_of(page)  # the draft's theme


def test_each_row_has_its_approved_years_themes_and_latest_sheet(municipality_user_a, world):
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert "Goedgekeurd voor 2025, 2024" in page
    assert reverse("factsheet:page", kwargs={"slug": "dorpshuis-smilde", "year": 2025}) in page
    assert reverse("factsheet:pdf", kwargs={"slug": "dorpshuis-smilde", "year": 2025}) in page
    assert "Zingeving en eigenaarschap" in page


def test_a_year_without_approval_links_the_latest_approved_sheet(municipality_user_a, world):

    theory_with_content(world.smilde, year=2026, status="submitted")
    page = client_for(municipality_user_a).get(PORTAL, {"jaar": 2024}).content.decode()
    assert reverse("factsheet:page", kwargs={"slug": "dorpshuis-smilde", "year": 2024}) in page
    rows = initiative_rows([world.smilde], year=2026)
    assert rows[0].state == YearState.PREPARING
    assert rows[0].latest_approved_year == 2025


def test_the_charts_are_inline_svg_with_a_text_alternative(municipality_user_a, world):
    page = client_for(municipality_user_a).get(PORTAL).content.decode()
    assert page.count("<svg") >= 2
    assert 'role="img"' in page
    assert "Toon als tabel" in page
    assert "dorpsdiners" in page and "Sociale cohesie" in page


def test_advisors_see_every_municipality_and_can_narrow_it_down(advisor, world):
    client = client_for(advisor)
    everything = client.get(PORTAL).content.decode()
    assert "Dorpsloket Middelstum" in everything and "Dorpshuis Smilde" in everything
    eemsdelta = client.get(PORTAL, {"gemeente": "eemsdelta"}).content.decode()
    assert "Dorpsloket Middelstum" in eemsdelta
    assert "Dorpshuis Smilde" not in eemsdelta


def test_staff_of_two_municipalities_choose_between_them(world):

    user = UserFactory(username="gemeente.twee")
    user.municipalities.add(municipality("midden-drenthe"), municipality("eemsdelta"))
    client = client_for(user)
    both = client.get(PORTAL).content.decode()
    assert "Dorpsloket Middelstum" in both and "Dorpshuis Smilde" in both
    assert "Al mijn gemeenten" in both
    one = client.get(PORTAL, {"gemeente": "eemsdelta"}).content.decode()
    assert "Dorpshuis Smilde" not in one
    assert client.get(PORTAL, {"gemeente": "groningen"}).status_code == 404


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"thema": "THEME"}, ["Dorpshuis Smilde"], ["Odensehuis Westerveld"]),
        ({"soort": "ontmoetingsplek"}, ["Odensehuis Westerveld"], ["Dorpshuis Smilde"]),
        ({"q": "havelte"}, ["Odensehuis Westerveld"], ["Dorpshuis Smilde"]),
        ({"q": "smilde"}, ["Dorpshuis Smilde", "Buurthuis Bovensmilde"], ["Odensehuis"]),
    ],
)
def test_filters(municipality_user_a, world, params, shown, hidden):
    if params.get("thema") == "THEME":
        params = {"thema": Theme.objects.get(name="Zingeving en eigenaarschap").pk}
    page = client_for(municipality_user_a).get(PORTAL, params).content.decode()
    list_part = page[page.index('id="list-heading"') :]
    for name in shown:
        assert name in list_part
    for name in hidden:
        assert name not in list_part


def test_a_bad_filter_value_gets_a_message_not_an_error(municipality_user_a, world):
    response = client_for(municipality_user_a).get(PORTAL, {"jaar": "1850", "thema": "x"})
    assert response.status_code == 200
    assert "Deze keuze bestaat niet (meer)" in response.content.decode()
    assert "Dorpshuis Smilde" in response.content.decode()


def test_the_year_defaults_to_the_newest_approved_one(municipality_user_a, world):
    response = client_for(municipality_user_a).get(PORTAL)
    assert response.context["selection"].year == 2025


def test_municipality_staff_start_at_the_portal_and_have_it_in_the_menu(municipality_user_a, world):
    client = client_for(municipality_user_a)  # logs in, which remembers the menu link
    assert client.get("/")["Location"] == PORTAL
    assert "Mijn gemeente" in client.get(PORTAL).content.decode()


def test_volunteers_have_no_portal_in_the_menu(client_a, world):
    page = client_a.get(reverse("initiatives:list")).content.decode()
    assert "Mijn gemeente" not in page and PORTAL not in page


# --- the totals ----------------------------------------------------------------------------


def test_totals_count_approved_content_of_the_year_only(municipality_user_a, world):
    totals = year_totals(selection_for(municipality_user_a))
    assert totals.initiatives == 3  # Smilde, Bovensmilde (draft), Odensehuis
    assert totals.approved == 2
    assert totals.activities == 2
    # Not the draft's 999, not Middelstum's 146.
    assert totals.volunteers.people.amount == 60 + 16
    assert totals.volunteers.people.initiatives == 2
    assert totals.volunteers.people_note == "bij 2 van de 2 initiatieven"
    assert totals.indicators == 4  # dorpsdiners, bezoekers, cursussen, ontmoetingen
    assert totals.indicators_counted == 3
    assert totals.indicators_reached == 1  # 320 of 300 visitors


def test_totals_of_another_year(municipality_user_a, world):
    totals = year_totals(selection_for(municipality_user_a, year=2024))
    assert (totals.approved, totals.volunteers.people.amount, totals.indicators_reached) == (
        1,
        50,
        1,
    )


def test_volunteers_count_only_kinds_flagged_as_volunteers(municipality_user_a, world):

    ResourceKind.objects.update(counts_volunteers=False)
    totals = year_totals(selection_for(municipality_user_a))
    assert (totals.volunteers.people.amount, totals.volunteers.people.initiatives) == (0, 0)
    assert totals.volunteers.people_note == "nergens als aantal mensen ingevuld"


# --- the exports ---------------------------------------------------------------------------

FIGURE_HEADER = [
    "Initiatief",
    "Plaats",
    "Gemeente",
    "Jaar",
    "Resultaat",
    "Eenheid",
    "Streefgetal",
    "Behaald",
    "Hoe bepaald",
    "Uit de tellingen",
    "Hoe opgeteld",
    "Perioden geteld",
    "Geteld van–tot",
    "1e helft 2025",
    "2e helft 2025",
    "Streefgetal gehaald",
    "Behaald 2024",
    "Feitenblad",
]
COLUMN = {name: index for index, name in enumerate(FIGURE_HEADER)}


def test_key_figures_csv_has_a_row_per_output_indicator(municipality_user_a, world):
    response = client_for(municipality_user_a).get(reverse("portal:figures_export", args=["csv"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="kerncijfers-midden-drenthe-2025.csv"'
    )
    header, *rows = read_csv(response)
    assert header == FIGURE_HEADER
    by_unit = {row[5]: row for row in rows}
    assert set(by_unit) == {"dorpsdiners", "bezoekers per week", "cursussen", "ontmoetingen"}
    diners = by_unit["dorpsdiners"]
    assert diners[:4] == ["Dorpshuis Smilde", "Smilde", "Midden-Drenthe", "2025"]
    column = COLUMN
    assert [diners[column[name]] for name in ("Streefgetal", "Behaald", "Streefgetal gehaald")] == [
        "40",
        "37",
        "nee",
    ]
    assert diners[column["Hoe bepaald"]] == "geteld"
    assert diners[column["Perioden geteld"]] == "1 van 12 maanden"
    assert diners[column["Geteld van–tot"]] == "januari 2025"
    assert diners[column["1e helft 2025"]] == "37" and diners[column["2e helft 2025"]] == ""
    assert diners[column["Behaald 2024"]] == "41"  # last year's approved theory
    assert by_unit["bezoekers per week"][column["Streefgetal gehaald"]] == "ja"
    cursussen = by_unit["cursussen"]
    assert [cursussen[column[name]] for name in ("Behaald", "Streefgetal gehaald")] == ["", ""]
    assert cursussen[column["Hoe bepaald"]] == "nog niets geteld"
    assert by_unit["ontmoetingen"][2] == "Westerveld"  # its own municipality
    assert diners[column["Feitenblad"]].endswith(
        "/initiatieven/dorpshuis-smilde/verandertheorie/2025/feitenblad/"
    )


def test_key_figures_xlsx_has_the_same_rows_as_numbers(municipality_user_a, world):
    response = client_for(municipality_user_a).get(reverse("portal:figures_export", args=["xlsx"]))
    header, *rows = read_xlsx(response)
    assert list(header) == FIGURE_HEADER
    diners = next(row for row in rows if row[5] == "dorpsdiners")
    assert diners[3] == 2025 and diners[6] == 40 and diners[7] == 37
    assert diners[COLUMN["1e helft 2025"]] == 37 and diners[COLUMN["Behaald 2024"]] == 41
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    about = dict(workbook["Over deze export"].iter_rows(values_only=True))
    assert about["Gemeente"] == "Midden-Drenthe" and about["Jaar"] == "2025"


def test_no_export_holds_another_municipality_or_a_draft(municipality_user_a, world):
    client = client_for(municipality_user_a)
    for url in EXPORTS:
        content = client.get(url).content
        text = (
            content.decode("utf-8-sig")
            if url.endswith("csv")
            else "\n".join(str(row) for row in read_xlsx(client.get(url)))
        )
        assert "Middelstum" not in text
        assert "hulpvragen" not in text
        assert "geheime concepttellingen" not in text


def test_the_initiatives_export_lists_every_initiative_with_its_state(municipality_user_a, world):
    response = client_for(municipality_user_a).get(
        reverse("portal:initiatives_export", args=["csv"])
    )
    header, *rows = read_csv(response)
    assert header[:6] == [
        "Initiatief",
        "Soort",
        "Plaats",
        "Gemeente",
        "Werkt ook in",
        "Verandertheorie 2025",
    ]
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {"Dorpshuis Smilde", "Buurthuis Bovensmilde", "Odensehuis Westerveld"}
    assert by_name["Dorpshuis Smilde"][5:8] == [
        "Goedgekeurd",
        "2025, 2024",
        "Sociale cohesie, Zingeving en eigenaarschap",
    ]
    assert by_name["Buurthuis Bovensmilde"][5:8] == ["In voorbereiding", "", ""]
    assert by_name["Odensehuis Westerveld"][4] == "Midden-Drenthe"


def test_advisors_export_all_municipalities_or_one(advisor, world):
    client = client_for(advisor)
    url = reverse("portal:figures_export", args=["csv"])
    _header, *everything = read_csv(client.get(url))
    assert {row[0] for row in everything} == {
        "Dorpshuis Smilde",
        "Odensehuis Westerveld",
        "Dorpsloket Middelstum",
    }
    response = client.get(url, {"gemeente": "eemsdelta"})
    assert response["Content-Disposition"].endswith('filename="kerncijfers-eemsdelta-2025.csv"')
    _header, *eemsdelta = read_csv(response)
    assert {row[0] for row in eemsdelta} == {"Dorpsloket Middelstum"}


def test_exports_follow_the_filters(municipality_user_a, world):
    response = client_for(municipality_user_a).get(
        reverse("portal:figures_export", args=["csv"]), {"soort": "ontmoetingsplek"}
    )
    _header, *rows = read_csv(response)
    assert [row[0] for row in rows] == ["Odensehuis Westerveld"]


# --- the summary PDF -----------------------------------------------------------------------


def test_the_summary_is_one_page_with_the_totals_and_no_other_municipality(
    municipality_user_a, world
):
    response = client_for(municipality_user_a).get(SUMMARY)
    assert response["Content-Disposition"] == (
        'attachment; filename="overzicht-midden-drenthe-2025.pdf"'
    )
    pdf = read_pdf(response.content)
    assert pdf.pages == 1
    for words in (
        "Initiatieven in Midden-Drenthe",
        "Dorpshuis Smilde",
        "dorpsdiners",
        "In voorbereiding",
        "Sociale cohesie",
    ):
        assert pdf.says(words), words
    assert not pdf.says("Middelstum")
    assert not pdf.says("geheime")


def test_the_summary_of_many_initiatives_is_still_one_page(advisor, world):

    for number in range(40):
        initiative = InitiativeFactory(
            name=f"Dorpsvereniging met een heel lange naam nummer {number}",
            municipality=municipality("midden-drenthe"),
        )
        theory_with_content(
            initiative, figures=(("bijeenkomsten met een lange omschrijving", 10, number),)
        )
    response = client_for(advisor).get(SUMMARY, {"gemeente": "midden-drenthe"})
    pdf = read_pdf(response.content)
    assert pdf.pages == 1
    assert pdf.says("initiatieven: zie de lijst in het portaal of de export")


# --- query counts --------------------------------------------------------------------------


def make_initiatives(count: int, *, weeks: int = 1) -> None:
    """`count` approved initiatives in Midden-Drenthe, each with figures and a theme, the
    figure counted in `weeks` weeks this year and with an approved figure last year."""
    initiatives = []
    for number in range(count):
        initiative = InitiativeFactory(
            name=f"Initiatief {number:03}", municipality=municipality("midden-drenthe")
        )
        theory_with_content(initiative, volunteers=number, figures=(("keer", 10, None),))
        theory_with_content(initiative, year=2024, volunteers=number, figures=(("keer", 9, 8),))
        initiatives.append(initiative)
    entries = []
    for output in Output.objects.filter(
        theory__initiative__in=initiatives, theory__year=2025
    ).select_related("theory"):
        indicator = indicator_for(output=output)
        Indicator.objects.filter(pk=indicator.pk).update(rhythm=Rhythm.WEEK)
        for period in periods_in_year("week", 2025)[:weeks]:
            entry = ResultEntry(indicator=indicator, value=2)
            entry.set_period(period)
            entries.append(entry)
    ResultEntry.objects.bulk_create(entries)
    for theory in TheoryOfChange.objects.filter(initiative__in=initiatives, year=2025):
        story = sheet_story(theory, f"Verhaal bij {theory.initiative.name}")
        story.outcomes.set(theory.outcomes.all()[:1])
    refresh_statistics()


def refresh_statistics() -> None:
    """What autovacuum does after a bulk load: without it PostgreSQL plans with the
    statistics of the nearly empty tables of earlier tests, and may choose nested loops
    that take minutes over 200 initiatives (the scale benchmark does the same)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# Few initiatives counted once, and many counted every week of the year: the same queries.
SIZES = [(5, 1), (200, 52)]


@pytest.mark.parametrize(("count", "weeks"), SIZES)
def test_the_portal_page_costs_the_same_queries_for_few_and_many_initiatives_and_counts(
    municipality_user_a, count, weeks, django_assert_num_queries
):
    make_initiatives(count, weeks=weeks)
    client = client_for(municipality_user_a)
    with django_assert_num_queries(PORTAL_QUERIES):
        response = client.get(PORTAL)
    assert response.status_code == 200
    figures = response.context["overview"].figures
    assert figures[0].achieved == 2 * weeks and figures[0].previous_value == 8


@pytest.mark.parametrize(("count", "weeks"), SIZES)
def test_the_exports_cost_the_same_queries_for_few_and_many_initiatives_and_counts(
    municipality_user_a, count, weeks, django_assert_num_queries
):
    make_initiatives(count, weeks=weeks)
    client = client_for(municipality_user_a)
    with django_assert_num_queries(FIGURES_EXPORT_QUERIES):
        response = client.get(reverse("portal:figures_export", args=["xlsx"]))
    _header, first, *_rest = read_xlsx(response)
    assert first[COLUMN["Behaald"]] == 2 * weeks
    assert first[COLUMN["Perioden geteld"]] == f"{weeks} van 52 weken"
    assert first[COLUMN["Behaald 2024"]] == 8
    with django_assert_num_queries(INITIATIVES_EXPORT_QUERIES):
        client.get(reverse("portal:initiatives_export", args=["xlsx"]))


@pytest.mark.parametrize(("count", "weeks", "rooms"), [(5, 1, 1), (200, 52, 3)])
def test_the_summary_costs_the_same_queries_per_layout_it_tries(
    municipality_user_a, count, weeks, rooms, django_assert_num_queries
):
    """The renderer tries up to three layouts (`summary.ROOMS`) until the page fits; each
    costs the same queries, however many initiatives and counts there are."""
    make_initiatives(count, weeks=weeks)
    client = client_for(municipality_user_a)
    with django_assert_num_queries(SUMMARY_QUERIES + (rooms - 1) * SUMMARY_ROOM_QUERIES):
        response = client.get(SUMMARY)
    assert read_pdf(response.content).pages == 1


# On a cold cache: 33, and two for the versions of what is cached (the approved content's,
# read once for the years and the overview, and the reference lists'). Of the 33, the
# overview is 22: totals (6), themes (1), key figures (the outputs, their figures, and three
# for last year's: `previous_counts` reads this year's rows, last year's candidates and
# their figures), story counts (4), the approved valuations with what they stand on (the
# outputs' and outcomes' counts, the outcomes' questionnaires: 4), the approved doorbraak
# cases and their avoided costs (2); then the stories cleared for the municipality (3).
PORTAL_QUERIES = 35
FIGURES_EXPORT_QUERIES = 9  # the selection (4), the outputs, their figures, last year (3)
INITIATIVES_EXPORT_QUERIES = 7  # the years of the selection now come from the cache
# The user and selection (4: scope, content version, years), then per layout 27: the
# initiatives listed and their count (2), the reference lists' version (1), the overview
# (22) and the rows (2).
SUMMARY_QUERIES = 31
SUMMARY_ROOM_QUERIES = 27


@pytest.mark.parametrize(
    "url",
    [
        reverse("initiatives:detail", kwargs={"slug": "dorpsloket-middelstum"}),
        reverse("factsheet:page", kwargs={"slug": "dorpsloket-middelstum", "year": 2025}),
        reverse("factsheet:pdf", kwargs={"slug": "dorpsloket-middelstum", "year": 2025}),
        reverse("factsheet:poster", kwargs={"slug": "dorpsloket-middelstum", "year": 2025}),
    ],
)
def test_typing_middelstums_urls_finds_nothing_for_midden_drenthe(municipality_user_a, world, url):
    assert client_for(municipality_user_a).get(url).status_code == 404


def test_midden_drenthe_reads_the_approved_smilde_sheet(municipality_user_a, world):
    url = reverse("factsheet:page", kwargs={"slug": "dorpshuis-smilde", "year": 2025})
    assert client_for(municipality_user_a).get(url).status_code == 200


def test_a_municipality_without_initiatives_gets_an_empty_but_whole_portal(advisor, world):
    client = client_for(advisor)
    page = client.get(PORTAL, {"gemeente": "pekela"}).content.decode()
    assert "Er zijn nog geen initiatieven in deze gemeente aangemeld." in page
    assert "Er zijn nog geen goedgekeurde verandertheorieën met thema" in page
    pdf = read_pdf(client.get(SUMMARY, {"gemeente": "pekela"}).content)
    assert pdf.pages == 1
    assert pdf.says("Initiatieven in Pekela")
    _header, *rows = read_csv(
        client.get(reverse("portal:figures_export", args=["csv"]), {"gemeente": "pekela"})
    )
    assert rows == []


def test_the_overview_is_cached_until_the_approved_content_changes(
    municipality_user_a, world, django_assert_num_queries
):
    from tests.factsheet.conftest import set_status

    client = client_for(municipality_user_a)
    assert client.get(PORTAL).context["overview"].totals.approved == 2
    # No years (1), totals (6), themes (1), figures (1, their figures 1 and last year's 3),
    # story counts (4), valuations (4), doorbraak cases (2) or shared stories (2; this world
    # has none whose effects would be read): the sections they make come rendered from the
    # cache.
    with django_assert_num_queries(PORTAL_QUERIES - 26):
        cached = client.get(PORTAL)
    assert cached.context["overview"].totals.approved == 2
    assert cached.context["overview"].selection is cached.context["selection"]

    set_status(world.bovensmilde.theories.get(year=2025), "approved")

    fresh = client.get(PORTAL).context["overview"]
    assert fresh.totals.approved == 3
    assert "Gezondheid en welzijn" in [theme.name for theme in fresh.themes]


def test_a_year_approved_for_the_first_time_is_offered_at_once(municipality_user_a, world):
    """The portal keeps the years it offers in the cache, under the approved content's
    version: approving a theory of a new year changes it."""
    from tests.factsheet.conftest import set_status

    client = client_for(municipality_user_a)

    def years() -> list[int]:
        return [year for year, _label in client.get(PORTAL).context["form"].fields["jaar"].choices]

    assert 2031 not in years()
    set_status(TheoryOfChange.objects.create(initiative=world.bovensmilde, year=2031), "approved")
    assert years()[0] == 2031
    set_status(TheoryOfChange.objects.get(initiative=world.bovensmilde, year=2031), "draft")
    assert 2031 not in years()


def test_the_chart_and_its_table_hold_the_first_initiatives_and_say_how_many_more(
    municipality_user_a,
):
    from impact.portal import data

    make_initiatives(data.CHART_INITIATIVES + 3)
    response = client_for(municipality_user_a).get(PORTAL)
    overview = response.context["overview"]
    shown = {figure.initiative.name for figure in overview.figures}
    assert len(shown) == data.CHART_INITIATIVES
    assert overview.figures_left_out == 3
    assert "De kerncijfers van nog 3 initiatieven staan in de export." in response.content.decode()
