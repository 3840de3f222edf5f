"""The pages the benchmarks measure, and as whom: one list, so the in-process benchmark
(`benchmark_pages`) and the load benchmark (`benchmark_load`) measure the same pages.

Needs the demo data (`manage.py seed_demo`): the draft whose editor volunteers use most
(Welzijn Westerwolde's step 5, with rows), the approved Smilde sheet, and their people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management.base import CommandError
from django.urls import reverse

from initiatives.models import Initiative
from theory_of_change.models import TheoryOfChange

DRAFT = ("welzijn-westerwolde", 2025)
APPROVED = ("dorpshuis-smilde", 2025)
STEP = 5  # the outputs: a list step with a row per output

LOGIN = "login page"
ADMIN = "admin change form"
EDITOR = "editor: list"
EDITOR_ROW = "editor: row open"
FACT_SHEET = "fact sheet HTML"
WORKSPACE = "/advies/"
PORTAL = "/gemeente/"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: str | None  # demo username, None for anonymous


def main_pages() -> list[Page]:
    """The baselines (Django's login page and the admin's Initiative change form) and the
    product's main pages, each with the demo user who uses it."""
    draft = TheoryOfChange.objects.filter(initiative__slug=DRAFT[0], year=DRAFT[1]).first()
    first_row = draft and draft.outputs.order_by("position", "pk").first()
    if first_row is None:
        raise CommandError(f"{DRAFT[0]} {DRAFT[1]} has no outputs: run seed_demo first")
    step = reverse(
        "theory_of_change:step", kwargs={"slug": DRAFT[0], "year": DRAFT[1], "number": STEP}
    )
    approved = Initiative.objects.select_related("municipality").get(slug=APPROVED[0])
    municipality_user = f"gemeente.{approved.municipality.slug}"
    volunteer = f"vrijwilliger.{DRAFT[0]}"
    return [
        Page(LOGIN, reverse("login"), None),
        Page(ADMIN, reverse("admin:initiatives_initiative_change", args=[approved.pk]), "admin"),
        Page(EDITOR, step, volunteer),
        Page(EDITOR_ROW, f"{step}?regel={first_row.pk}", volunteer),
        Page(
            FACT_SHEET,
            reverse("factsheet:page", kwargs={"slug": APPROVED[0], "year": APPROVED[1]}),
            municipality_user,
        ),
        Page(WORKSPACE, reverse("workspace:index"), "adviseur"),
        Page(PORTAL, reverse("portal:index"), municipality_user),
    ]
