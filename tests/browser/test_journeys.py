"""Whole journeys in a real browser, clicking what a user clicks on the real pages.

- A volunteer makes the text bigger, writes all ten steps of an empty Verandertheorie
  (adding and removing list rows), leaves half-way and comes back, and submits it.
- A municipality user finds an approved initiative, opens its fact sheet and downloads
  the PDF.
- Two people save the same step: the second is warned, sees the other's version next to
  their own text, and saves again on purpose; nothing is lost.
- A coordinator invites someone by e-mail; the new volunteer opens the link, makes an
  account and can write at once.

The review round between advisor and volunteer is in test_review_in_browser.py; the first
journey here ends where that one starts (submitted, with the advisors e-mailed).
"""

import re

import pypdf
import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from initiatives.models import Invitation, Membership, Role
from tests.browser.conftest import log_in_on, save_screenshot
from tests.factories import complete_theory
from tests.theory_of_change.helpers import step_url
from theory_of_change import workflow
from theory_of_change.models import MeasurementLevel, Status, StepRevision
from theory_of_change.services import record_initial_revisions

pytestmark = pytest.mark.django_db(transaction=True)


def open_row(page: Page) -> Locator:
    """The one row of a list step open for writing (the others are lines in the list)."""
    row = page.locator(".row-list__open")
    expect(row).to_have_count(1)
    return row


def add_row(page: Page, add_label: str) -> Locator:
    """Press the step's "add row" button: what is open is saved, and a new row opens."""
    page.get_by_role("button", name=add_label).click()
    expect(page.locator("#rij-nieuw")).to_be_visible()
    return open_row(page)


def row_line(page: Page, name: str) -> Locator:
    return page.locator(".row-line").filter(has_text=name)


def save_and_go_on(page: Page, number: int, *, saved: bool = True) -> None:
    """Press "Opslaan en verder naar stap n+1" and wait until that step is shown (with
    "opgeslagen" said when something was left to save)."""
    page.get_by_role("button", name=f"Opslaan en verder naar stap {number + 1}").click()
    if saved:
        expect(page.get_by_text(f"Stap {number} is opgeslagen.")).to_be_visible()
    expect(page.locator(".step-eyebrow")).to_contain_text(f"Stap {number + 1} van 10")


def press_save(page: Page) -> None:
    page.locator(".step-actions").get_by_role("button", name="Opslaan", exact=True).click()


