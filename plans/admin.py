from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from csp.admin_search import SearchWithoutDistinct
from plans.admin_imports import ImportBatchAdmin
from plans.models import ImportBatch, Plan, Priority, SuccessCriterion


class PriorityInline(admin.StackedInline):
    model = Priority
    extra = 0
    fields = [("code", "kind", "order", "consultation_rank"), "title", "narrative"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(SearchWithoutDistinct, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "period_start", "period_end", "status"]
    list_select_related = ["partnership"]
    list_filter = ["kind", "status", "partnership"]
    search_fields = ["title", "partnership__name", "priorities__title"]
    date_hierarchy = "period_start"
    autocomplete_fields = ["partnership"]
    inlines = [PriorityInline]


class SuccessCriterionInline(admin.TabularInline):
    model = SuccessCriterion
    extra = 0


@admin.register(Priority)
class PriorityAdmin(SearchWithoutDistinct, SimpleHistoryAdmin):
    list_display = ["code", "short_title", "kind", "plan", "consultation_rank"]
    list_select_related = ["plan", "plan__partnership"]
    list_filter = ["kind", "plan__partnership"]
    search_fields = ["code", "title", "narrative", "plan__title", "plan__partnership__name"]
    autocomplete_fields = ["plan"]
    inlines = [SuccessCriterionInline]


@admin.register(SuccessCriterion)
class SuccessCriterionAdmin(SearchWithoutDistinct, admin.ModelAdmin):
    list_display = ["text", "priority", "associated", "laa_target", "target_value", "target_unit"]
    list_select_related = ["priority", "priority__plan"]
    list_filter = ["associated", "laa_target", "priority__plan__partnership"]
    search_fields = ["text", "priority__title", "priority__plan__title"]
    autocomplete_fields = ["priority"]


admin.site.register(ImportBatch, ImportBatchAdmin)
