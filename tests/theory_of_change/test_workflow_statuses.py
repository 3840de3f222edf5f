"""The review workflow's services: which status each change starts from, and who may make it.

Every change against every status, the advisor-only decisions, the message that asking
for changes needs, and assigning an advisor.
"""

import pytest
from django.core.exceptions import PermissionDenied

from tests.theory_of_change.helpers import put_in_status, refreshed
from theory_of_change import workflow
from theory_of_change.models import Action, Status, TheoryOfChange, Transition
from theory_of_change.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db


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
