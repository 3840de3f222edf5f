"""Who may see and do what: the one place that scopes initiatives and theories by role.

Every view that shows an initiative or a theory gets it through these helpers. Outsiders
get 404 — not 403 — so they cannot even learn that an initiative exists; people who may read
but not change something get 403 when they try to change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from initiatives.models import Initiative, Membership, Role, User


def visible_initiatives(user: User) -> QuerySet[Initiative]:
    """Initiatives a user may see: advisors all, members their own, municipalities theirs."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if user.is_advisor:
        return Initiative.objects.all()
    member_of = Membership.objects.filter(user=user).values("initiative_id")
    serving = Initiative.objects.serving(user.municipalities.values("pk")).values("pk")
    return Initiative.objects.filter(Q(pk__in=member_of) | Q(pk__in=serving))


@dataclass(frozen=True)
class InitiativeAccess:
    """An initiative together with what the current user may do with it."""

    initiative: Initiative
    role: str | None  # the user's membership role, None for non-members
    is_advisor: bool

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def can_edit(self) -> bool:
        """Write the Verandertheorie."""
        return self.role in (Role.COORDINATOR, Role.EDITOR)

    @property
    def can_manage(self) -> bool:
        """Change the initiative's details and invite or remove people."""
        return self.role == Role.COORDINATOR


def get_initiative_for_user(user: User, slug: str) -> InitiativeAccess:
    initiative = visible_initiatives(user).select_related("municipality").filter(slug=slug).first()
    if initiative is None:
        raise Http404
    membership = Membership.objects.filter(user=user, initiative=initiative).first()
    return InitiativeAccess(
        initiative=initiative,
        role=membership.role if membership else None,
        is_advisor=user.is_advisor,
    )


def require(allowed: bool) -> None:
    """Refuse an action the user may not take on something they can see."""
    if not allowed:
        raise PermissionDenied
