"""State changes around the fact sheet: its quote and its public link."""

from __future__ import annotations

import logging
import secrets

from theory_of_change.models import Status, TheoryOfChange

logger = logging.getLogger(__name__)


class NotApproved(Exception):
    """Only an approved Verandertheorie is shared publicly."""


class NotEditable(Exception):
    """The quote belongs to the reviewed content: it changes only while that can change."""


def share_link_enable(*, theory: TheoryOfChange, by) -> str:
    """Switch the public link on with a new secret, which makes every older link invalid."""
    if theory.status != Status.APPROVED:
        raise NotApproved
    token = secrets.token_urlsafe(24)
    TheoryOfChange.objects.filter(pk=theory.pk).update(share_token=token)
    theory.share_token = token
    logger.info("share link of %s switched on by %s", theory.pk, by.pk)
    return token


def share_link_disable(*, theory: TheoryOfChange, by) -> None:
    TheoryOfChange.objects.filter(pk=theory.pk).update(share_token=None)
    theory.share_token = None
    logger.info("share link of %s switched off by %s", theory.pk, by.pk)


def quote_update(*, theory: TheoryOfChange, quote: str, quote_by: str, by) -> None:
    if not theory.is_editable:
        raise NotEditable
    TheoryOfChange.objects.filter(pk=theory.pk).update(quote=quote, quote_by=quote_by)
    theory.quote, theory.quote_by = quote, quote_by
