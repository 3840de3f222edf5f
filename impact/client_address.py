"""The visitor's address behind a known number of reverse proxies (login throttling).

Each proxy in front of the app (nginx, a load balancer) appends the address it received the
request from to X-Forwarded-For, so with N proxies the visitor's address is the N-th entry
from the right; everything to the left of it came from the visitor and can be forged. The
app itself sees the last proxy as REMOTE_ADDR.

Why not django-ipware: it counts only the proxies whose own addresses appear in the header.
Behind one nginx the header holds just the visitor ("203.0.113.5"), and ipware with a proxy
count of 1 finds no address at all; with a count of 0 it answers the proxy's address for
every visitor whose header holds two entries (a forged one, or a company proxy's) — one
shared bucket in which anyone can lock out those visitors. The rule below is the one that
follows from how proxies write the header, and is small enough to read in full.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address of the visitor, as the first trusted proxy saw it.

    With `PROXY_COUNT` 0 (no proxy) X-Forwarded-For is ignored. A header with fewer entries
    than there are proxies, or an entry that is not an address, means the request did not
    come through the proxies as configured: then REMOTE_ADDR is used, which is never
    something the visitor chose.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
