"""What the municipality portal reads: whose initiatives, which year, which filters.

Everything in the portal (the list, the totals, the charts, the exports, the summary PDF
and the ZIP of fact sheets) is read through one `Selection`, so the rule "municipality
staff see the initiatives that serve their municipality, and approved content only" lives
here and nowhere else. Advisors use the same pages over every municipality.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.forms import CHOICE_GONE
from initiatives.models import Initiative, InitiativeKind, Municipality, User
from theory_of_change.models import Status, Theme, TheoryOfChange


@dataclass(frozen=True)
class PortalScope:
    """The municipalities a user reads in the portal, and the one they narrowed it to."""

    is_advisor: bool
    municipalities: tuple[Municipality, ...]  # the ones this user may choose between
    chosen: Municipality | None  # None: all of them

    @property
    def shown(self) -> tuple[Municipality, ...]:
        return (self.chosen,) if self.chosen else self.municipalities

    @property
    def name(self) -> str:
        """For headings and file contents: "Midden-Drenthe" or "alle gemeenten"."""
        if self.chosen:
            return self.chosen.name
        if self.is_advisor:
            return _("alle gemeenten")
        return ", ".join(municipality.name for municipality in self.municipalities)

    @property
    def file_label(self) -> str:
        """For download names: "midden-drenthe", or "alle-gemeenten"."""
        if self.chosen:
            return self.chosen.slug
        if self.is_advisor:
            return "alle-gemeenten"
        return "-".join(municipality.slug for municipality in self.municipalities)

    def initiatives(self) -> QuerySet[Initiative]:
        """The initiatives based in, or also working in, the municipalities shown."""
        if self.is_advisor and not self.chosen:
            return Initiative.objects.all()
        return Initiative.objects.serving(list(self.shown))

    @property
    def cache_part(self) -> str | list[int]:
        """What of the scope decides what it reads, for cache keys."""
        return "all" if self.is_advisor and not self.chosen else [m.pk for m in self.shown]

    @cached_property
    def content_version(self) -> dict:
        """The version of the approved content, read once for the request this scope is
        made for: what the portal keeps in its cache is kept under it."""
        return approved_content_version()


def approved_content_version() -> dict:
    """Moves whenever approved content changes: a theory approved or reopened (the count,
    and its `updated_at`), edited by an operator, a result or story of one recorded,
    changed or withdrawn; or a valuation or doorbraak case of any year changed (a case is
    approved apart from its Verandertheorie, so the newest such change counts whatever the
    status: one more row, found by its index). One aggregate query over the approved
    theories."""
    approved = Q(status=Status.APPROVED)
    newest_value_change = (
        TheoryOfChange.objects.filter(values_changed_at__isnull=False)
        .order_by("-values_changed_at")
        .values("pk")[:1]
    )
    return TheoryOfChange.objects.filter(approved | Q(pk__in=newest_value_change)).aggregate(
        count=Count("pk", filter=approved),
        changed=Max("updated_at", filter=approved),
        results=Max("results_changed_at", filter=approved),
        stories=Max("stories_changed_at", filter=approved),
        values=Max("values_changed_at"),
    )


def cache_key(prefix: str, *parts) -> str:
    """A cache key for `parts` (anything JSON can write, dates as text)."""
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"{prefix}:{digest}"


def may_use_portal(user: User) -> bool:
    """The portal is for advisors and municipality staff (one query for non-advisors)."""
    return user.is_advisor or user.municipalities.exists()


def portal_scope(user: User, municipality_slug: str = "") -> PortalScope:
    """Municipality staff read their own municipalities, advisors all; others may not come
    in (403). A municipality outside the user's scope is 404, as if it did not exist."""
    if user.is_advisor:
        municipalities = tuple(Municipality.objects.order_by("name"))
    else:
        municipalities = tuple(user.municipalities.order_by("name"))
        if not municipalities:
            raise PermissionDenied
    chosen = None
    if municipality_slug:
        chosen = next((m for m in municipalities if m.slug == municipality_slug), None)
        if chosen is None:
            raise Http404
    elif len(municipalities) == 1:
        chosen = municipalities[0]
    return PortalScope(is_advisor=user.is_advisor, municipalities=municipalities, chosen=chosen)


# How long the portal keeps what it read in the cache, at most: its keys change with the
# content, so this only bounds what a forgotten selection occupies.
CACHE_SECONDS = 15 * 60


def approved_years(scope: PortalScope) -> list[int]:
    """The years with an approved Verandertheorie, or an approved doorbraak case (approved
    apart from its Verandertheorie), in scope, newest first: from the cache while the
    approved content is unchanged (with thousands of theories in scope, reading them costs
    more than the rest of the page's queries together)."""
    approved = Q(status=Status.APPROVED) | Q(breakthrough_cases__approved_at__isnull=False)
    return cache.get_or_set(
        cache_key("portal-years", scope.cache_part, scope.content_version),
        lambda: list(
            TheoryOfChange.objects.filter(approved)
            .filter(initiative__in=scope.initiatives())
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        ),
        CACHE_SECONDS,
    )


