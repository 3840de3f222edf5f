"""State changes around the fact sheet: its public link. (Its quote is a story's: see
`theory_of_change.stories.services.sheet_story_choose`.)"""

from __future__ import annotations

import logging

from theory_of_change.models import TheoryOfChange, new_share_token

logger = logging.getLogger(__name__)


class NotApproved(Exception):
    """Only an approved Verandertheorie is shared publicly."""


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
