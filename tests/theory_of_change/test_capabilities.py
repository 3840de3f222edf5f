"""What a page offers comes from the workflow's transition table (`workflow.MOVES`), through
the access object: per status and role, exactly the moves the services would accept."""

import pytest
from django.core.exceptions import PermissionDenied

from initiatives.access import InitiativeAccess
from initiatives.models import Initiative, Role
from tests.theory_of_change.helpers import put_in_status
from theory_of_change import workflow
from theory_of_change.access import TheoryAccess
from theory_of_change.models import Action, Status, TheoryOfChange, Transition

ROLES = {
    "coordinator": {"role": Role.COORDINATOR, "is_advisor": False},
    "editor": {"role": Role.EDITOR, "is_advisor": False},
    "reader": {"role": Role.READER, "is_advisor": False},
    "advisor": {"role": None, "is_advisor": True},
    "municipality": {"role": None, "is_advisor": False},
}
CAPABILITIES = (
    "can_send_in",
    "can_withdraw",
    "can_approve",
    "can_request_changes",
    "can_decide",
    "can_reopen",
    "can_start_next_year",
    "can_assign",
)
WRITERS = {"coordinator", "editor"}
ADVISORS = {"advisor"}

# status → capability → who has it (a capability left out: nobody)
EXPECTED = {
    Status.DRAFT: {"can_send_in": WRITERS, "can_start_next_year": WRITERS, "can_assign": ADVISORS},
    Status.SUBMITTED: {
        "can_withdraw": WRITERS,
        "can_start_next_year": WRITERS,
        "can_approve": ADVISORS,
        "can_request_changes": ADVISORS,
        "can_decide": ADVISORS,
        "can_assign": ADVISORS,
    },
    Status.CHANGES_REQUESTED: {
        "can_send_in": WRITERS,
        "can_start_next_year": WRITERS,
        "can_assign": ADVISORS,
    },
    Status.APPROVED: {
        "can_reopen": ADVISORS,
        "can_start_next_year": WRITERS,
        "can_assign": ADVISORS,
    },
}


def access(status: str, who: str) -> TheoryAccess:
    initiative_access = InitiativeAccess(initiative=Initiative(), **ROLES[who])
    return TheoryAccess(theory=TheoryOfChange(status=status), initiative_access=initiative_access)


@pytest.mark.parametrize("capability", CAPABILITIES)
@pytest.mark.parametrize("status", list(EXPECTED), ids=str)
@pytest.mark.parametrize("who", list(ROLES))
def test_capabilities_follow_the_transition_table(status, who, capability):
    expected = who in EXPECTED[status].get(capability, set())
    assert getattr(access(status, who), capability) is expected


def test_the_expectations_cover_every_status():
    assert set(EXPECTED) == set(Status)


def test_every_transition_has_a_rule():
    assert set(workflow.MOVES) == set(Action)


# The same table, read by the services: with the role a capability asks for, the service
# takes the move exactly where the capability offers it, and refuses it elsewhere.


def _service(capability: str, theory: TheoryOfChange, *, writer, advisor):
    if capability == "can_send_in":
        return workflow.theory_submit(theory=theory, by=writer)
    if capability == "can_withdraw":
        return workflow.theory_withdraw(theory=theory, by=writer)
    if capability == "can_approve":
        return workflow.theory_approve(theory=theory, by=advisor)
    if capability == "can_request_changes":
        return workflow.theory_request_changes(theory=theory, by=advisor, message="Stap 5?")
    if capability == "can_reopen":
        return workflow.theory_reopen(theory=theory, by=advisor, message="Stap 3 klopt niet")
    if capability == "can_start_next_year":
        return workflow.theory_start_next_year(theory=theory, by=writer)
    assert capability == "can_assign"
    return workflow.theory_assign(theory=theory, advisor=advisor, by=advisor)


@pytest.mark.django_db
@pytest.mark.parametrize("capability", [name for name in CAPABILITIES if name != "can_decide"])
@pytest.mark.parametrize("status", list(Status), ids=str)
def test_the_services_accept_what_the_capabilities_offer(
    capability, status, complete_a, volunteer_a, advisor
):
    put_in_status(complete_a, status)
    offered = getattr(access(status, "advisor"), capability) or getattr(
        access(status, "coordinator"), capability
    )
    if offered:
        _service(capability, complete_a, writer=volunteer_a, advisor=advisor)
    else:
        with pytest.raises(workflow.TransitionNotAllowed):
            _service(capability, complete_a, writer=volunteer_a, advisor=advisor)


@pytest.mark.django_db
@pytest.mark.parametrize("capability", ["can_approve", "can_request_changes", "can_assign"])
def test_the_services_refuse_what_only_advisors_are_offered(
    capability, complete_a, volunteer_a, advisor
):
    put_in_status(complete_a, Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        _service(capability, complete_a, writer=volunteer_a, advisor=volunteer_a)
    assert not Transition.objects.filter(theory=complete_a).exists()
