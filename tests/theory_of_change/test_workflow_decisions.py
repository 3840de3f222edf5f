"""The advisor's decisions: request changes, approve and reopen, and the timeline they
leave.
"""

import pytest
from django.utils import timezone

from tests.theory_of_change.helpers import assert_recorded, refreshed
from theory_of_change import workflow
from theory_of_change.models import Action, Status, Transition

pytestmark = pytest.mark.django_db


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
