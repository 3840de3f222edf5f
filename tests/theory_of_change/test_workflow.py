"""The review workflow's services, without the pages around them.

Which status each change starts from, what it records, whom it e-mails, what happens when
two people act at the same moment, copying a theory into the next year, comments, and the
"what changed since the last submission" that the review screen shows.
"""

import importlib
import sqlite3
import threading
import time
from datetime import datetime

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from initiatives.models import Role
from tests.factories import (
    ActivityFactory,
    CommentFactory,
    ImpactFactory,
    MeasurementPlanFactory,
    MembershipFactory,
    OutcomeFactory,
    OutputFactory,
    ResourceFactory,
    TheoryFactory,
    UserFactory,
    complete_theory,
)
from tests.theory_of_change.helpers import form_data
from theory_of_change import services, workflow
from theory_of_change.forms import StepForm
from theory_of_change.models import (
    Action,
    Activity,
    Comment,
    DataCollectionMethod,
    Impact,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    Status,
    StepRevision,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.selectors import (
    changes_since,
    comment_threads,
    open_thread_count,
    review_baseline,
    with_content,
)
from theory_of_change.steps import STEPS, get_step
from theory_of_change.workflow import Incomplete, TransitionNotAllowed

pytestmark = pytest.mark.django_db

SITE_URL = "https://waarde.example.org"


def refreshed(theory: TheoryOfChange) -> TheoryOfChange:
    return TheoryOfChange.objects.get(pk=theory.pk)


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    """The theory with all its step content, as the pages load it."""
    return with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()


def put_in_status(theory: TheoryOfChange, status: Status) -> TheoryOfChange:
    TheoryOfChange.objects.filter(pk=theory.pk).update(status=status)
    theory.status = status
    return theory


def save_step(theory: TheoryOfChange, number: int, by, **changes) -> StepRevision | None:
    """Save a step the way the editor does: a bound StepForm and `services.step_save`."""
    step = get_step(number)
    latest = StepRevision.objects.filter(theory=theory, step=number).order_by("-pk").first()
    base = latest.pk if latest else 0
    current = loaded(theory)
    form = StepForm(step, current, form_data(theory, number, base_revision=base, **changes))
    assert form.is_valid()
    return services.step_save(theory=current, step=step, form=form, by=by, base_revision_id=base)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def complete_a(theory_a, volunteer_a):
    complete_theory(theory_a)
    services.record_initial_revisions(theory=theory_a, by=volunteer_a)
    return theory_a


@pytest.fixture
def submitted_a(complete_a, volunteer_a):
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    return complete_a


@pytest.fixture
def approved_a(submitted_a, advisor):
    workflow.theory_approve(theory=submitted_a, by=advisor)
    return submitted_a


# --- which status each change starts from ----------------------------------------------------

ALLOWED = {
    # change: {status it starts from: status it ends in}
    "submit": {Status.DRAFT: Status.SUBMITTED, Status.CHANGES_REQUESTED: Status.SUBMITTED},
    "withdraw": {Status.SUBMITTED: Status.CHANGES_REQUESTED},
    "request_changes": {Status.SUBMITTED: Status.CHANGES_REQUESTED},
    "approve": {Status.SUBMITTED: Status.APPROVED},
    "reopen": {Status.APPROVED: Status.CHANGES_REQUESTED},
}


def change(name: str, theory: TheoryOfChange, *, volunteer, advisor) -> Transition:
    if name == "submit":
        return workflow.theory_submit(theory=theory, by=volunteer)
    if name == "withdraw":
        return workflow.theory_withdraw(theory=theory, by=volunteer)
    if name == "request_changes":
        return workflow.theory_request_changes(theory=theory, by=advisor, message="Stap 5?")
    if name == "approve":
        return workflow.theory_approve(theory=theory, by=advisor)
    assert name == "reopen"
    return workflow.theory_reopen(theory=theory, by=advisor, message="Een fout in stap 3")


@pytest.mark.parametrize("status", Status, ids=str)
@pytest.mark.parametrize("name", ALLOWED)
def test_each_change_starts_only_from_its_statuses(name, status, complete_a, volunteer_a, advisor):
    put_in_status(complete_a, status)
    if status == Status.SUBMITTED:
        # It was submitted after a round of changes: withdrawing returns there.
        Transition.objects.create(
            theory=complete_a,
            action=Action.SUBMIT,
            from_status=Status.CHANGES_REQUESTED,
            to_status=Status.SUBMITTED,
        )
    before = Transition.objects.count()

    if status in ALLOWED[name]:
        transition = change(name, complete_a, volunteer=volunteer_a, advisor=advisor)
        assert (transition.from_status, transition.to_status) == (status, ALLOWED[name][status])
        assert complete_a.status == refreshed(complete_a).status == ALLOWED[name][status]
        assert Transition.objects.count() == before + 1
    else:
        with pytest.raises(TransitionNotAllowed) as raised:
            change(name, complete_a, volunteer=volunteer_a, advisor=advisor)
        assert raised.value.status == status
        assert complete_a.status == refreshed(complete_a).status == status
        assert Transition.objects.count() == before


@pytest.mark.parametrize("name", ["request_changes", "approve", "reopen", "assign"])
@pytest.mark.parametrize("who", ["volunteer_a", "editor_a", "municipality_user_a"])
def test_only_advisors_decide(name, who, request, complete_a, advisor):
    user = request.getfixturevalue(who)
    status = Status.APPROVED if name == "reopen" else Status.SUBMITTED
    put_in_status(complete_a, status)
    with pytest.raises(PermissionDenied):
        if name == "assign":
            workflow.theory_assign(theory=complete_a, advisor=advisor, by=user)
        else:
            change(name, complete_a, volunteer=user, advisor=user)
    assert not Transition.objects.exists()
    theory = refreshed(complete_a)
    assert complete_a.status == theory.status == status
    assert complete_a.assigned_advisor is theory.assigned_advisor is None


@pytest.mark.parametrize("message", ["", "   \n\t "])
@pytest.mark.parametrize(
    "service, status",
    [
        (workflow.theory_request_changes, Status.SUBMITTED),
        (workflow.theory_reopen, Status.APPROVED),
    ],
)
def test_asking_for_changes_needs_a_message(service, status, message, complete_a, advisor):
    put_in_status(complete_a, status)
    with pytest.raises(ValueError):
        service(theory=complete_a, by=advisor, message=message)
    assert refreshed(complete_a).status == status
    assert not Transition.objects.exists()


def test_assigning_takes_an_advisor_or_nobody(complete_a, advisor, second_advisor, volunteer_a):
    workflow.theory_assign(theory=complete_a, advisor=second_advisor, by=advisor)
    assert complete_a.assigned_advisor == refreshed(complete_a).assigned_advisor == second_advisor
    with pytest.raises(ValueError):
        workflow.theory_assign(theory=complete_a, advisor=volunteer_a, by=advisor)
    assert refreshed(complete_a).assigned_advisor == second_advisor
    workflow.theory_assign(theory=complete_a, advisor=None, by=advisor)
    assert refreshed(complete_a).assigned_advisor is None


# --- what each change records ----------------------------------------------------------------


def assert_recorded(transition: Transition, *, action, from_status, to_status, by, message=""):
    stored = Transition.objects.get(pk=transition.pk)
    assert stored.theory_id == transition.theory_id
    assert stored.action == action
    assert (stored.from_status, stored.to_status) == (from_status, to_status)
    assert stored.by == by
    assert stored.message == message


def test_submit_records_the_newest_revision_of_every_step(complete_a, volunteer_a, editor_a):
    newer = save_step(complete_a, 1, editor_a, problem="Een scherpere beschrijving")
    expected = {
        str(step.number): StepRevision.objects.filter(theory=complete_a, step=step.number)
        .order_by("-pk")
        .first()
        .pk
        for step in STEPS
    }
    assert expected["1"] == newer.pk
    started = timezone.now()

    transition = workflow.theory_submit(
        theory=complete_a, by=volunteer_a, message="  Graag jullie blik erop.\n"
    )

    assert_recorded(
        transition,
        action=Action.SUBMIT,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        by=volunteer_a,
        message="Graag jullie blik erop.",
    )
    stored = Transition.objects.get(pk=transition.pk)
    assert stored.revisions == expected
    assert started <= stored.created_at <= timezone.now()
    # The caller's object follows, so a view can go on using it.
    assert complete_a.status == Status.SUBMITTED
    assert isinstance(complete_a.submitted_at, datetime)
    assert started <= complete_a.submitted_at <= timezone.now()
    assert refreshed(complete_a).submitted_at == complete_a.submitted_at


def test_withdraw_returns_to_draft(submitted_a, editor_a):
    transition = workflow.theory_withdraw(theory=submitted_a, by=editor_a)
    assert_recorded(
        transition,
        action=Action.WITHDRAW,
        from_status=Status.SUBMITTED,
        to_status=Status.DRAFT,
        by=editor_a,
    )
    assert submitted_a.status == refreshed(submitted_a).status == Status.DRAFT
    assert submitted_a.submitted_at is None
    assert refreshed(submitted_a).submitted_at is None


def test_withdraw_returns_to_changes_requested_after_a_round_of_changes(
    submitted_a, volunteer_a, advisor
):
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Stap 5 graag")
    workflow.theory_submit(theory=submitted_a, by=volunteer_a)
    transition = workflow.theory_withdraw(theory=submitted_a, by=volunteer_a)
    assert transition.to_status == Status.CHANGES_REQUESTED
    assert refreshed(submitted_a).status == Status.CHANGES_REQUESTED


def test_withdraw_puts_back_the_date_of_the_submission_before(submitted_a, volunteer_a, advisor):
    first = Transition.objects.get(theory=submitted_a, action=Action.SUBMIT)
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Stap 5 graag")
    workflow.theory_submit(theory=submitted_a, by=volunteer_a)
    workflow.theory_withdraw(theory=submitted_a, by=volunteer_a)
    assert submitted_a.submitted_at == refreshed(submitted_a).submitted_at == first.created_at


def test_withdrawing_twice_leaves_no_submission_date(submitted_a, volunteer_a):
    workflow.theory_withdraw(theory=submitted_a, by=volunteer_a)
    assert refreshed(submitted_a).submitted_at is None
    workflow.theory_submit(theory=submitted_a, by=volunteer_a)
    workflow.theory_withdraw(theory=submitted_a, by=volunteer_a)
    assert refreshed(submitted_a).status == Status.DRAFT
    assert refreshed(submitted_a).submitted_at is None


def test_request_changes_records_the_message(submitted_a, advisor):
    started = timezone.now()
    transition = workflow.theory_request_changes(
        theory=submitted_a, by=advisor, message="\n  Maak stap 5 telbaar.  "
    )
    assert_recorded(
        transition,
        action=Action.REQUEST_CHANGES,
        from_status=Status.SUBMITTED,
        to_status=Status.CHANGES_REQUESTED,
        by=advisor,
        message="Maak stap 5 telbaar.",
    )
    assert started <= Transition.objects.get(pk=transition.pk).created_at <= timezone.now()
    assert submitted_a.status == refreshed(submitted_a).status == Status.CHANGES_REQUESTED
    assert refreshed(submitted_a).approved_at is None


def test_approve_sets_approved_at(submitted_a, advisor):
    started = timezone.now()
    transition = workflow.theory_approve(theory=submitted_a, by=advisor, message=" Mooi! ")
    assert_recorded(
        transition,
        action=Action.APPROVE,
        from_status=Status.SUBMITTED,
        to_status=Status.APPROVED,
        by=advisor,
        message="Mooi!",
    )
    assert submitted_a.status == Status.APPROVED
    assert started <= submitted_a.approved_at <= timezone.now()
    assert refreshed(submitted_a).approved_at == submitted_a.approved_at


def test_reopen_clears_approved_at(approved_a, second_advisor):
    assert refreshed(approved_a).approved_at is not None
    transition = workflow.theory_reopen(
        theory=approved_a, by=second_advisor, message=" Het streefgetal klopt niet. "
    )
    assert_recorded(
        transition,
        action=Action.REOPEN,
        from_status=Status.APPROVED,
        to_status=Status.CHANGES_REQUESTED,
        by=second_advisor,
        message="Het streefgetal klopt niet.",
    )
    assert approved_a.status == Status.CHANGES_REQUESTED
    assert approved_a.approved_at is None
    assert refreshed(approved_a).approved_at is None


def test_the_timeline_records_every_step_in_order(complete_a, volunteer_a, advisor):
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Stap 5")
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_approve(theory=complete_a, by=advisor)
    workflow.theory_reopen(theory=complete_a, by=advisor, message="Stap 3")
    assert list(
        Transition.objects.filter(theory=complete_a).values_list("action", "from_status")
    ) == [
        (Action.SUBMIT, Status.DRAFT),
        (Action.REQUEST_CHANGES, Status.SUBMITTED),
        (Action.SUBMIT, Status.CHANGES_REQUESTED),
        (Action.APPROVE, Status.SUBMITTED),
        (Action.REOPEN, Status.APPROVED),
    ]


# --- an incomplete theory --------------------------------------------------------------------


def test_submitting_an_incomplete_theory_lists_the_missing_steps(
    theory_a, volunteer_a, mailoutbox, django_capture_on_commit_callbacks
):
    theory_a.problem = "Geen ontmoetingsplek"
    theory_a.goal = "Een plek voor iedereen"
    theory_a.mission = "Erbij horen"
    theory_a.save()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Incomplete) as raised:
            workflow.theory_submit(theory=theory_a, by=volunteer_a)

    assert [item.step.number for item in raised.value.missing] == list(range(3, 11))
    assert all(item.missing and not item.is_complete for item in raised.value.missing)
    theory = refreshed(theory_a)
    assert theory_a.status == theory.status == Status.DRAFT
    assert theory.submitted_at is None
    assert not Transition.objects.exists()
    assert mailoutbox == []


