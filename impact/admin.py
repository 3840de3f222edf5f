"""Admin for the reporting side: the ZIPs of fact sheets, to look at, never to change, and
the price list.

Bundles are made by the portal and its background task; an operator looks here to see who
asked for what and why a ZIP failed. Prices are kept by advisors at /advies/prijslijst/,
where a change writes a new version; here their versions are shown, never rewritten.
"""

from django.contrib import admin
from django.http import HttpRequest

from impact.models import (
    AvoidedCost,
    BreakthroughCase,
    FactSheetBundle,
    OtherCost,
    PriceItem,
    PriceVersion,
    Valuation,
)


@admin.register(FactSheetBundle)
class FactSheetBundleAdmin(admin.ModelAdmin):
    list_display = ["label", "year", "requested_by", "status", "done", "total", "created_at"]
    list_filter = ["status", "year"]
    search_fields = ["label", "requested_by__username", "requested_by__email"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class PriceVersionInline(admin.TabularInline):
    model = PriceVersion
    fields = readonly_fields = [
        "low",
        "central",
        "high",
        "price_year",
        "source_title",
        "source_year",
        "source_url",
        "created_at",
        "created_by",
    ]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(PriceItem)
class PriceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "beneficiary", "theme"]
    list_filter = ["beneficiary", "theme"]
    search_fields = ["name"]
    inlines = [PriceVersionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a price comes with its source: /advies/prijslijst/nieuw/


@admin.register(Valuation)
class ValuationAdmin(admin.ModelAdmin):
    """To look at: initiatives propose valuations and advisors approve them on the value
    page (`…/<year>/waarde/`)."""

    list_display = ["subject", "theory", "price", "approved_at", "approved_by"]
    list_select_related = ["output", "outcome", "theory__initiative", "price__item", "approved_by"]
    list_filter = ["theory__year"]
    search_fields = ["theory__initiative__name", "output__description", "outcome__description"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(OtherCost)
class OtherCostAdmin(admin.ModelAdmin):
    """To look at: initiatives add other costs on the value page."""

    list_display = ["description", "amount", "theory", "created_by"]
    list_select_related = ["theory__initiative", "created_by"]
    list_filter = ["theory__year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AvoidedCostInline(admin.TabularInline):
    model = AvoidedCost
    extra = 0
    fields = ["description", "price", "quantity", "low", "central", "high", "source_title"]
    fields += ["source_year", "beneficiary", "likelihood"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(BreakthroughCase)
class BreakthroughCaseAdmin(admin.ModelAdmin):
    """To look at: initiatives record doorbraak cases and advisors approve them on the
    cases' pages (`…/<year>/doorbraak/`)."""

    list_display = ["__str__", "theory", "cost", "approved_at", "approved_by"]
    list_select_related = ["theory__initiative", "approved_by"]
    list_filter = ["theory__year"]
    search_fields = ["theory__initiative__name", "situation"]
    inlines = [AvoidedCostInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
