"""Access to theories, on top of the initiative access in `initiatives.access`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from initiatives.access import InitiativeAccess, get_initiative_for_user
from initiatives.models import User
from theory_of_change.models import Action, TheoryOfChange
from theory_of_change.selectors import with_content, with_step_content
from theory_of_change.steps import Step
from theory_of_change.workflow import ASSIGN, MOVES, START_NEXT_YEAR, Move


def can_read_drafts(access: InitiativeAccess) -> bool:
    """Drafts stay between the initiative and its advisors; municipalities read approved."""
    return access.is_member or access.is_advisor


@dataclass(frozen=True)
class TheoryAccess:
    theory: TheoryOfChange
    initiative_access: InitiativeAccess

    @property
    def can_edit(self) -> bool:
        """Members who write, and only while the theory is a draft or sent back."""
        return self.initiative_access.can_edit and self.theory.is_editable

    @property
    def initiative(self):
        return self.initiative_access.initiative

    @property
    def can_see_review(self) -> bool:
        """Comments and the timeline stay between the initiative and its advisors."""
        return can_read_drafts(self.initiative_access)

    @property
    def can_see_results(self) -> bool:
        """Counts per period, questionnaires and the logbook (whose notes can name
        residents) stay between the initiative and its advisors; municipalities read the
        totals of approved theories on the fact sheet and in the portal."""
        return can_read_drafts(self.initiative_access)

    @property
    def can_record_results(self) -> bool:
        """Coordinators and editors record results in any status: counting what was
        achieved is not editing the plan, so approval does not lock it."""
        return self.initiative_access.can_edit

    @property
    def can_review(self) -> bool:
        """The advisors' role: request changes, approve, reopen and assign (in the statuses
        the capabilities below say)."""
        return self.initiative_access.is_advisor

    @property
    def can_submit(self) -> bool:
        """The writers' role: coordinators and editors submit, withdraw and start the next
        year (in the statuses the capabilities below say)."""
        return self.initiative_access.can_edit

    @property
    def can_comment(self) -> bool:
        return self.can_review or self.initiative_access.can_edit

    # What the review lets this user do now: the role (above) and the theory's status,
    # read from the workflow's transition table. Pages show a button only when it is true;
    # the services check the same table again under the row lock.

    def _may(self, move: Move) -> bool:
        """Whether this user may take `move` (a rule of `workflow.MOVES`) now."""
        role = self.can_review if move.by_advisor else self.can_submit
        return role and move.allows(self.theory.status)

    @property
    def can_send_in(self) -> bool:
        """Submit now (a draft, or again after changes were asked for)."""
        return self._may(MOVES[Action.SUBMIT])

    @property
    def can_withdraw(self) -> bool:
        return self._may(MOVES[Action.WITHDRAW])

    @property
    def can_approve(self) -> bool:
        return self._may(MOVES[Action.APPROVE])

    @property
    def can_request_changes(self) -> bool:
        return self._may(MOVES[Action.REQUEST_CHANGES])

    @property
    def can_decide(self) -> bool:
        """Approve and request changes, which the review screen offers side by side."""
        return self.can_approve and self.can_request_changes

    @property
    def can_reopen(self) -> bool:
        return self._may(MOVES[Action.REOPEN])

    @property
    def can_start_next_year(self) -> bool:
        return self._may(START_NEXT_YEAR)

    @property
    def can_assign(self) -> bool:
        """Choose the advisor who reviews it, whatever the status."""
        return self._may(ASSIGN)


def theories_for(access: InitiativeAccess) -> QuerySet[TheoryOfChange]:
    """The theories of an initiative this user may read (the rule of
    `TheoryOfChangeQuerySet.readable_by`, for an initiative whose access is known)."""
    theories = TheoryOfChange.objects.filter(initiative=access.initiative)
    return theories if can_read_drafts(access) else theories.approved()


def get_theory_for_user(
    user: User, slug: str, year: int, *, content: bool = True, step: Step | None = None
) -> TheoryAccess:
    """The theory, with all its step content loaded (only that of `step` when given, none
    when `content` is False); 404 for anyone who may not read it."""
    access = get_initiative_for_user(user, slug)
    theories = theories_for(access).filter(year=year)
    if step is not None:
        theories = with_step_content(theories, step)
    elif content:
        theories = with_content(theories)
    theory = theories.first()
    if theory is None:
        raise Http404
    theory.initiative = access.initiative
    return TheoryAccess(theory=theory, initiative_access=access)
