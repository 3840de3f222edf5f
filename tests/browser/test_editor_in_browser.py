"""What only a real browser shows: list rows added and removed with JavaScript, and the
text-size control that persists across pages."""

import pytest

from tests.factories import ActivityFactory
from tests.theory_of_change.helpers import step_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_adding_and_removing_rows_with_javascript(page, live_server, log_in, theory_a, volunteer_a):
    keep = ActivityFactory(theory=theory_a, name="Dorpsdiner", position=0)
    remove = ActivityFactory(theory=theory_a, name="Bingo", position=1)
    log_in(volunteer_a.username)
    url = f"{live_server.url}{step_url(theory_a, 4)}"
    page.goto(url)

    rows = page.locator("[data-formset-rows] > [data-formset-row]")
    assert rows.count() == 3  # two activities and one empty row
    page.get_by_role("button", name="Activiteit toevoegen").click()
    assert rows.count() == 4
    assert page.url == url  # added in the page, not by a round trip

    new_row = rows.nth(3)
    new_row.get_by_label("Naam").fill("Jeugdsoos")
    new_row.get_by_label("Hoe vaak").fill("elke vrijdag")

    bingo = rows.nth(1)
    bingo.get_by_role("button", name="Regel verwijderen").click()
    assert "is-removed" in bingo.get_attribute("class")
    page.get_by_role("button", name="Toch houden").click()
    assert "is-removed" not in bingo.get_attribute("class")
    bingo.get_by_role("button", name="Regel verwijderen").click()

    page.get_by_role("button", name="Opslaan", exact=True).last.click()
    page.wait_for_load_state()
    assert page.get_by_text("Stap 4 is opgeslagen.").is_visible()

    names = list(theory_a.activities.order_by("position").values_list("name", flat=True))
    assert names == ["Dorpsdiner", "Jeugdsoos"]
    assert not theory_a.activities.filter(pk=remove.pk).exists()
    assert theory_a.activities.get(name="Jeugdsoos").frequency == "elke vrijdag"
    keep.refresh_from_db()
    assert keep.position == 0


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
