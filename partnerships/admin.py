from django.contrib import admin
from django.utils import timezone
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from csp.admin_search import SearchWithoutDistinct
from partnerships.models import (
    Agency,
    AgencyAlias,
    Invitation,
    Membership,
    Partnership,
    PopulationEstimate,
    Role,
)
from partnerships.resources import AgencyResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


class PopulationInline(admin.TabularInline):
    model = PopulationEstimate
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SearchWithoutDistinct, SimpleHistoryAdmin):
    list_display = ["name", "kind", "county", "ons_code", "public_summary_enabled"]
    list_filter = ["kind", "county", "public_summary_enabled"]
    search_fields = ["name", "area", "county", "ons_code", "memberships__agency__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, PopulationInline]


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(SearchWithoutDistinct, ImportExportMixin, admin.ModelAdmin):
    resource_classes = [AgencyResource]
    list_display = ["name", "sector", "alias_list"]
    list_filter = ["sector"]
    search_fields = ["name", "aliases__alias"]
    inlines = [AgencyAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="Aliases")
    def alias_list(self, agency):
        return ", ".join(alias.alias for alias in agency.aliases.all())


@admin.register(AgencyAlias)
class AgencyAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "agency"]
    list_select_related = ["agency"]
    search_fields = ["alias", "agency__name"]
    autocomplete_fields = ["agency"]


@admin.register(Membership)
class MembershipAdmin(SearchWithoutDistinct, SimpleHistoryAdmin):
    list_display = ["agency", "partnership", "role", "from_year", "to_year"]
    list_select_related = ["agency", "partnership"]
    list_filter = ["role", "partnership"]
    search_fields = ["agency__name", "agency__aliases__alias", "partnership__name"]
    autocomplete_fields = ["agency", "partnership"]


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(admin.ModelAdmin):
    list_display = ["partnership", "year", "population"]
    list_select_related = ["partnership"]
    list_filter = ["partnership", "year"]
    search_fields = ["partnership__name"]
    autocomplete_fields = ["partnership"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "name", "agency"]
    list_select_related = ["user", "partnership", "agency"]
    list_filter = ["name", "partnership"]
    search_fields = ["user__username", "user__email", "partnership__name", "agency__name"]
    autocomplete_fields = ["user", "partnership", "agency"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made from a partnership's People page, which e-mails the
    link; only a hash of its token is stored, so an admin cannot see or resend a link."""

    list_display = ["email", "partnership", "role", "agency", "created_at", "expires_at"]
    list_display_links = ["email"]
    list_select_related = ["partnership", "agency"]
    list_filter = ["role", "partnership"]
    search_fields = ["email", "partnership__name"]
    readonly_fields = [
        "partnership",
        "email",
        "role",
        "agency",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    actions = ["withdraw"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Withdraw the selected invitations (their links stop working)")
    def withdraw(self, request, queryset):
        withdrawn = queryset.usable().update(expires_at=timezone.now())
        self.message_user(request, f"{withdrawn} invitation(s) withdrawn.")
