"""Sending the product's e-mails: each one a subject, a text body and an HTML body.

Templates live in `templates/emails/<name>-subject.txt`, `-body.txt` and `-body.html`.
Mails go out in Dutch: we do not know which language a recipient reads, and the Dutch
interface is the default for everyone. Callers send from `transaction.on_commit`, so no mail
tells about something that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """Subject (on one line), text and HTML of the e-mail `name`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    return subject, text, html


def send_email(name: str, context: dict, recipients: Iterable[str]) -> int:
    """Send one message per recipient, so nobody sees the others' addresses.

    A failing mail server is logged, not raised: the change it reports has been saved, and
    the page shows the same news. Returns how many messages were sent.
    """
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return 0
    subject, text, html = render_email(name, context)
    messages = []
    for address in addresses:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("sending e-mail %s to %d recipients failed", name, len(addresses))
        return 0
