"""A doorbraak case in a real browser: a volunteer records one from the value page (a
mistake is refused with nothing typed lost), the municipality cannot see it, an advisor
approves it, and then the municipality reads it and finds it in its portal."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_on
from tests.factories import price

pytestmark = pytest.mark.django_db(transaction=True)

SITUATION = "Een alleenstaande oudere kon na een val het huishouden niet meer aan."


def test_a_case_is_recorded_approved_and_then_read_by_the_municipality(
    new_page, live_server, theory_a, volunteer_a, advisor, municipality_user_a
):
    price(
        "Een uur hulp bij het huishouden",
        unit="uur",
        beneficiary="gemeente",
        low=22,
        central=30,
        high=30,
        by=advisor,
    )
    year_url = f"{live_server.url}/initiatieven/{theory_a.initiative.slug}/verandertheorie/2025/"

    # The volunteer goes from the value page to a new case.
    volunteer = new_page()
    log_in_on(volunteer, live_server, volunteer_a.username)
    volunteer.goto(f"{year_url}waarde/")
    volunteer.get_by_role("link", name="Naar de doorbraakcasussen").click()
    volunteer.get_by_role("link", name="Nieuwe doorbraakcasus").click()
    volunteer.get_by_label("Wat was de situatie?").fill(SITUATION)
    volunteer.get_by_label("Wat is er geregeld?").fill("Buren deden acht weken het zware werk.")
    volunteer.get_by_label("Wat kostte de oplossing? (€)").fill("120")
    line = volunteer.locator("#kosten-1")
    line.get_by_label("Een prijs van de prijslijst").select_option(index=1)
    line.get_by_label("waarschijnlijk", exact=True).check()
    volunteer.get_by_role("button", name="Doorbraakcasus opslaan").click()

    # Without a quantity the price means nothing: refused, and nothing typed is lost.
    expect(volunteer.get_by_text("Vul in hoe vaak dit nodig was geweest (aantal).")).to_be_visible()
    expect(volunteer.get_by_label("Wat was de situatie?")).to_have_value(SITUATION)
    volunteer.locator("#kosten-1").get_by_label("Hoe vaak (aantal)").fill("24")
    volunteer.get_by_role("button", name="Doorbraakcasus opslaan").click()
    expect(volunteer.get_by_text("Een adviseur kijkt er nog naar.")).to_be_visible()
    # 24 × € 22–30 × 75%: € 396 to € 540.
    expect(volunteer.get_by_text("Ze voorkwam naar schatting € 396 tot € 540")).to_be_visible()
    case_url = volunteer.url

    # The municipality does not learn of a proposal.
    municipality = new_page()
    log_in_on(municipality, live_server, municipality_user_a.username)
    assert municipality.request.get(case_url).status == 404
    assert municipality.request.get(f"{year_url}doorbraak/").status == 404

    # The advisor approves it.
    adviser = new_page()
    log_in_on(adviser, live_server, advisor.username)
    adviser.goto(f"{live_server.url}/advies/waarde/")
    adviser.get_by_role("row", name=theory_a.initiative.name).get_by_role("link").click()
    adviser.get_by_role("link", name="Bekijken").first.click()
    adviser.get_by_role("button", name="Doorbraakcasus goedkeuren").click()
    expect(adviser.get_by_text("De gemeente kan hem nu ook lezen.")).to_be_visible()

    # Now the municipality reads it, and its portal counts it.
    municipality.goto(case_url)
    expect(municipality.get_by_text(SITUATION)).to_be_visible()
    expect(municipality.get_by_role("button", name="Doorbraakcasus opslaan")).to_have_count(0)
    municipality.goto(f"{live_server.url}/gemeente/")
    expect(municipality.locator(".portal-cases")).to_contain_text(
        "Daarnaast één goedgekeurde doorbraakcasus"
    )
