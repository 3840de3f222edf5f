"""Addresses of a fact sheet: its page, and its public link when that is on."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from theory_of_change.models import TheoryOfChange


def shared_theories() -> QuerySet[TheoryOfChange]:
    """Theories whose fact sheet anyone with its link may see: approved, link switched on."""
    return TheoryOfChange.objects.approved().filter(share_token__isnull=False)


def share_url(theory: TheoryOfChange) -> str | None:
    """The public address of the sheet, while its link is on and it is approved."""
    if theory.share_token and theory.is_approved:
        return settings.SITE_URL + reverse("factsheet:shared", kwargs={"token": theory.share_token})
    return None


def qr_target(theory: TheoryOfChange) -> str:
    """Where the QR code and the printed address lead: the public page, or "" when the
    sheet has none (a draft, or a link switched off). A sheet then carries no QR code
    rather than one that leads to a login page."""
    return share_url(theory) or ""
