"""Value in euros in a real browser: an advisor puts a sourced price on the list, a
volunteer values a counted result with it, the advisor approves, and the value page shows
the indication as a range with the ratio to the costs of step 3; the fact sheet then shows
the range with its source, on the page and in the PDF."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from impact.models import Valuation
from tests.browser.conftest import log_in_on
from tests.factories import OutputFactory, ResourceFactory
from tests.factsheet.conftest import read_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_price_a_valuation_and_its_approval(
    new_page, live_server, theory_a, volunteer_a, advisor
):
    OutputFactory(theory=theory_a, description="Dorpsdiners", unit="diners", achieved=52)
    ResourceFactory(theory=theory_a, euro_value=Decimal("50"))
    value_url = (
        f"{live_server.url}/initiatieven/{theory_a.initiative.slug}/verandertheorie/2025/waarde/"
    )

    # The advisor adds a price; without a source it is refused, with one it is saved.
    adviser = new_page()
    log_in_on(adviser, live_server, advisor.username)
    adviser.get_by_role("link", name="Prijslijst").click()
    adviser.get_by_role("link", name="Nieuwe prijs toevoegen").click()
    adviser.locator("#id_item-name").fill("Een maaltijd voor een alleenstaande oudere")
    adviser.locator("#id_item-unit").fill("maaltijd")
    adviser.locator("#id_item-beneficiary").select_option(label="Inwoner")
    adviser.locator("#id_prijs-low").fill("4")
    adviser.locator("#id_prijs-central").fill("6")
    adviser.locator("#id_prijs-high").fill("9")
    adviser.locator("#id_prijs-price_year").fill("2025")
    adviser.locator("#id_prijs-source_year").fill("2024")
    adviser.get_by_role("button", name="Prijs opslaan").click()
    expect(adviser.get_by_text("Zonder bron kan een prijs niet worden opgeslagen.")).to_be_visible()
    expect(adviser.locator("#id_prijs-high")).to_have_value("9")  # nothing typed is lost
    adviser.locator("#id_prijs-source_title").fill("Kengetallen maaltijdvoorzieningen")
    adviser.get_by_role("button", name="Prijs opslaan").click()
    expect(adviser.get_by_role("row", name="Een maaltijd")).to_contain_text("€ 4,00 tot € 9,00")

    # The volunteer values the counted dinners with it, from the results page.
    volunteer = new_page()
    log_in_on(volunteer, live_server, volunteer_a.username)
    volunteer.goto(value_url)
    result = volunteer.locator(".value-lines > li").filter(has_text="Dorpsdiners")
    result.get_by_text("Een waarde geven").click()
    result.get_by_label("Welke prijs past bij dit resultaat?").select_option(
        label="Een maaltijd voor een alleenstaande oudere: € 4,00 tot € 9,00 per maaltijd"
    )
    result.get_by_role("group", name="Hoeveel hiervan was ook zonder jullie gebeurd?").get_by_label(
        "een kwart"
    ).check()
    result.get_by_role(
        "group", name="Welk deel komt door anderen, zoals andere organisaties of familie?"
    ).get_by_label("de helft").check()
    result.get_by_role("button", name="Waardering opslaan").click()
    expect(volunteer.get_by_text("De waardering is opgeslagen.")).to_be_visible()
    expect(result).to_contain_text("€ 78 tot € 176 (midden € 117), indicatie")
    expect(result).to_contain_text("Voorstel")
    expect(volunteer.get_by_role("button", name="Waardering goedkeuren")).to_have_count(0)

    # The advisor approves; the indication appears for both.
    adviser.goto(value_url)
    adviser.get_by_role("button", name="Waardering goedkeuren").click()
    expect(adviser.get_by_text("De waardering is goedgekeurd.")).to_be_visible()
    assert Valuation.objects.get().approved_by == advisor
    volunteer.reload()
    expect(volunteer.locator(".value-summary")).to_contain_text(
        "Voor elke euro € 1,56 tot € 3,51 aan maatschappelijke waarde (indicatie)."
    )

    # The fact sheet shows the range, with the source in its footnote; the PDF too.
    sheet_url = value_url.replace("/waarde/", "/feitenblad/")
    volunteer.goto(sheet_url)
    value_figure = volunteer.locator(".figure-value")
    expect(value_figure).to_contain_text("€ 78 – € 176")
    expect(value_figure).to_contain_text("per euro aan kosten € 1,56 tot € 3,51")
    expect(volunteer.locator(".sheet-footnote")).to_contain_text(
        "Prijzen uit: Kengetallen maaltijdvoorzieningen (2024)."
    )
    pdf = read_pdf(volunteer.request.get(sheet_url.rstrip("/") + ".pdf").body())
    assert pdf.pages == 1
    assert pdf.says("€ 78 – € 176") and pdf.says("Kengetallen maaltijdvoorzieningen (2024)")
