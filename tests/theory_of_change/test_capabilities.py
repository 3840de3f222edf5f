"""What a page offers comes from the workflow's transition table (`workflow.MOVES`), through
the access object: per status and role, exactly the moves the services would accept."""

import pytest

from initiatives.access import InitiativeAccess
from initiatives.models import Initiative, Role
from theory_of_change.access import TheoryAccess
from theory_of_change.models import Status, TheoryOfChange

ROLES = {
    "coordinator": {"role": Role.COORDINATOR, "is_advisor": False},
    "editor": {"role": Role.EDITOR, "is_advisor": False},
    "reader": {"role": Role.READER, "is_advisor": False},
    "advisor": {"role": None, "is_advisor": True},
    "municipality": {"role": None, "is_advisor": False},
}
CAPABILITIES = ("can_send_in", "can_withdraw", "can_decide", "can_reopen", "can_start_next_year")
WRITERS = {"coordinator", "editor"}

# status → capability → who has it
EXPECTED = {
    Status.DRAFT: {"can_send_in": WRITERS},
    Status.SUBMITTED: {"can_withdraw": WRITERS, "can_decide": {"advisor"}},
    Status.CHANGES_REQUESTED: {"can_send_in": WRITERS},
    Status.APPROVED: {"can_reopen": {"advisor"}, "can_start_next_year": WRITERS},
}


def access(status: str, who: str) -> TheoryAccess:
    initiative_access = InitiativeAccess(initiative=Initiative(), **ROLES[who])
    return TheoryAccess(theory=TheoryOfChange(status=status), initiative_access=initiative_access)


@pytest.mark.parametrize("status", list(EXPECTED))
@pytest.mark.parametrize("who", list(ROLES))
def test_capabilities_follow_the_transition_table(status, who):
    for capability in CAPABILITIES:
        expected = who in EXPECTED[status].get(capability, set())
        assert getattr(access(status, who), capability) is expected, (status, who, capability)


def test_the_table_covers_every_status():
    assert set(EXPECTED) == set(Status)
