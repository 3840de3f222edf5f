"""State changes of initiatives, memberships and invitations.

Views check who may do what (through `initiatives.access`), validate a form, call one of
these functions and redirect. Every function here is atomic: it either does all it says or
nothing.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from common.concurrency import check_version, content_version, submission_digest
from common.emails import send_email
from initiatives.models import (
    DETAIL_FIELDS,
    IMAGE_FIELDS,
    ROLE_DESCRIPTIONS,
    Initiative,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Municipality,
    Role,
    User,
    hash_token,
)

logger = logging.getLogger(__name__)

# Higher number, more rights. Used when an invitation meets an existing membership.
ROLE_RANK = {Role.READER: 1, Role.EDITOR: 2, Role.COORDINATOR: 3}


class AlreadyMember(Exception):
    """The e-mail address already belongs to a member of the initiative."""


class LastCoordinator(Exception):
    """An initiative always keeps at least one coordinator, who can invite others."""


class InvitationUnusable(Exception):
    """The invitation link does not work (any more).

    `reason` is one of "unknown", "used", "revoked", "expired".
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# An image argument of `initiative_update` is what a form's image field cleans to:
# None keeps the current file, False removes it, a new file (re-encoded by
# `common.images.prepare_image`) replaces it.
ImageChange = File | FieldFile | Literal[False] | None


def _apply_image(initiative: Initiative, field: str, change: ImageChange, stored: str) -> str:
    """Set an image field; return the name of the stored file it no longer uses, or ""."""
    if change is None or isinstance(change, FieldFile):
        return ""  # unchanged
    setattr(initiative, field, change or "")
    return stored


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    name: str,
    kind: str,
    place: str,
    also_serves: QuerySet[Municipality] | list[Municipality],
    description: str,
    founded_year: int | None,
    website: str,
    contact_email: str,
    logo: ImageChange = None,
    photo: ImageChange = None,
    by: User,
    base_version: str | None = None,
) -> Initiative:
    """Change an initiative's details. The slug and the primary municipality stay as they
    are (links and access depend on them); only the admin changes those.

    `base_version` is `initiative_version` of the details the form was opened with. If
    someone saved them since, nothing is written and `StaleVersion` carries the stored
    initiative; None overwrites without checking.
    """
    # Compare with what is stored, not with the instance: a ModelForm has already put what
    # was typed (and the upload) on the instance it was given. The row lock makes a second
    # save at the same moment wait, then find the first one's details.
    stored = _stored_details(initiative.pk, lock=True)
    check_version(
        stored=stored,
        base_version=base_version,
        current=lambda: Initiative.objects.prefetch_related("also_serves").get(pk=initiative.pk),
    )
    initiative.name = name
    initiative.kind = kind
    initiative.place = place
    initiative.description = description
    initiative.founded_year = founded_year
    initiative.website = website
    initiative.contact_email = contact_email
    unused = [
        _apply_image(initiative, "logo", logo, stored["logo"]),
        _apply_image(initiative, "photo", photo, stored["photo"]),
    ]
    initiative.full_clean(exclude=["slug", "municipality", "logo", "photo"])
    initiative.save()
    initiative.also_serves.set(
        [
            municipality
            for municipality in also_serves
            if municipality.pk != initiative.municipality_id
        ]
    )

    # A replaced or removed logo or photo is deleted from storage, but only once the change
    # is committed: a rolled-back save must not lose the picture still in use.
    storage = Initiative._meta.get_field("logo").storage
    for name_on_disk in filter(None, unused):
        transaction.on_commit(lambda name=name_on_disk: storage.delete(name))
    logger.info("initiative %s updated by %s", initiative.slug, by.pk)
    return initiative


def _stored_details(pk: int, *, lock: bool = False) -> dict:
    rows = Initiative.objects.select_for_update() if lock else Initiative.objects
    details = rows.values(*DETAIL_FIELDS, *IMAGE_FIELDS).get(pk=pk)
    details["also_serves"] = sorted(
        Initiative.also_serves.through.objects.filter(initiative_id=pk).values_list(
            "municipality_id", flat=True
        )
    )
    return details


def initiative_version(initiative: Initiative) -> str:
    """The version of the details that the details form carries (see
    `common.concurrency`), read from the database: not from an object a form has changed."""
    return content_version(_stored_details(initiative.pk))


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token})


