"""A review round in a real browser, with the advisor and the volunteer as two people
(two browser contexts): comment on step 5 and request changes; read the comment, fix the
step, reply, mark it "verwerkt" and resubmit; see what changed, close the comment and
approve."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_on
from tests.factories import complete_theory
from theory_of_change import workflow
from theory_of_change.models import Status
from theory_of_change.services import record_initial_revisions

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_review_round_between_advisor_and_volunteer(
    new_page, live_server, theory_a, volunteer_a, advisor
):
    complete_theory(theory_a)
    record_initial_revisions(theory=theory_a, by=volunteer_a)
    with workflow.without_notifications():
        workflow.theory_submit(theory=theory_a, by=volunteer_a)

    # The advisor starts at the workspace, filters on Drenthe and opens Smilde.
    advisor_page = new_page()
    log_in_on(advisor_page, live_server, advisor.username)
    expect(advisor_page).to_have_url(f"{live_server.url}/advies/")
    advisor_page.get_by_label("Provincie").select_option(label="Drenthe")
    advisor_page.get_by_role("button", name="Filteren").click()
    advisor_page.get_by_role("link", name="Dorpshuis Smilde").click()
    expect(advisor_page.get_by_role("heading", level=1)).to_contain_text("Beoordelen")

    step_5 = advisor_page.locator("#stap-5")
    step_5.get_by_label("Nieuwe opmerking bij stap 5").fill("Hoeveel dorpsdiners per jaar?")
    step_5.get_by_role("button", name="Opmerking plaatsen").click()
    expect(advisor_page.get_by_text("Je opmerking bij stap 5 is geplaatst.")).to_be_visible()
    advisor_page.get_by_label("Wat moet er nog anders?").fill("Kijk nog even naar stap 5.")
    advisor_page.get_by_role("button", name="Aanpassingen vragen").click()
    expect(advisor_page.locator(".status-badge").first).to_have_text("Aanpassingen gevraagd")

    # The volunteer reads the comment from the overview, fixes step 5, replies, resubmits.
    volunteer_page = new_page()
    log_in_on(volunteer_page, live_server, volunteer_a.username)
    volunteer_page.goto(f"{live_server.url}{theory_a.get_absolute_url()}")
    expect(volunteer_page.get_by_text("De adviseur vraagt om aanpassingen")).to_be_visible()
    volunteer_page.get_by_role("link", name="Lezen en reageren").click()
    expect(volunteer_page.get_by_text("Hoeveel dorpsdiners per jaar?")).to_be_visible()
    volunteer_page.locator(".row-line").first.get_by_role(
        "button", name=re.compile("^Wijzigen")
    ).click()
    volunteer_page.locator(".row-list__open").get_by_label("Streefgetal").fill("15")
    volunteer_page.get_by_role("button", name="Regel opslaan").click()
    expect(volunteer_page.get_by_text("Stap 5 is opgeslagen.")).to_be_visible()
    volunteer_page.get_by_text("Reageren", exact=True).first.click()  # opens the reply box
    volunteer_page.get_by_label("Je reactie").fill("Vijftien per jaar, zie stap 5.")
    volunteer_page.get_by_role("button", name="Reageren en op ‘verwerkt’ zetten").click()
    expect(volunteer_page.get_by_text("De opmerking staat nu op ‘verwerkt’.")).to_be_visible()
    volunteer_page.goto(f"{live_server.url}{theory_a.get_absolute_url()}indienen/")
    volunteer_page.get_by_role("button", name="Indienen bij CMO STAMM").click()
    expect(volunteer_page.get_by_text("Ingediend: een adviseur kijkt ernaar")).to_be_visible()

    # The advisor sees that step 5 changed, and approves.
    advisor_page.reload()
    expect(advisor_page.get_by_text("is 1 stap veranderd")).to_be_visible()
    expect(step_5.locator("ins").filter(has_text="15")).to_have_count(1)
    # The volunteer marked the comment "verwerkt"; the advisor closes it, then approves.
    expect(step_5.get_by_text("verwerkt", exact=True)).to_be_visible()
    step_5.get_by_role("button", name="Markeer als afgehandeld (zonder reactie)").click()
    expect(advisor_page.get_by_text("De opmerking is afgehandeld.")).to_be_visible()
    advisor_page.get_by_role("button", name="Goedkeuren").click()
    expect(advisor_page.locator(".status-badge").first).to_have_text("Goedgekeurd")
    theory_a.refresh_from_db()
    assert theory_a.status == Status.APPROVED
