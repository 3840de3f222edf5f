"""Two people acting on the same theory at the same moment: one consistent outcome."""

import importlib
import sqlite3
import threading
import time

import pytest
from django.apps import apps
from django.db import connection

from tests.factories import complete_theory
from tests.theory_of_change.helpers import form_data, loaded, recipients, refreshed
from theory_of_change import services, workflow
from theory_of_change.forms import StepForm
from theory_of_change.models import Status, StepRevision, TheoryOfChange, Transition
from theory_of_change.selectors import changes_since
from theory_of_change.steps import get_step
from theory_of_change.workflow import TransitionNotAllowed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


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
    lock = workflow.theory_lock

    def slowly(theory):
        locked = lock(theory)
        time.sleep(0.3)
        return locked

    monkeypatch.setattr(workflow, "theory_lock", slowly)


@pytest.fixture
def slow_submission(monkeypatch):
    """Take a moment between reading what a submission contains and recording it, so a
    step saved at the same time would slip in between if the row lock did not stop it."""
    submission_revisions = workflow.submission_revisions

    def slowly(theory):
        revisions = submission_revisions(theory)
        time.sleep(0.3)
        return revisions

    monkeypatch.setattr(workflow, "submission_revisions", slowly)


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
