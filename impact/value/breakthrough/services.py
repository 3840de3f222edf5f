"""Recording doorbraak cases (the initiative's writers) and approving them (advisors)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase
from impact.value.services import values_changed
from initiatives.models import User
from theory_of_change.models import TheoryOfChange

CASE_FIELDS = ("situation", "arranged", "cost")
COST_FIELDS = (
    "description",
    "price_id",
    "quantity",
    "low",
    "central",
    "high",
    "source_title",
    "source_year",
    "source_url",
    "note",
    "beneficiary",
    "likelihood",
)


def _content(case_pk: int) -> tuple:
    """What a case says (its own fields and every avoided cost): what an approval is of."""
    case = BreakthroughCase.objects.filter(pk=case_pk).values_list(*CASE_FIELDS).get()
    costs = AvoidedCost.objects.filter(case_id=case_pk).order_by("pk").values_list(*COST_FIELDS)
    return case, list(costs)


def case_save(
    *,
    theory: TheoryOfChange,
    case: BreakthroughCase,
    costs: list[AvoidedCost],
    removed: list[AvoidedCost],
    by: User,
) -> BreakthroughCase:
    """Record a new case, or change one: `case` with its (new or changed) avoided `costs`,
    without the `removed` ones. A change makes an approved case a proposal again; saving it
    unchanged keeps the approval."""
    with transaction.atomic():
        before = None
        if case.pk is not None:
            BreakthroughCase.objects.select_for_update().filter(pk=case.pk).get()
            before = _content(case.pk)
        else:
            case.created_by = by
        case.theory = theory
        case.save()
        AvoidedCost.objects.filter(case=case, pk__in=[cost.pk for cost in removed]).delete()
        for cost in costs:
            cost.case = case
            cost.save()
        if before is not None and case.is_approved and _content(case.pk) != before:
            case.approved_at = case.approved_by = None
            case.save(update_fields=["approved_at", "approved_by"])
        values_changed(theory.pk)
        return case


def case_approve(*, case: BreakthroughCase, by: User, seen: datetime | None = None) -> bool:
    """An advisor approves the case: from now on the municipality sees it. With `seen` (the
    `updated_at` of the case as the advisor read it) only when nobody changed it since.
    False when it was changed or removed meanwhile."""
    cases = BreakthroughCase.objects.filter(pk=case.pk)
    if seen is not None:
        cases = cases.filter(updated_at=seen)
    with transaction.atomic():
        approved = cases.update(approved_at=timezone.now(), approved_by=by) > 0
        if approved:
            values_changed(case.theory_id)
    return approved


def case_remove(*, case: BreakthroughCase) -> None:
    with transaction.atomic():
        BreakthroughCase.objects.filter(pk=case.pk).delete()
        values_changed(case.theory_id)
