"""Site-wide pages: the home page and the display preferences."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.navigation import safe_next_url
from impact.preferences import (
    COOKIE_MAX_AGE,
    SPACING_COOKIE,
    SPACINGS,
    TEXT_SIZE_COOKIE,
    TEXT_SIZES,
)


def home(request: HttpRequest) -> HttpResponse:
    """Logged-in users start where their work is: advisors at the review workspace,
    municipality staff at the portal, a volunteer of one initiative at its page (which
    leads with what to do next: "Verder met stap 6 van 2025"), others at their list."""
    if request.user.is_authenticated:
        if request.user.is_advisor:
            return redirect("workspace:index")
        if request.user.municipalities.exists():
            return redirect("portal:index")
        slugs = list(request.user.memberships.values_list("initiative__slug", flat=True)[:2])
        if len(slugs) == 1:
            return redirect("initiatives:detail", slug=slugs[0])
        return redirect("initiatives:list")
    return render(request, "impact/home.html")


@require_POST
def display_preferences(request: HttpRequest) -> HttpResponse:
    """Store text size and letter spacing; works as a plain form, without JavaScript."""
    response = redirect(safe_next_url(request))
    for cookie, value, allowed in (
        (TEXT_SIZE_COOKIE, request.POST.get("text_size"), TEXT_SIZES),
        (SPACING_COOKIE, request.POST.get("spacing"), SPACINGS),
    ):
        if value in allowed:
            response.set_cookie(
                cookie, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=False
            )
    return response


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """What django-axes shows after too many wrong passwords (AXES_LOCKOUT_CALLABLE): how
    long to wait, and the way out for someone who forgot their password."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
