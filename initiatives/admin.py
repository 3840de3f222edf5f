"""Admin for operators: accounts, municipalities, initiatives, memberships, invitations.

Invitations are made in the app (they need an e-mail with a secret link); here they can
only be looked at, revoked or deleted.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from initiatives.models import Initiative, Invitation, Membership, Municipality, User
from initiatives.services import invitation_revoke


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "province"]
    list_filter = ["province"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipOfUserInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["initiative"]
    verbose_name = _("lidmaatschap")
    verbose_name_plural = _("lid van initiatieven")


# Django stores a permission's name in English ("Can add log entry"); the words of its four
# standard actions are said here in Dutch, with the model's own (Dutch) name.
PERMISSION_ACTIONS = {
    "add": _("toevoegen"),
    "change": _("wijzigen"),
    "delete": _("verwijderen"),
    "view": _("bekijken"),
}


def permission_label(permission) -> str:
    """ "Initiatieven | initiatief | toevoegen" instead of "… | Can add initiatief"."""
    model = permission.content_type.model_class()
    action, _sep, _rest = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    meta = model._meta
    return f"{meta.app_config.verbose_name} | {meta.verbose_name} | {PERMISSION_ACTIONS[action]}"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Rollen in Maatschappelijke Waarde"), {"fields": ("is_advisor", "municipalities")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ["username", "email", "first_name", "last_name", "is_advisor", "is_staff"]
    list_filter = ["is_advisor", "is_staff", "is_superuser", "is_active", "municipalities"]
    filter_horizontal = [*DjangoUserAdmin.filter_horizontal, "municipalities"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "user_permissions" and field is not None:
            field.label_from_instance = permission_label
        return field

    inlines = [MembershipOfUserInline]


class MembershipOfInitiativeInline(admin.TabularInline):
    model = Membership
    fk_name = "initiative"
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "municipality", "kind"]
    list_filter = ["kind", "municipality__province", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "place", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["also_serves"]
    inlines = [MembershipOfInitiativeInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role", "created_at"]
    list_filter = ["role", "initiative__municipality"]
    list_select_related = ["user", "initiative"]
    search_fields = ["user__username", "user__email", "initiative__name"]
    autocomplete_fields = ["user", "initiative"]


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Openstaand")),
            ("accepted", _("Geaccepteerd")),
            ("revoked", _("Ingetrokken")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "initiative",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = [InvitationStateFilter, "role", "initiative__municipality"]
    list_select_related = ["initiative"]
    search_fields = ["email", "initiative__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "initiative",
        "email",
        "role",
        "token_hash",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    ]
    fields = [
        "initiative",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
        "token_hash",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Only the app can make a working invitation: it mails the secret link.
        return False

    @admin.action(description=_("Geselecteerde uitnodigingen intrekken"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        pending = list(queryset.pending())
        for invitation in pending:
            invitation_revoke(invitation=invitation, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d uitnodiging ingetrokken.",
                "%(count)d uitnodigingen ingetrokken.",
                len(pending),
            )
            % {"count": len(pending)},
            messages.SUCCESS,
        )
