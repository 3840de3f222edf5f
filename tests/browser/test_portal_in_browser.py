"""The municipality portal's "done means", in a real browser on the demo data:
gemeente.midden-drenthe logs in, sees Smilde with its figures and chart, downloads the
ZIP of fact sheets and the Excel export, and both open."""

import io
import zipfile

import openpyxl
import pypdf
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import log_in_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_midden_drenthe_takes_smildes_sheet_and_figures_home(page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    log_in_on(page, live_server, "gemeente.midden-drenthe", "demo")
    expect(page).to_have_url(f"{live_server.url}/gemeente/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Initiatieven in Midden-Drenthe")

    table = page.locator(".portal-table")
    expect(table.get_by_role("link", name="Dorpshuis Smilde", exact=True)).to_be_visible()
    expect(table).not_to_contain_text("Middelstum")
    expect(page.locator("svg.portal-chart")).to_have_count(2)
    expect(page.locator("svg.portal-chart").nth(1)).to_contain_text("dorpsdiners")

    # The numbers behind the chart, for who would rather read than look.
    page.get_by_text("Toon als tabel").nth(1).click()
    expect(page.locator(".portal-chart-table").nth(1).locator("table")).to_contain_text(
        "Dorpshuis Smilde"
    )

    # The ZIP: the immediate task backend makes it while the page loads.
    page.get_by_role("button", name="Het feitenblad als ZIP").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feitenbladen 2025")
    with page.expect_download() as zip_download:
        page.get_by_role("link", name="Download het ZIP-bestand").click()
    assert zip_download.value.suggested_filename == "feitenbladen-midden-drenthe-2025.zip"
    with zipfile.ZipFile(zip_download.value.path()) as archive:
        assert archive.namelist() == ["feitenblad-dorpshuis-smilde-2025.pdf"]
        sheet = pypdf.PdfReader(io.BytesIO(archive.read(archive.namelist()[0])))
    assert len(sheet.pages) == 1
    assert "Smilde" in sheet.pages[0].extract_text()

    page.go_back()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (kerncijfers)").click()
    assert xlsx_download.value.suggested_filename == "kerncijfers-midden-drenthe-2025.xlsx"
    with open(xlsx_download.value.path(), "rb") as downloaded:
        workbook = openpyxl.load_workbook(io.BytesIO(downloaded.read()))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Initiatief", "Plaats", "Gemeente", "Jaar")
    assert {row[0] for row in rows[1:]} == {"Dorpshuis Smilde"}
    assert any(row[5] == "dorpsdiners per jaar" for row in rows[1:])