def test_a_volunteer_writes_all_ten_steps_and_submits(
    page, live_server, theory_a, volunteer_a, advisor
):
    log_in_on(page, live_server, volunteer_a.username)
    # A volunteer of one initiative starts at its page, which leads with what to do next.
    expect(page.get_by_role("heading", level=1)).to_have_text("Dorpshuis Smilde")
    expect(page.locator("#wat-nu")).to_be_visible()

    # Bigger text first: applied at once, and saved in the background for the next pages.
    html = page.locator("html")
    expect(html).to_have_class(re.compile(r"\btext-size-normal\b"))
    normal_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    with page.expect_response(lambda response: response.url.endswith("/weergave/")):
        page.get_by_text("Groot", exact=True).click()
    expect(html).to_have_class(re.compile(r"\btext-size-large\b"))

    # From the initiative to the (empty) overview, then step 1.
    page.get_by_role("link", name="Verandertheorie 2025").click()
    expect(page.get_by_text("0 van de 10 stappen zijn klaar.")).to_be_visible()
    expect(html).to_have_class(re.compile(r"\btext-size-large\b"))
    large_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large_size > normal_size
    page.get_by_role("link", name="Stap 1 bewerken").click()

    # 1 and 2: text.
    page.get_by_label("Probleem").fill("Sinds de school dicht is, zien inwoners elkaar weinig.")
    save_and_go_on(page, 1)
    page.get_by_label("Doel", exact=True).fill(
        "Iedereen in Smilde heeft een plek om elkaar te zien."
    )
    page.get_by_label("Waar we voor staan").fill("Samen maken we Smilde")
    save_and_go_on(page, 2)

    # 3: resources. The empty step opens its first row; "toevoegen" saves it and opens the
    # next; the rows already written are one line each.
    first = open_row(page)
    first.get_by_label("Soort").select_option(label="Vrijwilligers")
    first.get_by_label("Omschrijving").fill("Een vaste groep vrijwilligers")
    first.get_by_label("Hoeveelheid").fill("16")
    first.get_by_label("Eenheid").fill("vrijwilligers")
    second = add_row(page, "Middel toevoegen")
    expect(row_line(page, "Een vaste groep vrijwilligers")).to_contain_text("16")
    second.get_by_label("Soort").select_option(label="Gebouw of ruimte")
    second.get_by_label("Omschrijving").fill("De grote zaal van het dorpshuis")
    save_and_go_on(page, 3)

    # 4: activities; one is removed, brought back with "Ongedaan maken", removed again.
    first = open_row(page)
    first.get_by_label("Naam").fill("Dorpsdiner")
    first.get_by_label("Hoe vaak").fill("elke maand")
    first.get_by_label("Voor wie").fill("alle inwoners")
    second = add_row(page, "Activiteit toevoegen")
    second.get_by_label("Naam").fill("Koffieochtend")
    second.get_by_label("Hoe vaak").fill("elke dinsdag")
    second.get_by_label("Voor wie").fill("ouderen")
    third = add_row(page, "Activiteit toevoegen")
    third.get_by_label("Naam").fill("Bingo")
    third.get_by_role("button", name="Regel toevoegen").click()
    expect(page.locator(".row-line")).to_have_count(3)
    row_line(page, "Bingo").get_by_role("button", name="Verwijderen: Bingo").click()
    expect(page.get_by_text("‘Bingo’ is verwijderd.")).to_be_visible()
    expect(page.locator(".row-line")).to_have_count(2)
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_text("De regel staat er weer.")).to_be_visible()
    expect(row_line(page, "Bingo")).to_be_visible()
    row_line(page, "Bingo").get_by_role("button", name="Verwijderen: Bingo").click()
    expect(page.locator(".row-line")).to_have_count(2)
    # A line opens again for a change: "Wijzigen" shows only that row's form.
    row_line(page, "Koffieochtend").get_by_role("button", name="Wijzigen: Koffieochtend").click()
    open_row(page).get_by_label("Voor wie").fill("ouderen en mantelzorgers")
    save_and_go_on(page, 4)

    # 5: an output, linked to one of the activities just written.
    output = open_row(page)
    output.get_by_label("Bij activiteit").select_option(label="Dorpsdiner")
    output.get_by_label("Resultaat").fill("Dorpsdiners")
    output.get_by_label("Wat tel je").fill("dorpsdiners per jaar")
    output.get_by_label("Streefgetal").fill("12")
    save_and_go_on(page, 5)

    # Leave for the initiatives list and come back through the overview: all kept.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Initiatieven"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Initiatieven")
    expect(html).to_have_class(re.compile(r"\btext-size-large\b"))
    page.get_by_role("link", name="Dorpshuis Smilde").click()
    page.get_by_role("link", name="Verandertheorie 2025").click()
    expect(page.get_by_text("5 van de 10 stappen zijn klaar.")).to_be_visible()
    step_5 = page.locator(".overview-step").nth(4)
    expect(step_5).to_contain_text("klaar")
    expect(step_5).to_contain_text("dorpsdiners per jaar")
    expect(step_5).to_contain_text("12")
    expect(page.locator(".overview-step").nth(3)).not_to_contain_text("Bingo")
    page.get_by_role("link", name="Stap 6 bewerken").click()

    # 6: an outcome, through both activities.
    outcome = open_row(page)
    outcome.get_by_label("Effect").fill("Deelnemers voelen zich minder alleen")
    outcome.get_by_label("Voor wie").fill("deelnemers aan het diner en de koffie")
    outcome.get_by_label("Dorpsdiner").check()
    outcome.get_by_label("Koffieochtend").check()
    save_and_go_on(page, 6)

    # 7: impact, with two themes.
    impact = open_row(page)
    impact.get_by_label("Verandering").fill("Inwoners kijken meer naar elkaar om")
    impact.get_by_label("Sociale cohesie").check()
    impact.get_by_label("Gezondheid en welzijn").check()
    save_and_go_on(page, 7)

    # 8 to 10: how each level is measured, linked to what steps 5 to 7 wrote.
    for number, information, method, measures in (
        (8, "Aantal deelnemers per diner", "Registratie van aantallen", "Dorpsdiners"),
        (9, "Minder alleen?", "Vragenlijst of enquête", "Deelnemers voelen zich minder alleen"),
        (10, "Verhalen van inwoners", "Interview", "Inwoners kijken meer naar elkaar om"),
    ):
        plan = open_row(page)
        plan.get_by_label("Welke informatie").fill(information)
        plan.get_by_label("Manier van verzamelen").select_option(label=method)
        plan.get_by_label("Hoe vaak").fill("elk jaar")
        plan.get_by_label("Wie verzamelt het").fill("het bestuur")
        plan.get_by_label(measures).check()
        if number < 10:
            save_and_go_on(page, number)
    page.get_by_role("button", name="Opslaan en naar het overzicht").click()
    expect(page.get_by_text("Stap 10 is opgeslagen.")).to_be_visible()

    # The overview: all ten done; submit.
    expect(page.get_by_text("10 van de 10 stappen zijn klaar.")).to_be_visible()
    expect(page.locator(".overview-step.is-complete")).to_have_count(10)
    expect(html).to_have_class(re.compile(r"\btext-size-large\b"))
    page.get_by_role("link", name="Indienen", exact=True).click()
    expect(page.get_by_text("Alle 10 stappen zijn klaar.")).to_be_visible()
    page.get_by_label("Bericht voor de adviseur").fill("Voor het eerst, graag tips!")
    page.get_by_role("button", name="Indienen bij CMO STAMM").click()
    expect(page.locator(".status-badge").first).to_have_text("Ingediend")
    expect(page.get_by_text("Ingediend: een adviseur kijkt ernaar")).to_be_visible()
    save_screenshot(page, "journey-ten-steps-submitted")

    # The database says the same.
    theory_a.refresh_from_db()
    assert theory_a.status == Status.SUBMITTED
    assert theory_a.mission == "Samen maken we Smilde"
    assert sorted(theory_a.resources.values_list("description", flat=True)) == [
        "De grote zaal van het dorpshuis",
        "Een vaste groep vrijwilligers",
    ]
    assert list(theory_a.activities.order_by("position").values_list("name", flat=True)) == [
        "Dorpsdiner",
        "Koffieochtend",
    ]
    output = theory_a.outputs.get()
    assert (output.activity.name, output.target) == ("Dorpsdiner", 12)
    assert theory_a.outcomes.get().activities.count() == 2
    assert theory_a.impacts.get().themes.count() == 2
    for level, links in (
        (MeasurementLevel.OUTPUT, "measures_outputs"),
        (MeasurementLevel.OUTCOME, "measures_outcomes"),
        (MeasurementLevel.IMPACT, "measures_impacts"),
    ):
        plan = theory_a.measurement_plans.get(level=level)
        assert getattr(plan, links).count() == 1
    saved_steps = set(StepRevision.objects.filter(theory=theory_a).values_list("step", flat=True))
    assert saved_steps == set(range(1, 11))
    assert theory_a.transitions.get().message == "Voor het eerst, graag tips!"
    assert [message.to for message in mail.outbox] == [[advisor.email]]


