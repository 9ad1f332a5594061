"""Django admin for partners, users and projects, with history and object permissions."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import Body, Category, EscalationFlag, Partner, PhaseLimit, Project, User


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "is_signatory", "delivery", "active_from", "active_until"]
    list_filter = ["kind", "is_signatory", "delivery"]
    search_fields = ["code", "name"]


@admin.register(User)
class LsiUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "partner", "role", "is_active"]
    list_filter = ["role", "partner", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("LSI", {"fields": ("partner", "role")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("LSI", {"fields": ("partner", "role", "email")}),)


@admin.register(Project)
class ProjectAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    """Projects; the phase is changed only through the lifecycle, never here."""

    list_display = ["name", "project_type", "format", "phase", "initiator"]
    list_filter = ["project_type", "phase"]
    search_fields = ["name"]
    readonly_fields = ["phase", "phase_since"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind"]


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]


@admin.register(PhaseLimit)
class PhaseLimitAdmin(SimpleHistoryAdmin):
    list_display = ["phase", "max_days"]


@admin.register(EscalationFlag)
class EscalationFlagAdmin(SimpleHistoryAdmin):
    list_display = ["project", "phase", "days_in_phase", "limit_days", "flagged_at", "resolved_at"]
    readonly_fields = ["project", "phase", "phase_since", "days_in_phase", "limit_days",
                       "flagged_at", "last_checked_at", "resolved_at"]