def test_one_incomplete_step_is_the_only_one_missing(complete_a, volunteer_a):
    complete_a.outputs.update(target=None)
    with pytest.raises(Incomplete) as raised:
        workflow.theory_submit(theory=complete_a, by=volunteer_a)
    assert [item.step.number for item in raised.value.missing] == [5]
    assert refreshed(complete_a).status == Status.DRAFT
    assert not Transition.objects.exists()


def test_completeness_is_read_from_the_database_not_the_callers_object(complete_a, volunteer_a):
    # The caller loaded the theory before someone emptied step 1 in another request.
    stale = loaded(complete_a)
    TheoryOfChange.objects.filter(pk=complete_a.pk).update(problem="")
    with pytest.raises(Incomplete) as raised:
        workflow.theory_submit(theory=stale, by=volunteer_a)
    assert [item.step.number for item in raised.value.missing] == [1]


# --- e-mail ----------------------------------------------------------------------------------


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


def recipients(mailoutbox) -> list[str]:
    """Everyone who got a message; each message goes to exactly one person."""
    assert all(
        len(message.to) == 1 and not message.cc and not message.bcc for message in mailoutbox
    )
    return sorted(message.to[0] for message in mailoutbox)


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
    def broken(transition):
        raise RuntimeError("template error")

    monkeypatch.setattr(workflow, "_notify", broken)
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


