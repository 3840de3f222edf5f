"""Issue "Stories with consent", done means, on the demo data: as the Odensehuis volunteer,
a story kept "alleen intern" cannot be the sheet's quote; raising its scope with a consent
recorded by a legal representative puts its quote on the sheet and the public link;
withdrawing that consent takes it off the next PDF download and the public link; and
gemeente.meppel never reads it while it is not shared with the municipality."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import data as demo_data
from impact.factsheet.links import share_url
from initiatives.models import User
from tests.conftest import client_for
from tests.factsheet.conftest import read_pdf
from theory_of_change import workflow
from theory_of_change.models import Scope, Story, TheoryOfChange

pytestmark = pytest.mark.django_db

ODENSEHUIS = "odensehuis-meppel-westerveld"
QUOTE = "Hier mag hij gewoon zichzelf zijn."


@pytest.fixture
def odensehuis() -> TheoryOfChange:
    """The demo, with Odensehuis' 2025 theory approved (the demo leaves it a draft)."""
    call_command("seed_demo", stdout=StringIO())
    theory = TheoryOfChange.objects.get(initiative__slug=ODENSEHUIS, year=demo_data.YEAR)
    volunteer = User.objects.get(username=f"vrijwilliger.{ODENSEHUIS}")
    with workflow.without_notifications():
        if theory.is_editable:
            workflow.theory_submit(theory=theory, by=volunteer)
        workflow.theory_approve(theory=theory, by=User.objects.get(username="adviseur"))
    theory.refresh_from_db()
    return theory


def sheet_url(name: str) -> str:
    return reverse(f"factsheet:{name}", kwargs={"slug": ODENSEHUIS, "year": demo_data.YEAR})


def story_url(name: str, story: Story) -> str:
    kwargs = {"slug": ODENSEHUIS, "year": demo_data.YEAR, "pk": story.pk}
    return reverse(f"theory_of_change:{name}", kwargs=kwargs)


def municipality_reads(client, story: Story) -> list[str]:
    """The places where gemeente.meppel would read the story's words."""
    found = []
    pages = {
        "portal": reverse("portal:index"),
        "fact sheet": sheet_url("page"),
    }
    for place, address in pages.items():
        text = client.get(address).content.decode()
        if QUOTE in text or story.text in text:
            found.append(place)
    if read_pdf(client.get(sheet_url("pdf")).content).says(QUOTE):
        found.append("PDF")
    for name in ("story", "consent_new"):
        if client.get(story_url(name, story)).status_code != 404:
            found.append(name)
    return found


def test_an_internal_story_goes_on_the_sheet_with_consent_and_off_when_withdrawn(
    odensehuis, client
):
    story = Story.objects.get(theory=odensehuis, quote=QUOTE)
    assert story.scope == Scope.INTERNAL
    volunteer = client_for(User.objects.get(username=f"vrijwilliger.{ODENSEHUIS}"))
    gemeente = client_for(User.objects.get(username="gemeente.meppel"))
    public = share_url(odensehuis)
    assert public and gemeente.get(reverse("portal:index")).status_code == 200

    # "Alleen intern": not offered as the sheet's quote, and refused when sent anyway.
    page = volunteer.get(sheet_url("page"))
    assert story.pk not in page.context["story_form"].stories
    volunteer.post(sheet_url("quote"), {"story": story.pk})
    assert TheoryOfChange.objects.get(pk=odensehuis.pk).sheet_story != story
    assert municipality_reads(gemeente, story) == []

    # Consent from a legal representative, recorded verbally, for everyone.
    response = volunteer.post(
        story_url("consent_new", story),
        {
            "subject": "story",
            "scope": Scope.PUBLIC,
            "given_by": "representative",
            "given_on": "2025-05-22",
            "form": "verbal",
        },
    )
    assert response.status_code == 302
    volunteer.post(sheet_url("quote"), {"story": story.pk})
    assert read_pdf(volunteer.get(sheet_url("pdf")).content).says(QUOTE)
    assert QUOTE in client.get(public).content.decode()
    # The portal shows the words too, and keeps its sections rendered in the cache.
    assert "portal" in municipality_reads(gemeente, story)

    # Withdrawn: gone from the next download, the public link and its PDF, at once.
    volunteer.post(story_url("consent_withdraw", story), {"subject": "story"})
    assert not read_pdf(volunteer.get(sheet_url("pdf")).content).says(QUOTE)
    assert QUOTE not in client.get(public).content.decode()
    shared = reverse("factsheet:shared_pdf", kwargs={"token": odensehuis.share_token})
    assert not read_pdf(client.get(shared).content).says(QUOTE)
    assert municipality_reads(gemeente, story) == []
