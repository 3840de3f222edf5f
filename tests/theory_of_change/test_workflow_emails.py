"""The review's e-mails: who gets which message after which change, and what it says."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from initiatives.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.theory_of_change.helpers import SITE_URL, recipients, refreshed
from theory_of_change import workflow
from theory_of_change.models import Status, TheoryOfChange, Transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.fixture
def bystanders(initiative_a, reader_a, volunteer_b, municipality_user_a):
    """People who must not get the review's e-mails (besides the ones the test names)."""
    return [
        reader_a,
        volunteer_b,
        municipality_user_a,
        MembershipFactory(
            user=UserFactory(username="oud.lid.a", is_active=False),
            initiative=initiative_a,
            role=Role.EDITOR,
        ).user,
        UserFactory(username="oud.adviseur", is_advisor=True, is_active=False),
        UserFactory(username="zonder.rol"),
    ]


def html_of(message) -> str:
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def review_link(theory: TheoryOfChange) -> str:
    return SITE_URL + reverse("theory_of_change:review", args=[theory.initiative.slug, theory.year])


def overview_link(theory: TheoryOfChange) -> str:
    return SITE_URL + theory.get_absolute_url()


def test_submit_mails_every_active_advisor(
    complete_a,
    volunteer_a,
    advisor,
    second_advisor,
    bystanders,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.theory_submit(theory=complete_a, by=volunteer_a, message="Graag voor 1 mei")
        assert mailoutbox == []  # not before the submission is committed
    assert len(callbacks) == 1

    assert recipients(mailoutbox) == sorted([advisor.email, second_advisor.email])
    for message in mailoutbox:
        assert message.subject == "Ingediend: verandertheorie 2025 van Dorpshuis Smilde"
        assert volunteer_a.display_name in message.body
        assert "Graag voor 1 mei" in message.body
        assert review_link(complete_a) in message.body
        html = html_of(message)
        assert f'href="{review_link(complete_a)}"' in html
        assert "Graag voor 1 mei" in html


def test_submit_mail_counts_the_open_comments(
    complete_a, volunteer_a, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    for step in (3, 5):
        workflow.comment_add(theory=complete_a, step=step, body="Vraag", by=advisor)
    done = workflow.comment_add(theory=complete_a, step=7, body="Klaar", by=advisor)
    workflow.comment_resolve(comment=done, by=advisor, resolved=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_submit(theory=complete_a, by=volunteer_a)
    (message,) = mailoutbox
    assert "Er staan nog 2 opmerkingen open." in message.body
    assert "Er staan nog 2 opmerkingen open." in html_of(message)


@pytest.mark.parametrize(
    ("change", "mailed"),
    [
        ({}, "second_advisor"),  # only the assigned advisor
        ({"is_active": False}, "advisor"),  # the assigned one left: every active advisor
        ({"email": ""}, "advisor"),  # the assigned one has no address: every advisor
    ],
)
def test_submit_mails_the_assigned_advisor_or_else_every_advisor(
    request,
    complete_a,
    volunteer_a,
    advisor,
    second_advisor,
    mailoutbox,
    django_capture_on_commit_callbacks,
    change,
    mailed,
):
    workflow.theory_assign(theory=complete_a, advisor=second_advisor, by=advisor)
    for field, value in change.items():
        setattr(second_advisor, field, value)
    second_advisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_submit(theory=complete_a, by=volunteer_a)
    assert recipients(mailoutbox) == [request.getfixturevalue(mailed).email]


def test_no_mail_when_the_submission_is_rolled_back(
    complete_a, volunteer_a, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                workflow.theory_submit(theory=complete_a, by=volunteer_a)
                raise RuntimeError("something after the submission failed")
    assert mailoutbox == []
    assert refreshed(complete_a).status == Status.DRAFT
    assert not Transition.objects.exists()


def test_withdraw_sends_no_mail(
    submitted_a, volunteer_a, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_withdraw(theory=submitted_a, by=volunteer_a)
    assert mailoutbox == []


def test_request_changes_mails_the_writers_with_message_and_open_comments(
    submitted_a,
    volunteer_a,
    editor_a,
    advisor,
    bystanders,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    open_thread = workflow.comment_add(
        theory=submitted_a, step=5, body="Hoeveel diners zijn het per jaar?", by=advisor
    )
    workflow.comment_add(
        theory=submitted_a, step=5, body="Een antwoord", by=volunteer_a, thread=open_thread
    )
    resolved = workflow.comment_add(
        theory=submitted_a, step=3, body="Al opgelost: middelen", by=advisor
    )
    workflow.comment_resolve(comment=resolved, by=advisor, resolved=True)
    workflow.comment_add(theory=submitted_a, step=7, body="Welk thema past hier?", by=advisor)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_request_changes(
            theory=submitted_a, by=advisor, message="Maak de resultaten telbaar."
        )

    assert recipients(mailoutbox) == sorted([volunteer_a.email, editor_a.email])
    for message in mailoutbox:
        assert message.subject == "Graag aanpassen: verandertheorie 2025 van Dorpshuis Smilde"
        text, html = message.body, html_of(message)
        for body in (text, html):
            assert "Maak de resultaten telbaar." in body
            assert "Stap 5 (Output)" in body
            assert "Hoeveel diners zijn het per jaar?" in body
            assert "Stap 7 (Impact)" in body
            assert "Welk thema past hier?" in body
            assert "Al opgelost" not in body  # resolved threads are done
            assert "Een antwoord" not in body  # replies are not comments of their own
        assert text.index("Stap 5 (Output)") < text.index("Stap 7 (Impact)")
        assert overview_link(submitted_a) in text
        assert f'href="{overview_link(submitted_a)}"' in html


def test_approve_mails_the_writers(
    submitted_a,
    volunteer_a,
    editor_a,
    advisor,
    bystanders,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_approve(theory=submitted_a, by=advisor, message="Heel helder.")
    assert recipients(mailoutbox) == sorted([volunteer_a.email, editor_a.email])
    for message in mailoutbox:
        assert message.subject == "Goedgekeurd: verandertheorie 2025 van Dorpshuis Smilde"
        assert advisor.display_name in message.body
        assert "Heel helder." in message.body
        assert overview_link(submitted_a) in message.body
        assert f'href="{overview_link(submitted_a)}"' in html_of(message)


def test_reopen_mails_the_writers_with_the_reason(
    approved_a,
    volunteer_a,
    editor_a,
    advisor,
    bystanders,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_reopen(theory=approved_a, by=advisor, message="Het jaartal klopt niet.")
    assert recipients(mailoutbox) == sorted([volunteer_a.email, editor_a.email])
    for message in mailoutbox:
        assert message.subject == "Weer opengezet: verandertheorie 2025 van Dorpshuis Smilde"
        assert "Het jaartal klopt niet." in message.body
        assert "Het jaartal klopt niet." in html_of(message)
        assert overview_link(approved_a) in message.body


def test_no_mail_without_notifications(
    complete_a, volunteer_a, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    # The switch holds when the transaction commits later, outside the block.
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            with workflow.without_notifications():
                workflow.theory_submit(theory=complete_a, by=volunteer_a)
                workflow.theory_approve(theory=complete_a, by=advisor)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_reopen(theory=complete_a, by=advisor, message="Toch nog iets")
    assert len(mailoutbox) == 1


def test_a_mail_that_fails_does_not_undo_the_decision(
    submitted_a, advisor, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*, transition):
        raise RuntimeError("template error")

    monkeypatch.setattr(workflow, "transition_notify", broken)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.theory_approve(theory=submitted_a, by=advisor)
    assert len(callbacks) == 1
    assert refreshed(submitted_a).status == Status.APPROVED


def test_mails_are_in_dutch_whatever_language_the_sender_reads(
    submitted_a, advisor, volunteer_a, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        workflow.theory_approve(theory=submitted_a, by=advisor)
    assert mailoutbox[0].subject == "Goedgekeurd: verandertheorie 2025 van Dorpshuis Smilde"
    assert "Met vriendelijke groet" in mailoutbox[0].body


def test_initiative_names_are_escaped_in_html_only(
    initiative_a, submitted_a, advisor, volunteer_a, mailoutbox, django_capture_on_commit_callbacks
):
    initiative_a.name = "Eten & Ontmoeten <Smilde>"
    initiative_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.theory_approve(theory=submitted_a, by=advisor)
    message = mailoutbox[0]
    assert "Eten & Ontmoeten <Smilde>" in message.subject
    assert "Eten & Ontmoeten <Smilde>" in message.body
    html = html_of(message)
    assert "Eten &amp; Ontmoeten &lt;Smilde&gt;" in html
    assert "<Smilde>" not in html
