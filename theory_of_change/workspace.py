"""The advisor workspace at /advies/: every Verandertheorie, what waits, and who has it.

The reads are plain functions over querysets, testable without a request; the view only
ties them together. The page costs the same number of queries however many theories there
are: each list of filter choices loads once, the rows of a page come with their initiative,
municipality, advisor and open-thread count in one query, the logbook's overload signals
of those rows in one more, and the counts per status in one aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from common.forms import CHOICE_GONE
from initiatives.access import require
from initiatives.models import Initiative, Municipality, Province, User
from theory_of_change.models import REVIEW_ORDER, Comment, Status, TheoryOfChange
from theory_of_change.results.selectors import overloads

PAGE_SIZE = 25

# Values of the advisor filter besides an advisor's id.
ASSIGNED_TO_ME = "mij"
ASSIGNED_TO_NOBODY = "niemand"

# A filter link can outlive its choice (an advisor leaves, a year has no theories left).


@dataclass(frozen=True)
class WorkspaceFilters:
    """What the advisor narrowed the list down to; empty values do not filter."""

    query: str = ""
    status: str = ""
    province: str = ""
    municipality: str = ""  # a municipality slug
    advisor: str = ""  # ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY or an advisor's id
    year: int | None = None


class WorkspaceFilterForm(forms.Form):
    """The filters as a GET form.

    The field names are the query parameters of a URL advisors bookmark and share, so they
    are Dutch, like "pagina" and "stap" elsewhere. A value that does not validate is left
    out of the filters (the field shows why); the other filters still apply.
    """

    q = forms.CharField(
        label=_("Zoek op naam of plaats"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages=CHOICE_GONE,
        choices=[("", _("Alle statussen")), *[(s.value, s.label) for s in REVIEW_ORDER]],
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        error_messages=CHOICE_GONE,
        choices=[("", _("Alle provincies")), *Province.choices],
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False, error_messages=CHOICE_GONE)
    adviseur = forms.ChoiceField(label=_("Adviseur"), required=False, error_messages=CHOICE_GONE)
    jaar = forms.TypedChoiceField(
        label=_("Jaar"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=CHOICE_GONE,
    )

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["gemeente"].choices = [("", _("Alle gemeenten")), *municipality_choices()]
        self.fields["adviseur"].choices = [
            ("", _("Maakt niet uit")),
            (ASSIGNED_TO_ME, _("Aan mij")),
            (ASSIGNED_TO_NOBODY, _("Niemand")),
            *[(str(advisor.pk), advisor.display_name) for advisor in advisor_choices()],
        ]
        self.fields["jaar"].choices = [
            ("", _("Alle jaren")),
            *[(year, str(year)) for year in year_choices()],
        ]

    def filters(self) -> WorkspaceFilters:
        """The valid filters; call after `is_valid()`."""
        data = getattr(self, "cleaned_data", {})
        return WorkspaceFilters(
            query=data.get("q") or "",
            status=data.get("status") or "",
            province=data.get("provincie") or "",
            municipality=data.get("gemeente") or "",
            advisor=data.get("adviseur") or "",
            year=data.get("jaar"),
        )

    def query_params(self) -> dict[str, str]:
        """The valid, non-empty filters as query parameters, for links that keep them."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: str(value) for name, value in data.items() if value is not None and value != ""
        }


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Municipalities grouped by province (one query), for a select with option groups."""
    groups: dict[str, list[tuple[str, str]]] = {value: [] for value in Province.values}
    for slug, name, province in Municipality.objects.order_by("name").values_list(
        "slug", "name", "province"
    ):
        groups.setdefault(province, []).append((slug, name))
    labels = dict(Province.choices)
    return [(labels.get(province, province), items) for province, items in groups.items() if items]


def advisor_choices() -> list[User]:
    """Active advisors, and former ones who still have theories to hand over."""
    return list(
        User.objects.filter(is_advisor=True)
        .filter(
            Q(is_active=True)
            | Exists(TheoryOfChange.objects.filter(assigned_advisor=OuterRef("pk")))
        )
        .order_by("first_name", "last_name", "username")
    )


def year_choices() -> list[int]:
    """The years that have a Verandertheorie, newest first."""
    return list(TheoryOfChange.objects.order_by("-year").values_list("year", flat=True).distinct())


def filter_theories(
    queryset: QuerySet[TheoryOfChange], *, filters: WorkspaceFilters, user: User
) -> QuerySet[TheoryOfChange]:
    """Narrow `queryset` down to the filters; `user` is who "assigned to me" means."""
    if filters.query:
        queryset = queryset.filter(
            Q(initiative__name__icontains=filters.query)
            | Q(initiative__place__icontains=filters.query)
        )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.province:
        queryset = queryset.filter(initiative__municipality__province=filters.province)
    if filters.municipality:
        # An initiative counts for the municipalities it also serves (the Odensehuis for
        # Meppel and Westerveld); a subquery keeps each theory once.
        municipality = Municipality.objects.filter(slug=filters.municipality).values("pk")
        serving = Initiative.objects.serving(municipality)
        queryset = queryset.filter(initiative__in=serving.values("pk"))
    if filters.advisor == ASSIGNED_TO_ME:
        queryset = queryset.filter(assigned_advisor=user)
    elif filters.advisor == ASSIGNED_TO_NOBODY:
        queryset = queryset.filter(assigned_advisor__isnull=True)
    elif filters.advisor:
        queryset = queryset.filter(assigned_advisor_id=int(filters.advisor))
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    return queryset


def status_counts(queryset: QuerySet[TheoryOfChange]) -> dict[str, int]:
    """How many theories of `queryset` have each status, and "total": one aggregate query."""
    return queryset.order_by().aggregate(
        total=Count("pk"),
        **{status.value: Count("pk", filter=Q(status=status)) for status in Status},
    )


def order_for_review(queryset: QuerySet[TheoryOfChange]) -> QuerySet[TheoryOfChange]:
    """Statuses in `REVIEW_ORDER`; within a status, who has waited longest comes first
    (the model's generated `review_rank` and `waiting_since`, read from an index)."""
    return queryset.order_by("review_rank", "waiting_since", "pk")


# The columns a row shows, and no others: a theory's texts stay in the database.
ROW_FIELDS = (
    "year",
    "status",
    "submitted_at",
    "updated_at",
    "initiative__slug",
    "initiative__name",
    "initiative__place",
    "initiative__municipality__name",
    "initiative__municipality__province",
    "assigned_advisor__username",
    "assigned_advisor__first_name",
    "assigned_advisor__last_name",
)


def with_row_details(queryset: QuerySet[TheoryOfChange]) -> QuerySet[TheoryOfChange]:
    """Everything a row shows, in the same query: no extra query per row."""
    open_threads = (
        Comment.objects.filter(theory=OuterRef("pk"), thread__isnull=True, resolved_at__isnull=True)
        .order_by()
        .values("theory")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        queryset.select_related("initiative", "initiative__municipality", "assigned_advisor")
        .only(*ROW_FIELDS)
        .annotate(open_threads=Coalesce(Subquery(open_threads), Value(0)))
    )


def query_string(params: dict[str, str], **changes: str) -> str:
    """`params` with `changes` applied, urlencoded; empty values are left out."""
    merged = {**params, **changes}
    return urlencode({name: value for name, value in merged.items() if value})


@dataclass(frozen=True)
class StatusTab:
    value: str  # "" for all statuses
    label: str
    count: int
    query: str  # the query string of its link
    active: bool


def status_tabs(*, counts: dict[str, int], params: dict[str, str], active: str) -> list[StatusTab]:
    """The "all" tab and one per status; each link keeps the other filters, from page 1."""
    tabs = [
        StatusTab(
            value="",
            label=str(_("Alle")),
            count=counts["total"],
            query=query_string(params, status=""),
            active=not active,
        )
    ]
    for status in REVIEW_ORDER:
        tabs.append(
            StatusTab(
                value=status.value,
                label=str(status.label),
                count=counts[status.value],
                query=query_string(params, status=status.value),
                active=active == status.value,
            )
        )
    return tabs


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user.is_advisor)
    form = WorkspaceFilterForm(request.GET)
    form.is_valid()  # invalid fields drop out of filters() and show their error
    filters = form.filters()
    params = form.query_params()
    # The counts per status follow every filter except the status itself, so the tabs say
    # how many there are of each status among what the other filters select.
    matching = filter_theories(
        TheoryOfChange.objects.all(), filters=replace(filters, status=""), user=request.user
    )
    counts = status_counts(matching)
    shown = matching.filter(status=filters.status) if filters.status else matching
    theories = with_row_details(order_for_review(shown))
    page = Paginator(theories, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = page.object_list = list(page.object_list)
    # The logbook's overload signal of the rows on this page: one query for the page.
    signals = overloads(theory.pk for theory in rows)
    for theory in rows:
        theory.overload = signals.get(theory.pk)
    return render(
        request,
        "theory_of_change/workspace.html",
        {
            "form": form,
            "page": page,
            "theories": rows,
            "tabs": status_tabs(counts=counts, params=params, active=filters.status),
            "filter_query": query_string(params),
            "is_filtered": bool(params or form.errors),
        },
    )
