from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from performance import police_admin  # noqa: F401 - registers the police data upload
from performance.models import Indicator, MeetingPack, Observation, Target
from performance.resources import ObservationResource


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "direction", "police_category"]
    list_filter = ["unit", "direction"]
    search_fields = ["name", "police_category", "ons_category"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Observation)
class ObservationAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ObservationResource]
    list_display = ["indicator", "partnership", "period_start", "period_end", "value", "source"]
    list_select_related = ["indicator", "partnership"]
    list_filter = ["indicator", "partnership"]
    search_fields = ["indicator__name", "partnership__name", "source"]
    date_hierarchy = "period_start"
    autocomplete_fields = ["indicator", "partnership"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "partnership", "period_start", "period_end", "value"]
    list_select_related = ["indicator", "partnership"]
    list_filter = ["indicator", "partnership"]
    search_fields = ["indicator__name", "partnership__name", "note"]
    autocomplete_fields = ["indicator", "partnership"]


@admin.register(MeetingPack)
class MeetingPackAdmin(admin.ModelAdmin):
    """Issued packs are what a meeting saw: listed and readable here, never edited."""

    list_display = ["meeting_date", "plan", "partnership", "as_at", "issued_by"]
    list_select_related = ["plan", "partnership", "issued_by"]
    list_filter = ["partnership"]
    date_hierarchy = "meeting_date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