@dataclass(frozen=True)
class Selection:
    """A scope narrowed down to a year and the filters of the portal's form."""

    scope: PortalScope
    year: int
    theme: Theme | None = None
    kind: str = ""
    query: str = ""

    def initiatives(self) -> QuerySet[Initiative]:
        initiatives = self.scope.initiatives()
        if self.kind:
            initiatives = initiatives.filter(kind=self.kind)
        if self.query:
            initiatives = initiatives.filter(
                Q(name__icontains=self.query) | Q(place__icontains=self.query)
            )
        if self.theme:
            # Themes are approved content: an initiative has a theme in a year when the
            # impact of its approved Verandertheorie of that year carries it.
            tagged = (
                TheoryOfChange.objects.approved()
                .filter(year=self.year, impacts__themes=self.theme)
                .values("initiative")
            )
            initiatives = initiatives.filter(pk__in=tagged)
        return initiatives

    def approved_theories(self) -> QuerySet[TheoryOfChange]:
        """The approved Verandertheorieën of the year: all a municipality may read."""
        return TheoryOfChange.objects.approved().filter(
            year=self.year, initiative__in=self.initiatives()
        )

    @property
    def kind_label(self) -> str:
        return str(InitiativeKind(self.kind).label) if self.kind else ""

    @property
    def filter_labels(self) -> list[str]:
        """The filters in words, for printed pages: ["thema “Gezondheid”", …]."""
        labels = []
        if self.theme:
            labels.append(_("thema “%(theme)s”") % {"theme": self.theme.localized_name})
        if self.kind:
            labels.append(self.kind_label)
        if self.query:
            labels.append(_("zoekwoord “%(query)s”") % {"query": self.query})
        return labels

    @property
    def is_filtered(self) -> bool:
        return bool(self.theme or self.kind or self.query)


class PortalFilterForm(forms.Form):
    """The portal's filters as a GET form; the names are the query parameters of links
    people bookmark. A value that does not validate drops out (the field says why)."""

    gemeente = forms.ChoiceField(label=gettext_lazy("Gemeente"), required=False)
    jaar = forms.TypedChoiceField(
        label=gettext_lazy("Jaar"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=CHOICE_GONE,
    )
    thema = forms.ModelChoiceField(
        label=gettext_lazy("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=gettext_lazy("Alle thema's"),
        error_messages=CHOICE_GONE,
    )
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort initiatief"),
        required=False,
        choices=[("", gettext_lazy("Alle soorten")), *InitiativeKind.choices],
        error_messages=CHOICE_GONE,
    )
    q = forms.CharField(
        label=gettext_lazy("Zoek op naam of plaats"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
    )

    def __init__(self, data, *, scope: PortalScope, years: list[int]) -> None:
        super().__init__(data)
        self.scope = scope
        self.years = years
        if len(scope.municipalities) > 1:
            everyone = _("Alle gemeenten") if scope.is_advisor else _("Al mijn gemeenten")
            self.fields["gemeente"].choices = [
                ("", everyone),
                *[(m.slug, m.name) for m in scope.municipalities],
            ]
        else:
            del self.fields["gemeente"]  # one municipality: nothing to choose
        self.fields["jaar"].choices = [(year, str(year)) for year in years or [default_year()]]

    def selection(self) -> Selection:
        """The valid filters applied to the scope; call after `is_valid()`."""
        data = getattr(self, "cleaned_data", {})
        return Selection(
            scope=self.scope,
            year=data.get("jaar") or (self.years[0] if self.years else default_year()),
            theme=data.get("thema"),
            kind=data.get("soort") or "",
            query=data.get("q") or "",
        )


def default_year() -> int:
    """Before anything is approved, the portal looks at the year people write about now."""
    return timezone.localdate().year


def read_selection(request_data, *, user: User) -> tuple[PortalFilterForm, Selection]:
    """The scope of `user` narrowed down by the query parameters of a portal request."""
    scope = portal_scope(user, request_data.get("gemeente", ""))
    form = PortalFilterForm(request_data, scope=scope, years=approved_years(scope))
    form.is_valid()  # invalid fields drop out of the selection and show their error
    return form, form.selection()


def selection_params(selection: Selection) -> dict[str, str]:
    """The selection as query parameters, for links that keep it (exports, PDF, ZIP)."""
    params = {"jaar": str(selection.year)}
    if selection.scope.chosen and len(selection.scope.municipalities) > 1:
        params["gemeente"] = selection.scope.chosen.slug
    if selection.theme:
        params["thema"] = str(selection.theme.pk)
    if selection.kind:
        params["soort"] = selection.kind
    if selection.query:
        params["q"] = selection.query
    return params


def download_name(selection: Selection, what: str) -> str:
    """e.g. "kerncijfers-midden-drenthe-2025"."""
    return slugify(f"{what}-{selection.scope.file_label}-{selection.year}")
