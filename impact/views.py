"""Site-wide pages: the home page and the display preferences."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from impact.preferences import (
    COOKIE_MAX_AGE,
    SPACING_COOKIE,
    SPACINGS,
    TEXT_SIZE_COOKIE,
    TEXT_SIZES,
)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("initiatives:list")
    return render(request, "impact/home.html")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_POST
def display_preferences(request: HttpRequest) -> HttpResponse:
    """Store text size and letter spacing; works as a plain form, without JavaScript."""
    response = redirect(_safe_next(request))
    for cookie, value, allowed in (
        (TEXT_SIZE_COOKIE, request.POST.get("text_size"), TEXT_SIZES),
        (SPACING_COOKIE, request.POST.get("spacing"), SPACINGS),
    ):
        if value in allowed:
            response.set_cookie(
                cookie, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=False
            )
    return response
