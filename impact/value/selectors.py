"""Reading the price list."""

from __future__ import annotations

from django.db.models import Prefetch

from impact.value.models import PriceItem, PriceVersion


def price_list() -> list[PriceItem]:
    """Every item with its versions newest first (`item.history`; `history[0]` is the
    price now): two queries, however long the list."""
    return list(
        PriceItem.objects.select_related("theme").prefetch_related(
            Prefetch(
                "versions",
                queryset=PriceVersion.objects.select_related("created_by").order_by("-pk"),
                to_attr="history",
            )
        )
    )


def price_history(item: PriceItem) -> list[PriceVersion]:
    """Every version of `item`, newest (the price now) first, with who wrote it."""
    return list(item.versions.select_related("created_by").order_by("-pk"))


def current_version(item: PriceItem) -> PriceVersion | None:
    """The price of `item` now: its newest version."""
    return item.versions.order_by("-pk").first()
