"""Changing the price list (the item's own fields change in place, its amounts and source
only by a new version: versions are never rewritten) and valuing counted results."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from impact.value.arithmetic import Corrections
from impact.value.models import VERSION_FIELDS, PriceItem, PriceVersion, Valuation
from impact.value.selectors import current_version
from initiatives.models import User
from theory_of_change.models import Output, TheoryOfChange


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


def valuation_save(
    *, theory: TheoryOfChange, output: Output, price: PriceVersion, corrections: Corrections
) -> Valuation:
    """Propose the valuation of a counted output, or change it. A change makes it a proposal
    again, for an advisor to approve; saving it unchanged keeps an approval."""
    fields = {
        "price": price,
        "deadweight": corrections.deadweight,
        "attribution": corrections.attribution,
        "drop_off": corrections.drop_off,
        "years": corrections.years,
    }
    with transaction.atomic():
        valuation = Valuation.objects.select_for_update().filter(output=output).first()
        if valuation is None:
            return Valuation.objects.create(theory=theory, output=output, **fields)
        if any(getattr(valuation, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(valuation, name, value)
            valuation.approved_at = valuation.approved_by = None
            valuation.save()
        return valuation


def valuation_approve(*, output: Output, by: User) -> bool:
    """An advisor approves the valuation of `output`, apart from the Verandertheorie itself.
    False when there is none (removed meanwhile)."""
    approved = Valuation.objects.filter(output=output).update(
        approved_at=timezone.now(), approved_by=by
    )
    return approved > 0


def valuation_remove(*, output: Output) -> None:
    Valuation.objects.filter(output=output).delete()