# --- two people at the same moment -----------------------------------------------------------

DATA_MIGRATIONS = (
    "initiatives.migrations.0002_load_municipalities",
    "theory_of_change.migrations.0002_load_reference_lists",
)


@pytest.fixture
def own_connections(transactional_db, tmp_path):
    """Let threads lock the database the way two web requests do.

    Django's in-memory SQLite test database reaches other threads through SQLite's shared
    cache, whose table locks fail at once ("database table is locked") where a database
    file makes the second BEGIN IMMEDIATE wait. So on SQLite the test runs on a copy of the
    test database in a file; the in-memory one is put back afterwards. PostgreSQL (CI)
    needs nothing.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = str(tmp_path / "concurrency.sqlite3")
    connection.ensure_connection()
    in_memory = connection.connection
    copy = sqlite3.connect(path)
    in_memory.backup(copy)
    copy.close()
    name = connection.settings_dict["NAME"]
    # Threads create their connections from this same settings dict.
    connection.settings_dict["NAME"] = path
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


@pytest.fixture
def reference_data(own_connections):
    """Transactional tests start from an emptied database, reference lists included."""
    for module in DATA_MIGRATIONS:
        importlib.import_module(module).load(apps, None)


@pytest.fixture
def slow_lock(monkeypatch):
    """Hold the theory's row lock a moment longer, so the other thread certainly tries to
    act while the first one is deciding (without the lock, both would then succeed)."""
    lock = workflow._lock

    def slowly(theory):
        locked = lock(theory)
        time.sleep(0.3)
        return locked

    monkeypatch.setattr(workflow, "_lock", slowly)


@pytest.fixture
def slow_submission(monkeypatch):
    """Take a moment between reading what a submission contains and recording it, so a
    step saved at the same time would slip in between if the row lock did not stop it."""
    submitted_revisions = workflow._submitted_revisions

    def slowly(theory):
        revisions = submitted_revisions(theory)
        time.sleep(0.3)
        return revisions

    monkeypatch.setattr(workflow, "_submitted_revisions", slowly)


def run_at_once(**actions) -> dict[str, object]:
    """Run each action in a thread of its own, all starting together; the result of each is
    what it returned or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    results: dict[str, object] = {}

    def run(name, action):
        try:
            prepare, act = action
            prepared = prepare()
            barrier.wait(timeout=10)
            results[name] = act(prepared)
        except Exception as error:  # noqa: BLE001 - the test looks at what was raised
            results[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in actions.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_advisors_deciding_at_once_end_in_one_decision(
    reference_data, theory_a, volunteer_a, editor_a, advisor, second_advisor, slow_lock, mailoutbox
):
    complete_theory(theory_a)
    services.record_initial_revisions(theory=theory_a, by=volunteer_a)
    submission = workflow.theory_submit(theory=theory_a, by=volunteer_a)
    mailoutbox.clear()

    def stale_copy():
        # Both pages were opened while the theory was submitted.
        return TheoryOfChange.objects.get(pk=theory_a.pk)

    results = run_at_once(
        approve=(stale_copy, lambda theory: workflow.theory_approve(theory=theory, by=advisor)),
        request_changes=(
            stale_copy,
            lambda theory: workflow.theory_request_changes(
                theory=theory, by=second_advisor, message="Stap 5 graag"
            ),
        ),
    )

    succeeded = [name for name, result in results.items() if isinstance(result, Transition)]
    refused = [name for name, result in results.items() if isinstance(result, TransitionNotAllowed)]
    assert len(succeeded) == 1 and len(refused) == 1, results
    winner = results[succeeded[0]]
    # The one that came second saw the status the first one left.
    assert results[refused[0]].status == winner.to_status
    theory = refreshed(theory_a)
    assert theory.status == winner.to_status
    assert (theory.approved_at is not None) == (winner.to_status == Status.APPROVED)
    after = Transition.objects.filter(theory=theory_a, pk__gt=submission.pk)
    assert list(after.values_list("pk", flat=True)) == [winner.pk]
    # Only the decision that was taken is mailed.
    subject = {
        Status.APPROVED: "Goedgekeurd: verandertheorie 2025 van Dorpshuis Smilde",
        Status.CHANGES_REQUESTED: "Graag aanpassen: verandertheorie 2025 van Dorpshuis Smilde",
    }[winner.to_status]
    assert recipients(mailoutbox) == sorted([volunteer_a.email, editor_a.email])
    assert {message.subject for message in mailoutbox} == {subject}


@pytest.mark.django_db(transaction=True)
def test_a_step_saved_while_submitting_is_in_the_submission_or_refused(
    reference_data, theory_a, volunteer_a, editor_a, slow_submission
):
    complete_theory(theory_a)
    services.record_initial_revisions(theory=theory_a, by=volunteer_a)
    initial = StepRevision.objects.get(theory=theory_a, step=1)
    step = get_step(1)

    def open_step():
        current = loaded(theory_a)
        form = StepForm(
            step,
            current,
            form_data(theory_a, 1, base_revision=initial.pk, problem="Op het laatste moment"),
        )
        assert form.is_valid()
        return current, form

    results = run_at_once(
        submit=(
            lambda: TheoryOfChange.objects.get(pk=theory_a.pk),
            lambda theory: workflow.theory_submit(theory=theory, by=volunteer_a),
        ),
        save=(
            open_step,
            lambda opened: services.step_save(
                theory=opened[0],
                step=step,
                form=opened[1],
                by=editor_a,
                base_revision_id=initial.pk,
            ),
        ),
    )

    submission = results["submit"]
    assert isinstance(submission, Transition), results
    theory = loaded(theory_a)
    assert theory.status == Status.SUBMITTED
    if isinstance(results["save"], StepRevision):
        assert theory.problem == "Op het laatste moment"
        assert submission.revisions["1"] == results["save"].pk
    else:
        assert isinstance(results["save"], services.NotEditable), results
        assert theory.problem == "Er is geen ontmoetingsplek in het dorp."
        assert submission.revisions["1"] == initial.pk
        assert StepRevision.objects.filter(theory=theory_a, step=1).count() == 1
    # Either way, what the advisors review is exactly what was submitted.
    assert changes_since(theory, Transition.objects.get(pk=submission.pk)) == {}


def test_a_step_opened_before_the_submission_cannot_be_saved_after_it(
    complete_a, volunteer_a, editor_a
):
    step = get_step(1)
    base = StepRevision.objects.get(theory=complete_a, step=1).pk
    opened = loaded(complete_a)
    form = StepForm(step, opened, form_data(complete_a, 1, base_revision=base, problem="Te laat"))
    assert form.is_valid()

    workflow.theory_submit(theory=complete_a, by=volunteer_a)

    with pytest.raises(services.NotEditable):
        services.step_save(theory=opened, step=step, form=form, by=editor_a, base_revision_id=base)
    assert refreshed(complete_a).problem == "Er is geen ontmoetingsplek in het dorp."
    assert StepRevision.objects.filter(theory=complete_a, step=1).count() == 1


# --- the next year ---------------------------------------------------------------------------


def snapshots(theory: TheoryOfChange) -> dict[int, dict]:
    current = loaded(theory)
    return {step.number: step.snapshot(current) for step in STEPS}


def without_ids(snapshot: dict) -> dict:
    if "rows" not in snapshot:
        return snapshot
    return {"rows": [row["values"] for row in snapshot["rows"]]}


@pytest.fixture
def rich_approved_a(theory_a, volunteer_a, advisor, second_advisor):
    """An approved theory with several linked rows in every list step."""
    theory = complete_theory(theory_a)
    ResourceFactory(
        theory=theory,
        kind=ResourceKind.objects.get(name="Geld"),
        description="Subsidie",
        amount="1.5",
        unit="jaar",
        euro_value="2500.00",
    )
    first = theory.activities.get()
    second = ActivityFactory(theory=theory, name="Koffieochtend", description="Elke dinsdag")
    theory.outputs.update(achieved=10)
    OutputFactory(
        theory=theory, activity=second, description="Koffieochtenden", target=40, achieved=35
    )
    outcome = OutcomeFactory(theory=theory, activities=[first, second])
    impact = ImpactFactory(
        theory=theory,
        themes=[
            Theme.objects.get(name="Gezondheid en welzijn"),
            Theme.objects.get(name="Sociale cohesie"),
        ],
    )
    plan = MeasurementPlanFactory(
        theory=theory,
        level=MeasurementLevel.OUTPUT,
        method=DataCollectionMethod.objects.get(name="Registratie van aantallen"),
    )
    plan.measures_outputs.set(theory.outputs.all())
    MeasurementPlanFactory(theory=theory, level=MeasurementLevel.OUTCOME).measures_outcomes.set(
        [outcome]
    )
    MeasurementPlanFactory(
        theory=theory,
        level=MeasurementLevel.IMPACT,
        method=DataCollectionMethod.objects.get(name="Persoonlijke verhalen (narratieve methode)"),
    ).measures_impacts.set([impact])
    services.record_initial_revisions(theory=theory, by=volunteer_a)
    workflow.theory_assign(theory=theory, advisor=second_advisor, by=advisor)
    workflow.theory_submit(theory=theory, by=volunteer_a)
    workflow.theory_approve(theory=theory, by=advisor)
    return refreshed(theory)


ROW_MODELS = (Resource, Activity, Output, Outcome, Impact, MeasurementPlan)


def test_next_year_copies_every_step(rich_approved_a, volunteer_a):
    original = rich_approved_a
    before = snapshots(original)

    copy = workflow.theory_start_next_year(theory=original, by=volunteer_a)

    copy = refreshed(copy)
    assert (copy.initiative, copy.year, copy.status) == (original.initiative, 2026, Status.DRAFT)
    assert (copy.problem, copy.goal, copy.mission) == (
        original.problem,
        original.goal,
        original.mission,
    )
    assert copy.assigned_advisor == original.assigned_advisor
    assert copy.submitted_at is None and copy.approved_at is None
    for model in ROW_MODELS:
        assert (
            model.objects.filter(theory=copy).count()
            == model.objects.filter(theory=original).count()
        ), model
    # The same text in every step; only the achieved figures start empty.
    copied = snapshots(copy)
    for number, snapshot in before.items():
        expected = without_ids(snapshot)
        if number == 5:
            expected = {"rows": [{**row, "achieved": ""} for row in expected["rows"]]}
        assert without_ids(copied[number]) == expected, number
    assert list(Output.objects.filter(theory=copy).values_list("target", "achieved")) == [
        (12, None),
        (40, None),
    ]


def test_next_year_links_point_to_the_copies(rich_approved_a, volunteer_a):
    original = rich_approved_a
    copy = workflow.theory_start_next_year(theory=original, by=volunteer_a)

    activities = {activity.name: activity for activity in Activity.objects.filter(theory=copy)}
    for output in Output.objects.filter(theory=copy).select_related("activity"):
        assert output.activity.theory_id == copy.pk
        original_output = Output.objects.get(theory=original, description=output.description)
        assert output.activity.name == original_output.activity.name
    for outcome in Outcome.objects.filter(theory=copy):
        assert {activity.pk for activity in outcome.activities.all()} == {
            activities[name].pk
            for name in Outcome.objects.get(
                theory=original, description=outcome.description
            ).activities.values_list("name", flat=True)
        }
    linked = {
        "measures_outputs": Output,
        "measures_outcomes": Outcome,
        "measures_impacts": Impact,
    }
    for plan in MeasurementPlan.objects.filter(theory=copy):
        source = MeasurementPlan.objects.get(theory=original, information=plan.information)
        assert plan.level == source.level
        assert plan.method_id == source.method_id  # reference lists are shared
        for name in linked:
            targets = list(getattr(plan, name).all())
            assert all(target.theory_id == copy.pk for target in targets), name
            assert sorted(map(str, targets)) == sorted(map(str, getattr(source, name).all()))
    for impact in Impact.objects.filter(theory=copy):
        source = Impact.objects.get(theory=original, description=impact.description)
        assert set(impact.themes.all()) == set(source.themes.all())
    for resource in Resource.objects.filter(theory=copy):
        source = Resource.objects.get(theory=original, description=resource.description)
        assert (resource.kind_id, resource.amount, resource.euro_value) == (
            source.kind_id,
            source.amount,
            source.euro_value,
        )


def test_next_year_leaves_the_original_untouched(rich_approved_a, volunteer_a):
    original = rich_approved_a
    before = snapshots(original)
    row_ids = {
        model: sorted(model.objects.filter(theory=original).values_list("pk", flat=True))
        for model in ROW_MODELS
    }
    revisions = StepRevision.objects.filter(theory=original).count()
    transitions = Transition.objects.filter(theory=original).count()

    workflow.theory_start_next_year(theory=original, by=volunteer_a)

    assert snapshots(original) == before
    after = refreshed(original)
    assert after.status == Status.APPROVED
    assert after.approved_at == original.approved_at
    assert list(Output.objects.filter(theory=original).values_list("achieved", flat=True)) == [
        10,
        35,
    ]
    for model, ids in row_ids.items():
        assert sorted(model.objects.filter(theory=original).values_list("pk", flat=True)) == ids
    assert StepRevision.objects.filter(theory=original).count() == revisions
    assert Transition.objects.filter(theory=original).count() == transitions


def test_next_year_starts_its_history_with_the_copied_content(rich_approved_a, volunteer_a):
    copy = workflow.theory_start_next_year(theory=rich_approved_a, by=volunteer_a)
    current = snapshots(copy)
    revisions = StepRevision.objects.filter(theory=copy).order_by("step")
    assert [revision.step for revision in revisions] == list(range(1, 11))
    for revision in revisions:
        assert revision.author == volunteer_a
        assert revision.snapshot == current[revision.step]
    assert not Transition.objects.filter(theory=copy).exists()
    assert not Comment.objects.filter(theory=copy).exists()


def test_next_year_is_refused_when_it_exists(rich_approved_a, volunteer_a):
    TheoryFactory(initiative=rich_approved_a.initiative, year=2026)
    counts = {model: model.objects.count() for model in ROW_MODELS}
    with pytest.raises(services.TheoryExists):
        workflow.theory_start_next_year(theory=rich_approved_a, by=volunteer_a)
    assert {model: model.objects.count() for model in ROW_MODELS} == counts
    assert not StepRevision.objects.filter(theory__year=2026).exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED], ids=str
)
def test_next_year_needs_an_approved_theory(status, complete_a, volunteer_a):
    put_in_status(complete_a, status)
    with pytest.raises(TransitionNotAllowed):
        workflow.theory_start_next_year(theory=complete_a, by=volunteer_a)
    assert not TheoryOfChange.objects.filter(year=2026).exists()


