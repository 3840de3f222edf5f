"""Admin for the reporting side: the ZIPs of fact sheets, to look at, never to change.

Bundles are made by the portal and its background task; an operator looks here to see who
asked for what and why a ZIP failed.
"""

from django.contrib import admin
from django.http import HttpRequest

from impact.models import FactSheetBundle


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
