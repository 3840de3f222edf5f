"""Issue 3's acceptance check on the demo data, through the real URLs.

`adviseur` opens /advies/, filters on the province Groningen, opens Middelstum, comments on
step 5 and requests changes; Middelstum's volunteer sees the comment on step 5, fixes the
step, replies and resubmits; the advisor sees what changed and approves. The timeline and
the e-mails show all of it.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from initiatives.models import User
from tests.conftest import client_for
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change.models import Action, Comment, Status, TheoryOfChange

pytestmark = pytest.mark.django_db

MIDDELSTUM = "dorpsloket-middelstum"


def theory_url(name: str) -> str:
    return reverse(f"theory_of_change:{name}", kwargs={"slug": MIDDELSTUM, "year": 2025})


def test_advisor_and_volunteer_go_through_a_review_round(
    mailoutbox, django_capture_on_commit_callbacks
):
    call_command("seed_demo", stdout=io.StringIO())
    advisor = client_for(User.objects.get(username="adviseur"))
    volunteer_user = User.objects.get(username=f"vrijwilliger.{MIDDELSTUM}")
    volunteer = client_for(volunteer_user)
    theory = TheoryOfChange.objects.get(initiative__slug=MIDDELSTUM, year=2025)
    assert theory.status == Status.SUBMITTED

    # The advisor filters the workspace on Groningen: Middelstum is there, Smilde is not.
    workspace = advisor.get(reverse("workspace:index"), {"provincie": "groningen"})
    html = workspace.content.decode()
    assert "Dorpsloket Middelstum" in html
    assert "Dorpshuis Smilde" not in html
    assert f'href="{theory_url("review")}"' in html

    # Opens Middelstum, comments on step 5 and asks for changes.
    review = advisor.get(theory_url("review")).content.decode()
    assert "Wat zijn directe en tastbare resultaten van de activiteiten?" in review
    question = "Hoeveel mensen helpen jullie per week? Een getal uit het logboek is genoeg."
    advisor.post(theory_url("comment_add"), {"step": "5", "body": question})
    with django_capture_on_commit_callbacks(execute=True):
        advisor.post(theory_url("request_changes"), {"message": "Kijk nog even naar stap 5."})
    assert [mail.to for mail in mailoutbox] == [[volunteer_user.email]]
    assert question in mailoutbox[0].body  # the open comments travel with the request

    # The volunteer sees the comment on step 5, fixes the step, replies and resubmits.
    overview = volunteer.get(theory_url("overview")).content.decode()
    assert "De adviseur vraagt om aanpassingen" in overview
    step_5 = volunteer.get(step_url(theory, 5)).content.decode()
    assert question in step_5
    latest = theory.revisions.filter(step=5).latest("pk")
    data = form_data(theory, 5, base_revision=latest.pk)
    data["rows-0-unit"] = "hulpvragen per week (uit het logboek)"
    assert volunteer.post(step_url(theory, 5), data).status_code == 302
    thread = Comment.objects.get(theory=theory, step=5, thread=None)
    volunteer.post(
        reverse(
            "theory_of_change:comment_reply",
            kwargs={"slug": MIDDELSTUM, "year": 2025, "pk": thread.pk},
        ),
        {"body": "We tellen nu de hulpvragen per week.", "resolve": "1"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = volunteer.post(theory_url("submit"), {"message": "Stap 5 is aangepast."})
    assert response.status_code == 302
    assert mailoutbox[-1].to == [User.objects.get(username="adviseur").email]

    # The advisor sees what changed (step 5 only) and approves.
    review = advisor.get(theory_url("review")).content.decode()
    assert "is 1 stap veranderd" in review
    changed = review[review.index('id="stap-5"') : review.index('id="stap-6"')]
    assert "hulpvragen per week (uit het logboek)" in changed
    assert "We tellen nu de hulpvragen per week." in changed
    with django_capture_on_commit_callbacks(execute=True):
        advisor.post(
            theory_url("approve"), {"message": "Helder, dank jullie wel!", "bevestigd": "ja"}
        )
    theory.refresh_from_db()
    assert theory.status == Status.APPROVED
    assert mailoutbox[-1].to == [volunteer_user.email]
    assert "Goedgekeurd" in mailoutbox[-1].subject

    # The timeline holds the whole round, in order.
    actions = list(theory.transitions.values_list("action", flat=True))
    assert actions[-3:] == [Action.REQUEST_CHANGES, Action.SUBMIT, Action.APPROVE]
    timeline = advisor.get(theory_url("review")).content.decode()
    timeline = timeline[timeline.index('id="verloop"') :]
    for message in ("Kijk nog even naar stap 5.", "Stap 5 is aangepast.", "Helder, dank"):
        assert message in timeline