def _invitation_email_send(*, invitation: Invitation, token: str) -> None:
    """Send the invitation. If it fails, the invitation is still listed as pending and the
    coordinator can send it again."""
    role = Role(invitation.role)
    context = {
        "invitation": invitation,
        "initiative": invitation.initiative,
        "inviter": invitation.invited_by,
        "role": role.label,
        "role_description": ROLE_DESCRIPTIONS[role],
        "link": invitation_link(token),
        "expires_at": invitation.expires_at,
    }
    send_email("invitation", context, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    initiative: Initiative,
    email: str,
    role: str,
    by: User,
    submission_key: str | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by e-mail; returns the invitation and its secret token.

    Only the hash of the token is stored. Inviting the same address again revokes the
    earlier pending invitation, so only the newest link works. The e-mail goes out after
    the transaction commits, so nobody gets a link to an invitation that was rolled back.

    `submission_key` is the one-time key of the form (see `common.concurrency`): the same
    form sent again (a double click) returns the invitation it made the first time, still
    pending, with "" for the token. No second mail goes out, and the first link keeps
    working.
    """
    email = BaseUserManager.normalize_email(email.strip())
    if Membership.objects.filter(initiative=initiative, user__email__iexact=email).exists():
        raise AlreadyMember(email)

    # The initiative's row lock: the same form sent twice at the same moment waits for
    # the first, then finds its invitation.
    Initiative.objects.select_for_update().values("pk").get(pk=initiative.pk)
    digest = submission_digest(submission_key, initiative.pk, email.lower(), role) or ""
    if digest:
        earlier = initiative.invitations.pending().filter(invited_by=by, submission_key=digest)
        if (invitation := earlier.first()) is not None:
            return invitation, ""

    now = timezone.now()
    initiative.invitations.pending().filter(email__iexact=email).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        initiative=initiative,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        submission_key=digest,
    )
    transaction.on_commit(lambda: _invitation_email_send(invitation=invitation, token=token))
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Make a pending invitation's link stop working. Revoking twice changes nothing."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        logger.info("invitation %s revoked by %s", invitation.pk, by.pk)
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation behind a link, whatever its state; None for an unknown link."""
    return (
        Invitation.objects.select_related("initiative", "initiative__municipality", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _unusable_reason(invitation: Invitation) -> str | None:
    if invitation.accepted_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return None


def invitation_unusable_reason(invitation: Invitation | None) -> str | None:
    """Why a link does not work ("unknown", "used", "revoked", "expired"), or None."""
    if invitation is None:
        return "unknown"
    return _unusable_reason(invitation)


def _lock_usable_invitation(invitation_token: str) -> Invitation:
    """The open invitation for a token, locked until the transaction ends."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=hash_token(invitation_token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    reason = _unusable_reason(invitation)
    if reason:
        raise InvitationUnusable(reason)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation_token: str, user: User) -> Membership:
    """Use an invitation: make `user` a member of the initiative with the invited role.

    Single use: the invitation row is locked and marked accepted in one transaction, and
    the update only succeeds while the invitation is still open, so two clicks (or two
    people) cannot both use one link.

    Someone who is already a member keeps the higher of their current and the invited
    role: an invitation never takes rights away.
    """
    invitation = _lock_usable_invitation(invitation_token)

    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(accepted_at=now, accepted_by=user)
    if claimed != 1:
        raise InvitationUnusable("used")

    membership, created = Membership.objects.get_or_create(
        user=user, initiative_id=invitation.initiative_id, defaults={"role": invitation.role}
    )
    if not created and ROLE_RANK[Role(invitation.role)] > ROLE_RANK[Role(membership.role)]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    return membership


def invitation_accepted_membership(*, invitation: Invitation, user: User) -> Membership | None:
    """The membership `user` has from accepting this invitation themselves, or None.

    Using one's own link again (a double click on accept, or the e-mail opened again
    later) is no mistake: it leads to the initiative, not to the "already used" page.
    """
    accepted = Invitation.objects.filter(
        pk=invitation.pk, accepted_by=user, accepted_at__isnull=False
    ).exists()
    if not accepted:
        return None
    return Membership.objects.filter(user=user, initiative_id=invitation.initiative_id).first()


@transaction.atomic
def account_create_from_invitation(
    *,
    invitation_token: str,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
) -> Membership:
    """Create an account for the invited e-mail address and accept the invitation with it.

    The password has been checked by the form (Django's password validators). If the
    invitation cannot be used, no account is created.
    """
    invitation = _lock_usable_invitation(invitation_token)
    user = User.objects.create_user(
        username=username,
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    return invitation_accept(invitation_token=invitation_token, user=user)


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove someone from an initiative (or let them leave it).

    The last coordinator cannot be removed: without one, nobody could invite people or
    change the initiative's details any more.
    """
    coordinators = list(
        Membership.objects.select_for_update()
        .filter(initiative_id=membership.initiative_id, role=Role.COORDINATOR)
        .values_list("pk", flat=True)
    )
    if membership.role == Role.COORDINATOR and coordinators == [membership.pk]:
        raise LastCoordinator
    logger.info("membership %s removed by %s", membership.pk, by.pk)
    membership.delete()


def unique_slug(name: str) -> str:
    """A free address name for a new initiative: "dorpshuis-smilde", else "…-2", "…-3"."""
    base = slugify(name)[:70].strip("-") or "initiatief"
    slug, number = base, 1
    while Initiative.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def initiative_create(
    *,
    initiative: Initiative,
    coordinator_email: str,
    by: User,
    submission_key: str | None = None,
) -> tuple[Initiative, Invitation]:
    """Put a new initiative on the platform (an advisor does, from the workspace) and
    invite its first coordinator by e-mail, in one transaction: no initiative without the
    invitation that lets someone in."""
    email = BaseUserManager.normalize_email(coordinator_email.strip())
    # The same form sent twice (a double click, a reload): the first one's initiative.
    just_made = Invitation.objects.pending().filter(
        invited_by=by,
        email__iexact=email,
        role=Role.COORDINATOR,
        created_at__gte=timezone.now() - timedelta(minutes=10),
        initiative__name=initiative.name,
        initiative__municipality=initiative.municipality_id,
    )
    if (earlier := just_made.select_related("initiative").first()) is not None:
        return earlier.initiative, earlier
    with transaction.atomic():
        initiative.slug = unique_slug(initiative.name)
        initiative.full_clean()
        initiative.save()
        invitation, _token = invitation_create(
            initiative=initiative,
            email=email,
            role=Role.COORDINATOR,
            by=by,
            submission_key=submission_key,
        )
    logger.info("initiative %s created by %s", initiative.slug, by.pk)
    return initiative, invitation


# --- asking to join ------------------------------------------------------------------------


class AlreadyDecided(Exception):
    """Another advisor accepted or declined the request first."""


def join_request_create(*, join_request: JoinRequest) -> JoinRequest:
    """Store an initiative's request to join and tell the advisors (after the commit)."""
    join_request.save()
    advisors = User.objects.filter(is_advisor=True, is_active=True).values_list("email", flat=True)
    context = {
        "join_request": join_request,
        "link": settings.SITE_URL + reverse("workspace:join_requests"),
    }
    transaction.on_commit(lambda: send_email("join-request-received", context, list(advisors)))
    logger.info("join request %s from %s", join_request.pk, join_request.municipality_id)
    return join_request


def _decide(join_request: JoinRequest) -> JoinRequest:
    """The request, locked, while nobody decided it yet."""
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not locked.is_pending:
        raise AlreadyDecided
    return locked


def join_request_accept(*, join_request: JoinRequest, by: User) -> Initiative:
    """Put the initiative on the platform and invite the person who asked as its
    coordinator (the invitation is the answer they get)."""
    with transaction.atomic():
        locked = _decide(join_request)
        initiative, _invitation = initiative_create(
            initiative=Initiative(
                name=locked.name,
                kind=locked.kind,
                place=locked.place,
                municipality=locked.municipality,
            ),
            coordinator_email=locked.email,
            by=by,
        )
        locked.status = JoinRequestStatus.ACCEPTED
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.initiative = initiative
        locked.save()
    return initiative


def join_request_decline(*, join_request: JoinRequest, by: User, message: str) -> None:
    """Say no, with the reason, by e-mail."""
    with transaction.atomic():
        locked = _decide(join_request)
        locked.status = JoinRequestStatus.DECLINED
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.decision_message = message.strip()
        locked.save()
        context = {"join_request": locked, "advisor": by}
        transaction.on_commit(lambda: send_email("join-request-declined", context, [locked.email]))
