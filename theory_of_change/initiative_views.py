"""The list of initiatives and an initiative's own page: each shows the initiative with the
Verandertheorieën the user may read, so they live here, above both apps. Their URLs stay
in the `initiatives` namespace (composed in `impact.urls`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from initiatives.access import get_initiative_for_user, visible_initiatives
from initiatives.models import Initiative, Membership, User
from theory_of_change.access import can_read_drafts, theories_for
from theory_of_change.forms import TheoryCreateForm
from theory_of_change.models import TheoryOfChange
from theory_of_change.next_action import next_actions
from theory_of_change.results.selectors import overloads

PAGE_SIZE = 25
# Above this many initiatives the list gets a search field.
SEARCH_FROM = 10


def _list_queryset(user: User) -> QuerySet[Initiative]:
    return (
        visible_initiatives(user)
        .select_related("municipality")
        .prefetch_related(
            "also_serves",
            Prefetch(
                "theories",
                queryset=TheoryOfChange.objects.readable_by(user).order_by("-year"),
                to_attr="readable_theories",
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(user=user),
                to_attr="own_memberships",
            ),
        )
        .order_by("name", "pk")
    )


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = _list_queryset(request.user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        initiatives = initiatives.filter(Q(name__icontains=query) | Q(place__icontains=query))
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "theory_of_change/initiative_list.html",
        {
            "page": page,
            "initiatives": page.object_list,
            "query": query,
            "page_query": urlencode({"q": query}) if query else "",
            "show_search": bool(query) or page.paginator.count > SEARCH_FROM,
        },
    )


def _suggested_year(theories: list[TheoryOfChange]) -> int:
    """This year, or the first later year that has no Verandertheorie yet."""
    taken = {theory.year for theory in theories}
    year = timezone.localdate().year
    while year in taken:
        year += 1
    return year


@login_required
def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_initiative_for_user(request.user, slug)
    initiative = access.initiative
    theories = list(theories_for(access).order_by("-year"))
    members = None
    overload_signals = {}
    if access.is_member or access.is_advisor:
        # "Te druk" in most of the last logbook weeks, per theory (one query). The logbook
        # stays within the initiative and its advisors: municipality staff see no signal.
        overload_signals = overloads(theory.pk for theory in theories)
        members = initiative.memberships.select_related("user").order_by(
            "user__first_name", "user__last_name", "user__username"
        )
    new_theory_form = None
    actions = []
    if access.can_edit:
        for theory in theories:
            theory.initiative = initiative
        actions = next_actions(theories)
        new_theory_form = TheoryCreateForm(
            initial={"year": _suggested_year(theories)}, auto_id="id_new_theory_%s"
        )
    return render(
        request,
        "theory_of_change/initiative_detail.html",
        {
            "access": access,
            "initiative": initiative,
            "also_serves": initiative.also_serves.all(),
            "theories": theories,
            "members": members,
            "new_theory_form": new_theory_form,
            "next_actions": actions,
            "can_read_drafts": can_read_drafts(access),
            "overloads": [
                (theory, overload_signals[theory.pk])
                for theory in theories
                if theory.pk in overload_signals
            ],
        },
    )


# Included by `impact.urls` in the `initiatives` namespace, before `initiatives.urls`.
urlpatterns = [
    path("", initiative_list, name="list"),
    path("<slug:slug>/", initiative_detail, name="detail"),
]