def test_a_municipality_user_downloads_the_fact_sheet(
    page, live_server, theory_a, theory_b, volunteer_a, advisor, municipality_user_a
):
    complete_theory(theory_a)
    record_initial_revisions(theory=theory_a, by=volunteer_a)
    with workflow.without_notifications():
        workflow.theory_submit(theory=theory_a, by=volunteer_a)
        workflow.theory_approve(theory=theory_a, by=advisor)

    log_in_on(page, live_server, municipality_user_a.username)
    expect(page).to_have_url(f"{live_server.url}/gemeente/")
    table = page.locator(".portal-table")
    expect(table).not_to_contain_text("Middelstum")  # another municipality's initiative
    page.get_by_label("Zoek op naam of plaats").fill("Smilde")
    page.get_by_role("button", name="Filteren").click()
    smilde = table.get_by_role("row", name=re.compile("Dorpshuis Smilde"))
    expect(smilde).to_contain_text("Goedgekeurd")
    smilde.get_by_role("link", name="Feitenblad 2025").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Feitenblad 2025 van Dorpshuis Smilde"
    )
    expect(page.locator(".sheet-screen")).to_contain_text("Erbij horen, meedoen en ertoe doen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF (A4)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    sheet = pypdf.PdfReader(download.value.path())
    assert len(sheet.pages) == 1
    text = " ".join(sheet.pages[0].extract_text().split())
    assert "Dorpshuis Smilde" in text
    assert "Erbij horen, meedoen en ertoe doen" in text


def test_two_people_save_the_same_step_and_nothing_is_lost(
    new_page, live_server, theory_a, volunteer_a, editor_a
):
    url = f"{live_server.url}{step_url(theory_a, 1)}"
    first, second = new_page(), new_page()
    for person, user in ((first, volunteer_a), (second, editor_a)):
        log_in_on(person, live_server, user.username)
        person.goto(url)
        expect(person.get_by_label("Probleem")).to_have_value("")

    # Both have step 1 open; the first saves.
    first.get_by_label("Probleem").fill("Er is geen ontmoetingsplek meer.")
    press_save(first)
    expect(first.get_by_text("Stap 1 is opgeslagen.")).to_be_visible()

    # The second saves later: warned, their own text still in the form, the other's beside it.
    second.get_by_label("Probleem").fill("Ouderen wonen vaak alleen.")
    press_save(second)
    conflict = second.locator(".edit-conflict")
    expect(conflict.get_by_role("heading", level=2)).to_have_text(
        "Iemand anders heeft deze stap net opgeslagen"
    )
    expect(conflict).to_contain_text(f"{volunteer_a.display_name} heeft deze stap opgeslagen")
    expect(conflict.locator(".conflict-theirs")).to_contain_text("Er is geen ontmoetingsplek meer.")
    expect(second.get_by_label("Probleem")).to_have_value("Ouderen wonen vaak alleen.")
    expect(second.get_by_text("Stap 1 is opgeslagen.")).to_have_count(0)
    save_screenshot(second, "journey-edit-conflict")
    theory_a.refresh_from_db()
    assert theory_a.problem == "Er is geen ontmoetingsplek meer."

    # The second combines both and saves again, on purpose: now theirs is the version.
    combined = "Er is geen ontmoetingsplek meer. Ouderen wonen vaak alleen."
    second.get_by_label("Probleem").fill(combined)
    press_save(second)
    expect(second.get_by_text("Stap 1 is opgeslagen.")).to_be_visible()
    expect(second.locator(".edit-conflict")).to_have_count(0)

    first.reload()
    expect(first.get_by_label("Probleem")).to_have_value(combined)
    theory_a.refresh_from_db()
    assert theory_a.problem == combined
    revisions = StepRevision.objects.filter(theory=theory_a, step=1).order_by("pk")
    assert [
        (revision.author, revision.snapshot["fields"]["problem"]) for revision in revisions
    ] == [
        (volunteer_a, "Er is geen ontmoetingsplek meer."),
        (editor_a, combined),
    ]


def test_an_invited_volunteer_makes_an_account_and_writes(
    new_page, live_server, settings, theory_a, volunteer_a
):
    settings.SITE_URL = live_server.url  # the link in the e-mail points at this server

    coordinator = new_page()
    log_in_on(coordinator, live_server, volunteer_a.username)
    # A coordinator of one initiative starts at its page.
    coordinator.get_by_role("link", name="Leden en uitnodigingen").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Leden van Dorpshuis Smilde")
    invite = coordinator.locator(".invitation-form")
    invite.get_by_label("E-mailadres").fill("anna@example.org")
    invite.get_by_label("Schrijver").check()
    invite.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        coordinator.get_by_text("We hebben een uitnodiging gestuurd naar anna@example.org.")
    ).to_be_visible()
    expect(coordinator.get_by_role("row", name=re.compile("anna@example.org"))).to_contain_text(
        "Schrijver"
    )

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    link = re.search(r"http://\S+/uitnodiging/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    # Anna, in a browser of her own, opens the link and makes an account.
    anna = new_page()
    anna.goto(link.group(0))
    expect(anna.get_by_role("heading", level=1)).to_have_text(
        "Je bent uitgenodigd voor Dorpshuis Smilde"
    )
    expect(anna.get_by_label("E-mailadres")).to_have_value("anna@example.org")
    expect(anna.get_by_label("Gebruikersnaam")).to_have_value("anna")
    anna.get_by_label("Voornaam").fill("Anna")
    anna.get_by_label("Achternaam").fill("de Vries")
    anna.get_by_label("Kies een wachtwoord").fill("Koffie-in-het-dorpshuis-42")
    anna.get_by_label("Typ het wachtwoord nog een keer").fill("Koffie-in-het-dorpshuis-42")
    anna.get_by_role("button", name="Account maken en accepteren").click()
    expect(
        anna.get_by_text("Welkom bij Dorpshuis Smilde! Je bent nu lid als Schrijver.")
    ).to_be_visible()
    expect(anna.locator(".site-nav__username")).to_have_text("Anna de Vries")

    # As a writer she can edit the Verandertheorie straight away.
    anna.get_by_role("link", name="Verandertheorie 2025").click()
    anna.get_by_role("link", name="Stap 1 bewerken").click()
    anna.get_by_label("Probleem").fill("Nieuwe inwoners kennen niemand in het dorp.")
    press_save(anna)
    expect(anna.get_by_text("Stap 1 is opgeslagen.")).to_be_visible()

    # The coordinator sees her as a member, and the invitation is no longer pending.
    coordinator.reload()
    expect(coordinator.get_by_role("row", name=re.compile("Anna de Vries"))).to_contain_text(
        "Schrijver"
    )
    expect(coordinator.get_by_text("Er zijn geen openstaande uitnodigingen.")).to_be_visible()

    membership = Membership.objects.get(initiative=theory_a.initiative, user__username="anna")
    assert membership.role == Role.EDITOR
    assert membership.user.email == "anna@example.org"
    assert Invitation.objects.get().accepted_at is not None
    theory_a.refresh_from_db()
    assert theory_a.problem == "Nieuwe inwoners kennen niemand in het dorp."
    assert StepRevision.objects.get(theory=theory_a).author == membership.user
