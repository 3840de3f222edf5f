"""State changes around the fact sheet: its quote and its public link."""

from __future__ import annotations

import logging

from django.db import transaction

from common.concurrency import check_version, content_version
from theory_of_change.models import TheoryOfChange, new_share_token

logger = logging.getLogger(__name__)


class NotApproved(Exception):
    """Only an approved Verandertheorie is shared publicly."""


class NotEditable(Exception):
    """The quote belongs to the reviewed content: it changes only while that can change."""


def share_link_enable(*, theory: TheoryOfChange, by) -> str:
    """Switch the public link on with a new secret, which makes every older link invalid.

    A link that is on already stays as it is: a second click, or a page opened before
    someone else switched it on, must not break the link they may have put on a website.
    A new link takes switching off first.
    """
    if not theory.is_approved:
        raise NotApproved
    token = new_share_token()
    # Only while it is off, in one statement: of two clicks at the same moment, one sets it.
    switched = TheoryOfChange.objects.filter(pk=theory.pk, share_token__isnull=True).update(
        share_token=token, share_link_off=False
    )
    if switched:
        logger.info("share link of %s switched on by %s", theory.pk, by.pk)
    else:
        token = TheoryOfChange.objects.values_list("share_token", flat=True).get(pk=theory.pk)
    theory.share_token = token
    return token


def share_link_disable(*, theory: TheoryOfChange, by) -> None:
    """Switch the public link off, and keep it off when the theory is approved again."""
    TheoryOfChange.objects.filter(pk=theory.pk).update(share_token=None, share_link_off=True)
    theory.share_token = None
    theory.share_link_off = True
    logger.info("share link of %s switched off by %s", theory.pk, by.pk)


def _quote_values(theory: TheoryOfChange) -> dict[str, str]:
    return {"quote": theory.quote, "quote_by": theory.quote_by}


def quote_version(theory: TheoryOfChange) -> str:
    """The version of the quote that a quote form carries (see `common.concurrency`)."""
    return content_version(_quote_values(theory))


def quote_update(
    *,
    theory: TheoryOfChange,
    quote: str,
    quote_by: str,
    by,
    base_version: str | None = None,
) -> None:
    """Save the quote and who said it.

    `base_version` is `quote_version` of the quote the form was opened with. If someone
    saved the quote since, nothing is written and `StaleVersion` carries the stored
    theory; None overwrites without checking.
    """
    with transaction.atomic():
        # The row lock: of two saves at the same moment, the second waits, then sees the
        # first one's quote and is refused; and no save slips in after a submission.
        locked = (
            TheoryOfChange.objects.select_for_update()
            .only("status", "quote", "quote_by")
            .get(pk=theory.pk)
        )
        if not locked.is_editable:
            raise NotEditable
        check_version(
            stored=_quote_values(locked), base_version=base_version, current=lambda: locked
        )
        TheoryOfChange.objects.filter(pk=theory.pk).update(quote=quote, quote_by=quote_by)
    theory.quote, theory.quote_by = quote, quote_by
