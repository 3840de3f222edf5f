"""What only a real browser shows: a list step's rows written, opened, removed and
brought back with JavaScript switched off (every button is a real form button), and the
text-size control that persists across pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_on
from tests.factories import ActivityFactory
from tests.theory_of_change.helpers import step_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_list_step_works_without_javascript(new_page, live_server, theory_a, volunteer_a):
    ActivityFactory(theory=theory_a, name="Dorpsdiner", frequency="elke maand", position=0)
    ActivityFactory(theory=theory_a, name="Bingo", position=1)
    page = new_page(java_script_enabled=False)
    log_in_on(page, live_server, volunteer_a.username)
    url = f"{live_server.url}{step_url(theory_a, 4)}"
    page.goto(url)

    lines = page.locator(".row-line")
    expect(lines).to_have_count(2)
    expect(page.locator(".row-list__open")).to_have_count(0)
    expect(lines.first).to_contain_text("Dorpsdiner")
    expect(lines.first).to_contain_text("elke maand")

    # "toevoegen" opens one new row; the page came back from the server.
    page.get_by_role("button", name="Activiteit toevoegen").click()
    expect(page).to_have_url(f"{url}?regel=nieuw#rij-nieuw")
    new_row = page.locator(".row-list__open")
    new_row.get_by_label("Naam").fill("Jeugdsoos")
    new_row.get_by_label("Hoe vaak").fill("elke vrijdag")
    page.get_by_role("button", name="Regel toevoegen").click()
    expect(page.get_by_text("Stap 4 is opgeslagen.")).to_be_visible()
    expect(lines).to_have_count(3)
    expect(lines.nth(2)).to_contain_text("Jeugdsoos")

    # "Wijzigen" opens that row only.
    lines.first.get_by_role("button", name="Wijzigen: Dorpsdiner").click()
    open_row = page.locator(".row-list__open")
    expect(open_row.get_by_label("Naam")).to_have_value("Dorpsdiner")
    open_row.get_by_label("Hoe vaak").fill("elke eerste vrijdag")
    page.get_by_role("button", name="Regel opslaan").click()
    expect(page.locator(".row-line").first).to_contain_text("elke eerste vrijdag")

    # Removed, undone, removed again.
    page.get_by_role("button", name="Verwijderen: Bingo").click()
    expect(page.get_by_text("‘Bingo’ is verwijderd.")).to_be_visible()
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_text("De regel staat er weer.")).to_be_visible()
    expect(page.locator(".row-line").nth(1)).to_contain_text("Bingo")
    page.get_by_role("button", name="Verwijderen: Bingo").click()
    expect(page.locator(".row-line")).to_have_count(2)

    names = list(theory_a.activities.order_by("position").values_list("name", flat=True))
    assert names == ["Dorpsdiner", "Jeugdsoos"]
    assert theory_a.activities.get(name="Dorpsdiner").frequency == "elke eerste vrijdag"


def test_text_size_is_applied_at_once_and_kept(page, live_server, log_in, theory_a, volunteer_a):
    log_in(volunteer_a.username)
    page.goto(f"{live_server.url}{step_url(theory_a, 1)}")
    html = page.locator("html")
    assert "text-size-normal" in html.get_attribute("class")
    normal_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")

    page.get_by_text("Extra groot").click()
    page.wait_for_function("document.documentElement.classList.contains('text-size-x-large')")
    page.wait_for_timeout(300)  # the choice is saved in the background

    page.goto(f"{live_server.url}{step_url(theory_a, 2)}")
    assert "text-size-x-large" in html.get_attribute("class")
    large_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large_size >= normal_size * 1.3
