"""Changing the price list (the item's own fields change in place, its amounts and source
only by a new version: versions are never rewritten), valuing counted results and effects,
and the year's other costs."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from impact.value.arithmetic import Corrections
from impact.value.models import VERSION_FIELDS, OtherCost, PriceItem, PriceVersion, Valuation
from impact.value.selectors import current_version
from initiatives.models import User
from theory_of_change.models import Outcome, Output, TheoryOfChange


def price_save(*, item: PriceItem, version: PriceVersion, by: User) -> PriceVersion | None:
    """Save `item`, and `version` (unsaved) as its new version when its amounts or source
    differ from the current one. Returns the new version, or None when they did not."""
    with transaction.atomic():
        item.save()
        current = current_version(item)
        if current is not None and all(
            getattr(current, name) == getattr(version, name) for name in VERSION_FIELDS
        ):
            return None
        version.item = item
        version.created_by = by
        version.save()
        return version


def values_changed(theory_id: int) -> None:
    """Every change to a valuation or a doorbraak case moves the year's `values_changed_at`,
    part of the fact sheet's stamp and of the portal's content version: what is cached
    follows it."""
    TheoryOfChange.objects.filter(pk=theory_id).update(values_changed_at=timezone.now())


def _of(subject: Output | Outcome) -> dict:
    """The valuation's link to what it values."""
    return {"outcome": subject} if isinstance(subject, Outcome) else {"output": subject}


def valuation_save(
    *,
    theory: TheoryOfChange,
    subject: Output | Outcome,
    price: PriceVersion,
    corrections: Corrections,
) -> Valuation:
    """Propose the valuation of a counted output or an outcome, or change it. A change makes
    it a proposal again, for an advisor to approve; saving it unchanged keeps an approval."""
    fields = {
        "price": price,
        "deadweight": corrections.deadweight,
        "attribution": corrections.attribution,
        "drop_off": corrections.drop_off,
        "years": corrections.years,
    }
    with transaction.atomic():
        valuation = Valuation.objects.select_for_update().filter(**_of(subject)).first()
        if valuation is None:
            values_changed(theory.pk)
            return Valuation.objects.create(theory=theory, **_of(subject), **fields)
        if any(getattr(valuation, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(valuation, name, value)
            valuation.approved_at = valuation.approved_by = None
            valuation.save()
            values_changed(theory.pk)
        return valuation


def valuation_approve(*, subject: Output | Outcome, by: User) -> bool:
    """An advisor approves the valuation of `subject`, apart from the Verandertheorie
    itself. False when there is none (removed meanwhile)."""
    with transaction.atomic():
        approved = Valuation.objects.filter(**_of(subject)).update(
            approved_at=timezone.now(), approved_by=by
        )
        if approved:
            values_changed(subject.theory_id)
    return approved > 0


def valuation_remove(*, subject: Output | Outcome) -> None:
    with transaction.atomic():
        if Valuation.objects.filter(**_of(subject)).delete()[0]:
            values_changed(subject.theory_id)


def other_cost_add(*, theory: TheoryOfChange, cost: OtherCost, by: User) -> OtherCost:
    """Add a cost of the year beyond step 3; it lowers the SROI indication at once."""
    with transaction.atomic():
        cost.theory = theory
        cost.created_by = by
        cost.save()
        values_changed(theory.pk)
    return cost


def other_cost_remove(*, theory: TheoryOfChange, pk: int) -> bool:
    """False when it was not (or no longer) there."""
    with transaction.atomic():
        removed = OtherCost.objects.filter(theory=theory, pk=pk).delete()[0] > 0
        if removed:
            values_changed(theory.pk)
    return removed
