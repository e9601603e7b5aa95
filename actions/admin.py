from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionLead, ProgressUpdate
from actions.resources import ActionResource, ProgressUpdateResource
from csp.admin_search import SearchWithoutDistinct
from plans.models import Plan


class AgencyOfTheRow(AutocompleteSelect):
    """The agency chooser of a lead row, showing the chosen agency from the row as read (its
    agency joined in) rather than looking it up again: one query a row otherwise."""

    row_agency = None

    def optgroups(self, name, value, attr=None):
        agency = self.row_agency
        if agency is None or [str(v) for v in value] != [str(agency.pk)]:
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance(agency)
        return [(None, [self.create_option(name, agency.pk, label, True, 0)], 0)]


class LeadRowsFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is not None:
            wrapper = form.fields["agency"].widget
            getattr(wrapper, "widget", wrapper).row_agency = form.instance.agency
        return form


class ActionLeadInline(admin.TabularInline):
    model = ActionLead
    formset = LeadRowsFormSet
    extra = 0
    autocomplete_fields = ["agency"]

    def get_queryset(self, request):
        # Each row's title names its agency and action: read them in the same query.
        return super().get_queryset(request).select_related("action", "agency")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["widget"] = AgencyOfTheRow(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NewestUpdatesFormSet(BaseInlineFormSet):
    """The newest updates of the action, a bounded number: its whole history is in the
    progress-update list, which filters by action."""

    max_shown = 20

    def get_queryset(self):
        if not hasattr(self, "_newest"):
            queryset = super().get_queryset()
            newest = queryset.order_by("-date", "-pk").values("pk")[: self.max_shown]
            self._newest = queryset.filter(pk__in=newest)
        return self._newest


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    formset = NewestUpdatesFormSet
    extra = 0
    fields = [("date", "status", "rag", "percent_complete"), "text", ("signed_by", "author_name")]
    # Shown from the row's own author, read in the same query: an author chooser would look
    # each row's user up again.
    readonly_fields = ["signed_by"]

    def get_queryset(self, request):
        # Each row's title names its action: read it in the same query too.
        return super().get_queryset(request).select_related("action", "author")


class PlanOfThePartnershipFilter(admin.SimpleListFilter):
    """By plan, once a partnership is chosen: every plan of every partnership would be
    thousands of links (15 years of 300 partnerships is 4,500) on each page of the list."""

    title = "plan"
    parameter_name = "plan"
    partnership_parameter = "plan__partnership__id__exact"

    def lookups(self, request, model_admin):
        partnership = _primary_key(request.GET.get(self.partnership_parameter))
        if partnership is None:
            return []
        plans = Plan.objects.filter(partnership_id=partnership).order_by("-period_start")
        return [(str(plan.pk), plan.title) for plan in plans]

    def queryset(self, request, queryset):
        plan = _primary_key(self.value())
        return queryset if plan is None else queryset.filter(plan_id=plan)


def _primary_key(value):
    """The number in a query parameter, or None for anything no row could have as its key."""
    if value and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


@admin.register(Action)
class ActionAdmin(SearchWithoutDistinct, ImportExportMixin, SimpleHistoryAdmin):
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
    list_filter = ["status", "rag", "plan__partnership", PlanOfThePartnershipFilter]
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
    # Counting every action a second time costs as much as the page at national scale.
    show_full_result_count = False

    def get_queryset(self, request):
        # last_update_on is stored on the action: no aggregate over every update.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "priorities", Prefetch("leads", ActionLead.objects.select_related("agency"))
            )
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
class ProgressUpdateAdmin(SearchWithoutDistinct, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ProgressUpdateResource]
    list_display = ["action", "date", "status", "rag", "signed_by"]
    list_select_related = ["action", "author"]
    list_filter = ["status", "rag", "action__plan__partnership"]
    search_fields = ["text", "action__title", "author__username", "author_name"]
    # No date_hierarchy: its DISTINCT over the dates of millions of updates ran on every
    # page; the date column sorts instead.
    autocomplete_fields = ["action", "author"]
    show_full_result_count = False

    def delete_queryset(self, request, queryset):
        # A queryset delete skips ProgressUpdate.delete(): refresh the actions here.
        with transaction.atomic():
            action_ids = list(queryset.values_list("action_id", flat=True).distinct())
            super().delete_queryset(request, queryset)
            Action.objects.filter(pk__in=action_ids).refresh_latest()
