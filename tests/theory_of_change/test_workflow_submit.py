"""Submitting and withdrawing: what they record, and what an incomplete theory gets."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.theory_of_change.helpers import assert_recorded, loaded, refreshed, save_step
from theory_of_change import workflow
from theory_of_change.models import Action, Status, StepRevision, TheoryOfChange, Transition
from theory_of_change.steps import STEPS
from theory_of_change.workflow import Incomplete

pytestmark = pytest.mark.django_db


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
