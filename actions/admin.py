from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.db.models import F, Prefetch
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionLead, ProgressUpdate
from actions.resources import ActionResource, ProgressUpdateResource
from csp.admin_pagination import CountUpToPages
from csp.admin_rows import PlainActionCheckbox
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
    progress-update list, filtered by the action (ActionAdmin.all_updates links to it)."""

    max_shown = 10

    def get_queryset(self):
        if not hasattr(self, "_newest"):
            queryset = super().get_queryset()
            newest = queryset.order_by("-date", "-pk").values("pk")[: self.max_shown]
            self._newest = queryset.filter(pk__in=newest)
        return self._newest


class ProgressUpdateInline(admin.StackedInline):
    """The newest updates, shown, not edited: an editable stacked form costs about 5 ms to
    render (two thirds of the page with 20 of them, profiled); each row links to its own
    change page, where it is edited, and updates are added on the service's own page."""

    model = ProgressUpdate
    formset = NewestUpdatesFormSet
    extra = 0
    show_change_link = True
    fields = [("date", "status", "rag", "percent_complete"), "text", ("signed_by", "author_name")]
    # signed_by is shown from the row's own author, read in the same query.
    readonly_fields = [
        "date",
        "status",
        "rag",
        "percent_complete",
        "text",
        "signed_by",
        "author_name",
    ]

    def has_add_permission(self, request, obj=None):
        return False

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
class ActionAdmin(
    CountUpToPages,
    PlainActionCheckbox,
    SearchWithoutDistinct,
    ImportExportMixin,
    SimpleHistoryAdmin,
):
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
    readonly_fields = ["all_updates"]
    # Counting every action a second time costs as much as the page at national scale.
    show_full_result_count = False
    # As many rows as the service's own lists: each costs about 0.3 ms to render.
    list_per_page = 50
    # Recently updated first, read in the order of the index action_newest_update; the
    # model's order (partnership name, plan, position) sorts across three tables, and a
    # search found in thousands of rows had to sort them all (1.1 s to 0.5 s at N=300).
    ordering = [F("last_update_on").desc(nulls_last=True), "pk"]

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

    @admin.display(description="Progress updates")
    def all_updates(self, action):
        # The page shows the newest few (ProgressUpdateInline); the list has them all.
        if action.pk is None:
            return "None yet"
        url = reverse("admin:actions_progressupdate_changelist")
        return format_html(
            '<a href="{}?action__id__exact={}">All updates of this action</a>', url, action.pk
        )

    @admin.display(description="Last update", ordering="last_update_on")
    def last_update_on(self, action):
        return action.last_update_on


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    CountUpToPages,
    PlainActionCheckbox,
    SearchWithoutDistinct,
    ImportExportMixin,
    SimpleHistoryAdmin,
):
    resource_classes = [ProgressUpdateResource]
    list_display = ["action", "date", "status", "rag", "signed_by"]
    list_select_related = ["action", "author"]
    list_filter = ["status", "rag", "action__plan__partnership"]
    search_fields = ["text", "action__title", "author__username", "author_name"]
    # No date_hierarchy: its DISTINCT over the dates of millions of updates ran on every
    # page; the date column sorts instead.
    autocomplete_fields = ["action", "author"]
    show_full_result_count = False
    list_per_page = 50
    # Newest recorded first, by the primary key's index: the model's order sorts by
    # partnership, plan and action across four tables (72 ms at N=300, growing with years).
    ordering = ["-pk"]

    def delete_queryset(self, request, queryset):
        # A queryset delete skips ProgressUpdate.delete(): refresh the actions here.
        with transaction.atomic():
            action_ids = list(queryset.values_list("action_id", flat=True).distinct())
            super().delete_queryset(request, queryset)
            Action.objects.filter(pk__in=action_ids).refresh_latest()
