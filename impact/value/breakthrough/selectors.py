"""Who sees which doorbraak cases, and reading them.

Cases stay between the initiative and its advisors until an advisor approves one; then the
staff of the initiative's municipalities read it too. That rule lives here only: the pages
and anything that counts cases for a municipality go through `visible_cases`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from impact.value.arithmetic import Range, total
from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase
from impact.value.models import Beneficiary
from initiatives.access import get_initiative_for_user
from initiatives.models import Initiative, User
from theory_of_change.access import TheoryAccess, can_read_drafts
from theory_of_change.models import Status, TheoryOfChange


def get_cases_for_user(user: User, slug: str, year: int) -> TheoryAccess:
    """A year's theory as far as its doorbraak cases go; 404 for anyone who may not see them.

    Members and advisors see every year. Municipality staff see a year whose theory is
    approved, or that holds an approved case: the advisor's approval of a case is what
    shows it to the municipality, whatever the status of the Verandertheorie (as with a
    valuation, a case is approved apart from it)."""
    access = get_initiative_for_user(user, slug)
    theories = TheoryOfChange.objects.filter(initiative=access.initiative, year=year)
    if not can_read_drafts(access):
        theories = theories.filter(
            Q(status=Status.APPROVED) | Q(breakthrough_cases__approved_at__isnull=False)
        ).distinct()
    theory = theories.first()
    if theory is None:
        raise Http404
    theory.initiative = access.initiative
    return TheoryAccess(theory=theory, initiative_access=access)


def visible_cases(access: TheoryAccess) -> QuerySet[BreakthroughCase]:
    """The year's cases this user may read: all for members and advisors, approved ones
    for everyone else. Their avoided costs (with prices) and approvers come along."""
    cases = BreakthroughCase.objects.filter(theory=access.theory)
    if not can_read_drafts(access.initiative_access):
        cases = cases.approved()
    return cases.select_related("approved_by").prefetch_related(
        Prefetch(
            "avoided",
            queryset=AvoidedCost.objects.select_related("price__item").order_by("pk"),
        )
    )


def get_case(access: TheoryAccess, pk: int) -> BreakthroughCase:
    """One case of the year, if this user may read it (else 404: an unapproved case does not
    exist for a municipality)."""
    case = visible_cases(access).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


@dataclass(frozen=True)
class CaseTotals:
    """What the shown cases cost together and what they avoided (a range)."""

    count: int
    cost: Decimal
    avoided: Range  # in whole euros, rounded outward


def case_totals(cases: list[BreakthroughCase]) -> CaseTotals:
    return CaseTotals(
        count=len(cases),
        cost=sum((case.cost for case in cases), Decimal(0)),
        avoided=total(case.avoided_value() for case in cases).rounded(0),
    )


@dataclass(frozen=True)
class CasesOverview:
    """The approved doorbraak cases of a portal selection: totals, who would have paid, and
    which initiatives have them (by name, with how many; never ranked by euros)."""

    totals: CaseTotals
    by_payer: list[tuple[str, Range]]  # (who would have paid, in words; avoided, rounded)
    initiatives: list[tuple[Initiative, int]]  # initiative, approved cases


def approved_cases(initiatives: QuerySet[Initiative], year: int) -> list[BreakthroughCase]:
    """The approved cases of `initiatives` in `year`, whatever the status of their
    Verandertheorie, by initiative, each with its avoided costs in `case.costs`. Two
    queries, with no case as with many."""
    approved = BreakthroughCase.objects.approved().filter(
        theory__initiative__in=initiatives, theory__year=year
    )
    cases = list(
        approved.select_related("theory__initiative__municipality").order_by(
            "theory__initiative__name", "pk"
        )
    )
    costs: dict[int, list[AvoidedCost]] = {}
    for cost in AvoidedCost.objects.filter(case__in=approved).select_related("price__item"):
        costs.setdefault(cost.case_id, []).append(cost)
    for case in cases:
        case.costs = sorted(costs.get(case.pk, []), key=lambda cost: cost.pk)
    return cases


def cases_overview(initiatives: QuerySet[Initiative], year: int) -> CasesOverview:
    """Two queries (`approved_cases`)."""
    cases = approved_cases(initiatives, year)
    costs = [cost for case in cases for cost in case.costs]
    by_payer: dict[str, Range] = {}
    for cost in costs:
        by_payer[cost.beneficiary] = by_payer.get(cost.beneficiary, Range.zero()) + cost.value
    per_initiative: dict[int, list] = {}
    for case in cases:
        initiative = case.theory.initiative
        per_initiative.setdefault(initiative.pk, [initiative, 0])[1] += 1
    return CasesOverview(
        totals=CaseTotals(
            count=len(cases),
            cost=sum((case.cost for case in cases), Decimal(0)),
            avoided=total(cost.value for cost in costs).rounded(0),
        ),
        by_payer=[
            (str(label), by_payer[key].rounded(0))
            for key, label in Beneficiary.choices
            if key in by_payer
        ],
        initiatives=[(initiative, count) for initiative, count in per_initiative.values()],
    )
