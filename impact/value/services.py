"""Changing the price list: the item's own fields change in place, its amounts and source
only by a new version (versions are never rewritten)."""

from __future__ import annotations

from django.db import transaction

from impact.value.models import VERSION_FIELDS, PriceItem, PriceVersion
from impact.value.selectors import current_version
from initiatives.models import User


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
