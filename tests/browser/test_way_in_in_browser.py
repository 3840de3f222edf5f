"""Issue "Volunteers and advisors", in a real browser: a volunteer walks all ten steps on a
phone and nothing is recorded as changed; an advisor puts a new initiative on the platform
and its invited coordinator writes step 1; approving with open comments asks first."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from initiatives.models import Initiative, Membership, Role
from tests.browser.conftest import log_in_on
from theory_of_change.models import Status, StepRevision, TheoryOfChange

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())


def test_walking_all_ten_steps_on_a_phone_records_no_change(new_page, live_server, demo):
    theory = TheoryOfChange.objects.get(initiative__slug="ebbingehof", year=2025)
    assert theory.is_editable
    before = StepRevision.objects.filter(theory=theory).count()
    page = new_page(**PHONE)
    log_in_on(page, live_server, "vrijwilliger.ebbingehof", "demo")
    page.goto(f"{live_server.url}/initiatieven/ebbingehof/verandertheorie/2025/stap/1/")
    for number in range(1, 10):
        page.get_by_role("button", name=f"Opslaan en verder naar stap {number + 1}").click()
        expect(page.locator(".step-eyebrow").first).to_contain_text(f"Stap {number + 1} van 10")
        expect(page.get_by_text(f"Stap {number} is opgeslagen.")).to_have_count(0)
    assert StepRevision.objects.filter(theory=theory).count() == before


def test_an_advisor_puts_an_initiative_on_the_platform_and_its_coordinator_writes(
    new_page, live_server, settings, demo
):
    settings.SITE_URL = live_server.url  # the link in the e-mail points at this server
    advisor = new_page()
    log_in_on(advisor, live_server, "adviseur", "demo")
    advisor.get_by_role("link", name="Nieuw initiatief op het platform zetten").click()
    advisor.get_by_label("Naam").fill("Dorpshuis De Wijk")
    advisor.get_by_label("Soort initiatief").select_option(label="Dorpshuis of buurthuis")
    advisor.get_by_label("Dorp of plaats").fill("De Wijk")
    advisor.get_by_label("Gemeente").select_option(label="Midden-Drenthe")
    advisor.get_by_label("E-mailadres van de coördinator").fill("kees@example.org")
    advisor.get_by_role("button", name="Initiatief aanmaken en uitnodigen").click()
    expect(advisor.get_by_role("heading", level=1)).to_have_text("Dorpshuis De Wijk")
    expect(advisor.get_by_text("We hebben kees@example.org uitgenodigd")).to_be_visible()

    [invitation] = mail.outbox
    link = re.search(r"http://\S+/uitnodiging/\S+/", invitation.body)
    kees = new_page()
    kees.goto(link.group(0))
    kees.get_by_label("Voornaam").fill("Kees")
    kees.get_by_label("Achternaam").fill("Bakker")
    kees.get_by_label("Kies een wachtwoord").fill("Koffie-in-het-dorpshuis-42")
    kees.get_by_label("Typ het wachtwoord nog een keer").fill("Koffie-in-het-dorpshuis-42")
    kees.get_by_role("button", name="Account maken en accepteren").click()
    expect(kees.get_by_text("Je bent nu lid als Coördinator.")).to_be_visible()
    kees.get_by_role("button", name="Beginnen").click()
    kees.get_by_label("Probleem").fill("In De Wijk is geen plek om elkaar te ontmoeten.")
    kees.locator(".step-actions").get_by_role("button", name="Opslaan", exact=True).click()
    expect(kees.get_by_text("Stap 1 is opgeslagen")).to_be_visible()

    initiative = Initiative.objects.get(name="Dorpshuis De Wijk")
    membership = Membership.objects.get(initiative=initiative)
    assert (membership.user.email, membership.role) == ("kees@example.org", Role.COORDINATOR)
    assert initiative.theories.get().problem.startswith("In De Wijk")


def test_approving_with_open_comments_asks_first(new_page, live_server, demo):
    theory = TheoryOfChange.objects.get(initiative__slug="dorpsloket-middelstum", year=2025)
    assert theory.is_submitted
    advisor = new_page()
    log_in_on(advisor, live_server, "adviseur", "demo")
    advisor.goto(
        f"{live_server.url}/initiatieven/dorpsloket-middelstum/verandertheorie/2025/beoordeling/"
    )
    advisor.get_by_label("Bericht voor het initiatief (mag leeg blijven)").fill("Mooi werk!")
    advisor.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(
        advisor.get_by_role("heading", name=re.compile("Er staan nog 3 opmerkingen open"))
    ).to_be_visible()
    theory.refresh_from_db()
    assert theory.status == Status.SUBMITTED
    expect(advisor.get_by_label("Bericht voor het initiatief (mag leeg blijven)")).to_have_value(
        "Mooi werk!"
    )
    advisor.get_by_role("button", name="Toch goedkeuren").click()
    expect(advisor.get_by_text("goedgekeurd", exact=False).first).to_be_visible()
    theory.refresh_from_db()
    assert theory.status == Status.APPROVED


def test_typed_text_is_offered_back_after_the_tab_was_closed(
    browser, browser_context_args, live_server, theory_a, volunteer_a
):
    context = browser.new_context(**browser_context_args)  # one browser: one localStorage
    first = context.new_page()
    log_in_on(first, live_server, volunteer_a.username)
    step_1 = f"{live_server.url}/initiatieven/dorpshuis-smilde/verandertheorie/2025/stap/1/"
    first.goto(step_1)
    first.get_by_label("Probleem").fill("Een lange tekst die ik nog niet heb opgeslagen.")
    first.wait_for_timeout(900)  # the pause after typing, then it is kept
    first.close(run_before_unload=False)

    again = context.new_page()
    again.goto(step_1)
    offer = again.locator(".autosave-offer")
    expect(offer).to_contain_text("tekst getypt die nog niet is opgeslagen")
    expect(again.get_by_label("Probleem")).to_have_value("")
    offer.get_by_role("button", name="Terugzetten").click()
    expect(again.get_by_label("Probleem")).to_have_value(
        "Een lange tekst die ik nog niet heb opgeslagen."
    )
    again.locator(".step-actions").get_by_role("button", name="Opslaan", exact=True).click()
    expect(again.get_by_text("Stap 1 is opgeslagen")).to_be_visible()
    again.goto(step_1)
    expect(again.locator(".autosave-offer")).to_have_count(0)  # saved: nothing to offer
    context.close()
