"""Where to send someone back to after a form, without becoming an open redirect."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str = "/") -> str:
    """The form's `next` field or the page it came from, if that is on this site."""
    target = request.POST.get("next") or request.headers.get("referer") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