# --- comments --------------------------------------------------------------------------------


def test_a_comment_starts_a_thread(theory_a, advisor):
    comment = workflow.comment_add(theory=theory_a, step=5, body="  Wat tel je?\n", by=advisor)
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.theory, stored.step, stored.thread, stored.author) == (
        theory_a,
        5,
        None,
        advisor,
    )
    assert stored.body == "Wat tel je?"
    assert not stored.is_resolved


def test_a_reply_joins_the_thread_on_its_step(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    reply = workflow.comment_add(
        theory=theory_a, step=3, body="Diners", by=volunteer_a, thread=thread
    )
    stored = Comment.objects.get(pk=reply.pk)
    assert stored.thread == thread
    assert stored.step == 5


def test_replies_go_to_a_thread_of_the_same_theory(theory_a, theory_b, advisor):
    other = workflow.comment_add(theory=theory_b, step=5, body="Elders", by=advisor)
    thread = workflow.comment_add(theory=theory_a, step=5, body="Hier", by=advisor)
    reply = workflow.comment_add(
        theory=theory_a, step=5, body="Antwoord", by=advisor, thread=thread
    )
    count = Comment.objects.count()
    with pytest.raises(ValueError):
        workflow.comment_add(theory=theory_a, step=5, body="Mis", by=advisor, thread=other)
    with pytest.raises(ValueError):
        workflow.comment_add(theory=theory_a, step=5, body="Mis", by=advisor, thread=reply)
    assert Comment.objects.count() == count


def test_a_reply_reopens_a_resolved_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    workflow.comment_resolve(comment=thread, by=volunteer_a, resolved=True)
    workflow.comment_add(
        theory=theory_a, step=5, body="Toch nog een vraag", by=advisor, thread=thread
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.resolved_at is None and stored.resolved_by is None


def test_a_reply_can_resolve_its_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    reply = workflow.comment_add(
        theory=theory_a,
        step=5,
        body="Diners, zie stap 5",
        by=volunteer_a,
        thread=thread,
        resolve=True,
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.is_resolved and stored.resolved_by == volunteer_a
    assert not Comment.objects.get(pk=reply.pk).is_resolved
    # "Done" again on a resolved thread keeps who resolved it first, and when.
    resolved_at = stored.resolved_at
    workflow.comment_add(
        theory=theory_a, step=5, body="Nog een aanvulling", by=advisor, thread=thread, resolve=True
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert (stored.resolved_at, stored.resolved_by) == (resolved_at, volunteer_a)


def test_resolving_and_reopening_a_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    started = timezone.now()
    workflow.comment_resolve(comment=thread, by=volunteer_a, resolved=True)
    stored = Comment.objects.get(pk=thread.pk)
    assert started <= stored.resolved_at <= timezone.now()
    assert stored.resolved_by == volunteer_a
    workflow.comment_resolve(comment=thread, by=advisor, resolved=False)
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.resolved_at is None and stored.resolved_by is None


def test_only_a_thread_is_resolved(theory_a, advisor):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    reply = workflow.comment_add(theory=theory_a, step=5, body="Diners", by=advisor, thread=thread)
    with pytest.raises(ValueError):
        workflow.comment_resolve(comment=reply, by=advisor, resolved=True)
    assert not Comment.objects.get(pk=reply.pk).is_resolved


@pytest.mark.parametrize(
    "step, body, error",
    [(0, "Vraag", KeyError), (11, "Vraag", KeyError), (5, "", ValueError), (5, " \n ", ValueError)],
)
def test_a_comment_needs_a_step_and_words(step, body, error, theory_a, advisor):
    with pytest.raises(error):
        workflow.comment_add(theory=theory_a, step=step, body=body, by=advisor)
    assert not Comment.objects.exists()


def test_threads_are_grouped_per_step_open_ones_first(
    theory_a, theory_b, advisor, volunteer_a, django_assert_num_queries
):
    done = workflow.comment_add(theory=theory_a, step=5, body="Opgelost", by=advisor)
    open_five = workflow.comment_add(theory=theory_a, step=5, body="Open", by=advisor)
    open_three = workflow.comment_add(theory=theory_a, step=3, body="Middelen?", by=advisor)
    first = workflow.comment_add(
        theory=theory_a, step=5, body="Eerste", by=volunteer_a, thread=open_five
    )
    second = workflow.comment_add(
        theory=theory_a, step=5, body="Tweede", by=advisor, thread=open_five
    )
    resolved_reply = workflow.comment_add(
        theory=theory_a, step=5, body="Klaar", by=volunteer_a, thread=done, resolve=True
    )
    CommentFactory(theory=theory_b, step=5)

    with django_assert_num_queries(1):
        threads = comment_threads(theory_a)

    assert sorted(threads) == [3, 5]
    assert [thread.comment for thread in threads[5]] == [open_five, done]
    assert [thread.is_resolved for thread in threads[5]] == [False, True]
    assert threads[5][0].replies == [first, second]
    assert threads[5][1].replies == [resolved_reply]
    assert [thread.comment for thread in threads[3]] == [open_three]
    assert threads[3][0].replies == []
    assert open_thread_count(threads) == 2
    assert list(comment_threads(theory_a, step=3)) == [3]
    assert comment_threads(theory_a, step=4) == {}


# --- what changed since the last submission --------------------------------------------------


def test_changes_since_the_last_submission(complete_a, volunteer_a, advisor):
    assert review_baseline(complete_a) is None
    assert changes_since(loaded(complete_a), None) == {}

    first = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # The advisor's first look: there is nothing earlier to compare with.
    assert review_baseline(complete_a) is None

    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Stap 1 scherper")
    assert review_baseline(complete_a) == first
    assert changes_since(loaded(complete_a), first) == {}

    save_step(complete_a, 1, volunteer_a, problem="Ouderen zijn alleen.")
    changes = changes_since(loaded(complete_a), first)
    assert list(changes) == [1]
    (line,) = changes[1]
    assert line.action == "changed"
    assert line.details == [
        ("Probleem", "Er is geen ontmoetingsplek in het dorp.", "Ouderen zijn alleen.")
    ]

    # A list step, changed without the editor: a row updated and its revision recorded.
    complete_a.outputs.update(target=24)
    current = loaded(complete_a)
    StepRevision.objects.create(
        theory=complete_a, step=5, author=volunteer_a, snapshot=get_step(5).snapshot(current)
    )
    changes = changes_since(loaded(complete_a), first)
    assert list(changes) == [1, 5]
    (line,) = changes[5]
    assert line.action == "changed"
    assert [(label, old, new) for label, old, new in line.details] == [("Streefgetal", "12", "24")]

    second = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # While submitted, the advisor compares with the submission they saw before.
    assert review_baseline(complete_a) == first
    assert list(changes_since(loaded(complete_a), first)) == [1, 5]
    assert changes_since(loaded(complete_a), second) == {}

    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Bijna")
    assert review_baseline(complete_a) == second
    assert changes_since(loaded(complete_a), second) == {}


def test_changes_since_shows_added_and_removed_rows(submitted_a, volunteer_a, advisor):
    first = Transition.objects.get(theory=submitted_a)
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Meer middelen")
    ResourceFactory(theory=submitted_a, description="Een bus")
    submitted_a.activities.filter(name="Dorpsdiner").update(frequency="elke week")
    changes = changes_since(loaded(submitted_a), first)
    assert list(changes) == [3, 4]
    assert [(line.action, line.title) for line in changes[3]] == [("added", "Een bus")]
    assert [(line.action, line.title) for line in changes[4]] == [("changed", "Dorpsdiner")]


def test_a_withdrawn_submission_is_not_what_the_advisor_compares_with(
    complete_a, volunteer_a, advisor
):
    first = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Stap 1 graag.")
    save_step(complete_a, 1, volunteer_a, problem="Eerste aanpassing.")
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_withdraw(theory=complete_a, by=volunteer_a)
    save_step(complete_a, 1, volunteer_a, problem="Tweede aanpassing.")
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # The advisor last decided on the first submission: that is the baseline, not the
    # withdrawn one in between.
    assert review_baseline(refreshed(complete_a)) == first
    lines = changes_since(loaded(complete_a), first)[1]
    assert [detail[2] for line in lines for detail in line.details] == ["Tweede aanpassing."]
