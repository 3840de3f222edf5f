"""A story with consent, in a real browser: a volunteer writes it one question at a time,
records verbal consent for the fact sheet, chooses its quote for the sheet, downloads the
PDF with the quote, withdraws the consent, and the next PDF no longer holds it."""

import pypdf
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in_on
from tests.factories import OutcomeFactory, complete_theory

pytestmark = pytest.mark.django_db(transaction=True)

QUOTE = "Hier kan ik even op adem komen."


def sheet_text(page: Page) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF (A4)").click()
    sheet = pypdf.PdfReader(download.value.path())
    return " ".join(sheet.pages[0].extract_text().split())


def next_question(page: Page) -> None:
    page.locator("[data-question]:not([hidden])").get_by_role(
        "button", name="Volgende vraag"
    ).click()


def test_a_story_with_verbal_consent_goes_on_the_sheet_and_off_again(
    page, live_server, theory_a, volunteer_a
):
    complete_theory(theory_a)
    OutcomeFactory(theory=theory_a, description="Mantelzorgers zijn ontlast")
    log_in_on(page, live_server, volunteer_a.username)
    page.goto(f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/")
    page.get_by_role("link", name="Verhalen 2025").click()
    page.get_by_role("link", name="Een verhaal opschrijven").click()

    # One question per screen: only the first is shown, the save button only at the end.
    expect(page.get_by_text("Vraag 1 van 6")).to_be_visible()
    expect(page.get_by_text("Vraag 2 van 6")).to_be_hidden()
    expect(page.get_by_role("button", name="Verhaal opslaan")).to_be_hidden()
    page.get_by_role("textbox", name="Het verhaal").fill(
        "Sinds ze hier komt, slaapt ze beter. " + QUOTE
    )
    next_question(page)
    page.get_by_role("radio", name="mantelzorger", exact=True).check()
    next_question(page)
    page.get_by_role("radio", name="interview", exact=True).check()
    next_question(page)
    page.get_by_label("Mantelzorgers zijn ontlast").check()
    next_question(page)
    page.get_by_label("Citaat uit het verhaal").fill(QUOTE)
    next_question(page)
    page.get_by_role("button", name="Verhaal opslaan").click()
    expect(page.get_by_text("Het verhaal is opgeslagen.")).to_be_visible()
    expect(page.locator(".scope-badge").first).to_have_text("alleen intern")

    page.locator("summary", has_text="Toestemming vastleggen").click()
    page.get_by_role("radio", name="ook de gemeente en het feitenblad").check()
    page.get_by_role("radio", name="de persoon zelf").check()
    page.get_by_role("radio", name="mondeling, vastgelegd door een vrijwilliger").check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()

    page.goto(f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/feitenblad/")
    page.get_by_label(f"“{QUOTE}” — mantelzorger").check()
    page.get_by_role("button", name="Citaat kiezen").click()
    expect(page.locator(".sheet-screen")).to_contain_text(QUOTE)
    text = sheet_text(page)
    assert QUOTE in text and "een mantelzorger" in text
    assert "1 verhaal opgehaald in 2025" in text

    page.get_by_role("link", name="Naar de verhalen").click()
    page.get_by_role("link", name=f"“{QUOTE}”").click()
    page.get_by_role("button", name="Toestemming intrekken").click()
    expect(page.get_by_text("De toestemming is ingetrokken.")).to_be_visible()
    expect(page.locator(".scope-badge").first).to_have_text("alleen intern")

    page.goto(f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/feitenblad/")
    expect(page.locator(".sheet-screen")).not_to_contain_text(QUOTE)
    assert QUOTE not in sheet_text(page)
