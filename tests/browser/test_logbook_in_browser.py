"""The weekly logbook on a phone: one screen, the − / + buttons, one button to save."""

import pytest

from tests.browser.conftest import log_in_on, save_screenshot
from tests.factories import OutputFactory
from theory_of_change.results.models import Aggregation, Busyness, LogbookWeek, ResultEntry
from theory_of_change.results.periods import Rhythm
from theory_of_change.results.services import indicator_for, indicator_settings_save

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def weekly(theory, description: str, unit: str, position: int):
    output = OutputFactory(theory=theory, description=description, unit=unit, position=position)
    return indicator_settings_save(
        indicator=indicator_for(output=output), rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
    )


def test_a_volunteer_fills_in_a_week_on_a_phone(new_page, live_server, theory_a, volunteer_a):
    helped = weekly(theory_a, "Hulpvragen", "vragen", 0)
    visits = weekly(theory_a, "Huisbezoeken", "bezoeken", 1)
    page = new_page(**PHONE)
    log_in_on(page, live_server, volunteer_a.username)
    page.goto(f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/logboek/")
    page.get_by_role("link", name="Week 1 invullen").click()
    page.wait_for_url("**/logboek/2025-W01/")

    # + three times for the help requests; the number field is the real input.
    count = page.get_by_label("Hulpvragen", exact=True)
    plus = page.get_by_role("button", name="Eén meer: Hulpvragen")
    assert plus.is_visible()  # shown by logbook.js
    for _ in range(3):
        plus.click()
    assert count.input_value() == "3"
    page.get_by_role("button", name="Eén minder: Hulpvragen").click()
    plus.click()
    assert count.input_value() == "3"
    # A number typed straight into the other field.
    page.get_by_label("Huisbezoeken", exact=True).fill("2")
    page.get_by_text("te druk", exact=True).click()
    page.get_by_label("Wat speelde er?").fill("Veel vragen over de energietoeslag.")

    # One screen: the save button is there without leaving the page sideways.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390
    save_screenshot(page, "vrijwilliger-logboek-week-telefoon-ingevuld")
    buttons = page.locator("form.logbook-form").get_by_role("button").filter(has_text="Opslaan")
    assert buttons.count() == 1
    buttons.click()

    page.wait_for_url("**/logboek/2025-W01/")
    assert page.get_by_text("Week 1 is opgeslagen in het logboek.").is_visible()
    assert page.get_by_label("Hulpvragen", exact=True).input_value() == "3"
    assert page.get_by_role("radio", name="te druk").is_checked()
    values = dict(ResultEntry.objects.values_list("indicator", "value"))
    assert values == {helped.pk: 3, visits.pk: 2}
    week = LogbookWeek.objects.get(theory=theory_a, week="2025-W01")
    assert week.busyness == Busyness.TOO_BUSY
    assert week.note == "Veel vragen over de energietoeslag."

    # The week shows in the list of weeks.
    page.get_by_role("link", name="Alle weken van 2025").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Week 1", exact=True))
    assert "te druk" in row.inner_text()


def test_the_week_works_without_javascript(
    browser, browser_context_args, live_server, theory_a, volunteer_a
):
    helped = weekly(theory_a, "Hulpvragen", "vragen", 0)
    context = browser.new_context(**{**browser_context_args, **PHONE, "java_script_enabled": False})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in_on(page, live_server, volunteer_a.username)
        page.goto(
            f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/logboek/2025-W10/"
        )
        assert not page.get_by_role("button", name="Eén meer: Hulpvragen").is_visible()
        page.get_by_label("Hulpvragen", exact=True).fill("4")
        page.get_by_text("rustig", exact=True).click()
        page.get_by_role("button", name="Opslaan", exact=True).last.click()
        page.wait_for_load_state()
        assert page.get_by_text("Week 10 is opgeslagen in het logboek.").is_visible()
    finally:
        context.close()
    assert ResultEntry.objects.get(indicator=helped).value == 4
    assert LogbookWeek.objects.get(theory=theory_a).busyness == Busyness.QUIET
