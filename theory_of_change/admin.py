"""Admin for advisors and operators: reference lists, theories and their history.

Volunteers write theories in the step editor, which keeps the history; the inlines here are
for corrections by operators and are collapsed so the page stays readable.
"""

from django.contrib import admin
from django.http import HttpRequest

from theory_of_change import services
from theory_of_change.models import (
    Activity,
    Comment,
    DataCollectionMethod,
    Impact,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    StepRevision,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.results.models import Indicator, ResultChange


class ReferenceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en"]


@admin.register(ResourceKind)
class ResourceKindAdmin(ReferenceItemAdmin):
    list_display = [*ReferenceItemAdmin.list_display, "counts_volunteers"]
    list_editable = [*ReferenceItemAdmin.list_editable, "counts_volunteers"]


admin.site.register(Theme, ReferenceItemAdmin)


@admin.register(DataCollectionMethod)
class DataCollectionMethodAdmin(ReferenceItemAdmin):
    list_display = [*ReferenceItemAdmin.list_display, "asks_people"]
    list_editable = [*ReferenceItemAdmin.list_editable, "asks_people"]


class TheoryRowInline(admin.TabularInline):
    extra = 0
    classes = ["collapse"]


class ResourceInline(TheoryRowInline):
    model = Resource
    fields = ["position", "kind", "description", "amount", "unit", "euro_value"]


class ActivityInline(TheoryRowInline):
    model = Activity
    fields = ["position", "name", "description", "frequency", "target_group"]


class OutputInline(TheoryRowInline):
    model = Output
    fields = ["position", "activity", "description", "unit", "target"]
    # A plain id: a drop-down would list the activities of every theory.
    raw_id_fields = ["activity"]


class OutcomeInline(TheoryRowInline):
    # The links to activities are edited in the step editor, which only offers this theory's.
    model = Outcome
    fields = ["position", "description", "target_group"]


class ImpactInline(TheoryRowInline):
    model = Impact
    fields = ["position", "description", "themes"]


class MeasurementPlanInline(TheoryRowInline):
    # The links to outputs, outcomes and impacts are edited in the step editor.
    model = MeasurementPlan
    fields = ["position", "level", "information", "method", "frequency", "collected_by"]


@admin.register(TheoryOfChange)
class TheoryOfChangeAdmin(admin.ModelAdmin):
    list_display = ["initiative", "year", "status", "assigned_advisor", "updated_at"]
    list_filter = [
        "status",
        "year",
        "initiative__municipality__province",
        "initiative__municipality",
    ]
    list_select_related = ["initiative", "assigned_advisor"]
    search_fields = ["initiative__name"]
    autocomplete_fields = ["initiative"]
    # The status only changes through the review workflow, which records every transition
    # and tells the other side; the admin shows it but does not bypass it.
    readonly_fields = ["status", "submitted_at", "approved_at", "created_at", "updated_at"]
    inlines = [
        ResourceInline,
        ActivityInline,
        OutputInline,
        OutcomeInline,
        ImpactInline,
        MeasurementPlanInline,
    ]

    # An operator's edit here is recorded in the step history like any other save, with the
    # operator as author: the history stays complete. The content before the edit is kept on
    # the request (the admin instance is shared between requests).
    def save_model(self, request, obj, form, change):
        request.steps_before = services.step_snapshots(obj) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.record_changed_steps(
            theory=form.instance, before=getattr(request, "steps_before", {}), by=request.user
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: they can be read (and removed with their theory), never
    added or edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(StepRevision)
class StepRevisionAdmin(ReadOnlyAdmin):
    """The history is evidence of who wrote what: it can be read, never edited."""

    list_display = ["theory", "step", "author", "created_at"]
    list_filter = ["step", "theory__year"]
    list_select_related = ["theory", "theory__initiative", "author"]
    search_fields = ["theory__initiative__name", "author__username"]
    readonly_fields = ["theory", "step", "author", "created_at", "snapshot", "changes"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["theory", "action", "from_status", "to_status", "by", "created_at"]
    list_filter = ["action", "to_status", "theory__year"]
    list_select_related = ["theory", "theory__initiative", "by"]
    search_fields = ["theory__initiative__name", "by__username", "message"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    """Operators can remove a comment that should not be there; the conversation itself
    belongs to the initiative and its advisor."""

    list_display = ["theory", "step", "author", "created_at", "resolved_at"]
    list_filter = ["step", "theory__year"]
    list_select_related = ["theory", "theory__initiative", "author"]
    search_fields = ["theory__initiative__name", "author__username", "body"]


class ResultChangeInline(admin.TabularInline):
    model = ResultChange
    fields = ["period", "old_value", "new_value", "by", "at", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    """Results are recorded by the initiative (pages, logbook, import), where every change
    is kept; operators read them here, with the history of counts."""

    list_display = ["__str__", "theory", "rhythm", "aggregation", "override"]
    list_filter = ["rhythm", "aggregation", "theory__year"]
    list_select_related = ["theory", "theory__initiative", "output", "outcome"]
    search_fields = ["theory__initiative__name", "output__description", "outcome__description"]
    inlines = [ResultChangeInline]
