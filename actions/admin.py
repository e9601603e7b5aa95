from django.contrib import admin
from django.db.models import Max
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionLead, ProgressUpdate
from actions.resources import ActionResource, ProgressUpdateResource


class ActionLeadInline(admin.TabularInline):
    model = ActionLead
    extra = 0
    autocomplete_fields = ["agency"]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    fields = [("date", "status", "rag", "percent_complete"), "text", ("author", "author_name")]
    autocomplete_fields = ["author"]


@admin.register(Action)
class ActionAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ActionResource]
    list_display = [
        "__str__",
        "partnership",
        "plan",
        "priority_codes",
        "lead_agency_names",
        "status",
        "rag",
        "last_update_on",
    ]
    list_select_related = ["plan", "plan__partnership"]
    list_filter = ["status", "rag", "plan__partnership", "plan"]
    search_fields = [
        "title",
        "description",
        "target",
        "plan__title",
        "plan__partnership__name",
        "priorities__code",
        "lead_agencies__name",
        "lead_agencies__aliases__alias",
    ]
    autocomplete_fields = ["plan", "priorities", "partner_agencies"]
    inlines = [ActionLeadInline, ProgressUpdateInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(last_update_on=Max("updates__date"))
            .prefetch_related("priorities", "leads__agency")
        )

    @admin.display(description="Partnership", ordering="plan__partnership__name")
    def partnership(self, action):
        return action.plan.partnership

    @admin.display(description="Priorities")
    def priority_codes(self, action):
        return ", ".join(p.code for p in action.priorities.all())

    @admin.display(description="Lead agencies")
    def lead_agency_names(self, action):
        return ", ".join(lead.agency.name for lead in action.leads.all())

    @admin.display(description="Last update", ordering="last_update_on")
    def last_update_on(self, action):
        return action.last_update_on


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ProgressUpdateResource]
    list_display = ["action", "date", "status", "rag", "signed_by"]
    list_select_related = ["action", "author"]
    list_filter = ["status", "rag", "action__plan__partnership"]
    search_fields = ["text", "action__title", "author__username", "author_name"]
    date_hierarchy = "date"
    autocomplete_fields = ["action", "author"]
