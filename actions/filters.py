"""The filters and sorting of the action list; every choice lives in the URL."""

import django_filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

from actions.models import Action, ActionLead, Rag, Status
from partnerships.access import roles_by_partnership
from partnerships.models import Agency, Partnership
from plans.models import Plan, Priority


class Period:
    CURRENT = "current"
    ENDED = "ended"
    ALL = "all"
    CHOICES = [
        (CURRENT, "Plans running now"),
        (ENDED, "Plans that have ended"),
        (ALL, "All plans"),
    ]


class Lateness:
    OVERDUE = "overdue"
    STALE = "stale"
    EITHER = "either"
    CHOICES = [
        (OVERDUE, "Overdue"),
        (STALE, "No update for too long"),
        (EITHER, "Overdue or no update for too long"),
    ]


def in_rank_order(field, choices):
    """Sort a choice field in the order of its choices, not alphabetically."""
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, (value, _) in enumerate(choices)],
        default=Value(len(choices)),
        output_field=IntegerField(),
    )


STATUS_ORDER = [
    (Status.UNKNOWN, ""),
    (Status.NOT_STARTED, ""),
    (Status.IN_PROGRESS, ""),
    (Status.ONGOING, ""),
    (Status.COMPLETED, ""),
    (Status.CANCELLED, ""),
]
RAG_ORDER = [(Rag.RED, ""), (Rag.AMBER, ""), (Rag.GREEN, ""), (Rag.NONE, "")]
# What ?o= may say, and the annotation or field each sorts by.
SORTS = {
    "title": "title",
    "plan": "plan__period_start",
    "due": "due_date",
    "status": "status_rank",
    "rag": "rag_rank",
    "updated": "last_update_on",
}
# Beyond roles in this many partnerships the plan chooser lists the chosen partnership's.
PARTNERSHIPS_LISTING_ALL_PLANS = 10
DEFAULT_ORDER = ["plan__partnership__name", "-plan__period_start", "plan__title", "order", "pk"]


def sortable(queryset):
    return queryset.annotate(
        status_rank=in_rank_order("status", STATUS_ORDER),
        rag_rank=in_rank_order("rag", RAG_ORDER),
    )


class ActionOrdering(django_filters.OrderingFilter):
    """Sort by one column; blanks (no due date, never updated) last in both directions, on
    SQLite as on PostgreSQL."""

    def filter(self, qs, value):
        if not value:
            return qs.order_by(*DEFAULT_ORDER)
        ordering = []
        for param in value:
            expression = F(SORTS[param.lstrip("-")])
            descending = param.startswith("-")
            ordering.append(
                expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "pk")


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    period = django_filters.ChoiceFilter(
        choices=Period.CHOICES, method="in_period", label="Plans", empty_label=None
    )
    partnership = django_filters.ModelChoiceFilter(
        field_name="plan__partnership",
        queryset=Partnership.objects.none(),
        label="Partnership",
        empty_label="Any partnership",
    )
    plan = django_filters.ModelChoiceFilter(
        queryset=Plan.objects.none(), label="Plan", empty_label="Any plan"
    )
    priority = django_filters.ModelChoiceFilter(
        field_name="priorities",
        queryset=Priority.objects.none(),
        label="Priority",
        empty_label="Any priority",
    )
    lead_agency = django_filters.ModelChoiceFilter(
        field_name="leads__agency",
        queryset=Agency.objects.none(),
        label="Lead agency",
        empty_label="Any lead agency",
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label="Status", empty_label="Any status"
    )
    rag = django_filters.ChoiceFilter(
        choices=Rag.choices, label="RAG rating", empty_label="Any rating"
    )
    late = django_filters.ChoiceFilter(
        choices=Lateness.CHOICES, method="lateness", label="Late", empty_label="Late or not"
    )
    mine = django_filters.BooleanFilter(
        method="updatable",
        label="Only actions I can update",
        widget=forms.CheckboxInput,
    )
    o = ActionOrdering(fields=[(field, param) for param, field in SORTS.items()])

    class Meta:
        model = Action
        fields = []

    def __init__(self, data, queryset, *, request, today):
        self.today = today
        self.plans_narrowed = False
        super().__init__(data, queryset, request=request)
        self.filters["partnership"].queryset = Partnership.objects.visible_to(
            request.user
        ).order_by("name")
        plans = self.plans_in_period(Plan.objects.visible_to(request.user))
        self.filters["plan"].queryset = self.plan_choices(plans).order_by(
            "partnership__name", "-period_start", "title"
        )
        # Exists, not DISTINCT over every lead of every visible action (117,000 at scale).
        leads = ActionLead.objects.filter(agency=OuterRef("pk"), action__plan__in=plans)
        self.filters["lead_agency"].queryset = Agency.objects.filter(Exists(leads)).order_by("name")
        self.filters["priority"].queryset = Priority.objects.filter(
            plan__in=plans, plan_id=self.chosen_plan_id()
        ).order_by("order", "code")
        if self.plans_narrowed:
            self.form.fields[
                "plan"
            ].help_text = "Choose a partnership and select Show actions to list its plans"
        self.form.fields["plan"].label_from_instance = lambda plan: (
            f"{plan.partnership.name}: {plan.title}"
        )
        self.form.fields["priority"].label_from_instance = lambda priority: (
            f"{priority.code}: {priority.title}"
        )

    def plan_choices(self, plans):
        """The plans the chooser lists: every plan the user sees, for someone with roles in up
        to PARTNERSHIPS_LISTING_ALL_PLANS partnerships; for a county-wide or national user
        (thousands of plans) only those of the chosen partnership, or of the chosen plan's,
        so a link to one plan's actions still works."""
        plans = plans.select_related("partnership")
        user = self.request.user
        if not user.is_superuser and len(roles_by_partnership(user)) <= (
            PARTNERSHIPS_LISTING_ALL_PLANS
        ):
            return plans
        self.plans_narrowed = True
        chosen = Plan.objects.filter(pk=self.chosen_plan_id()).values("partnership_id")
        return plans.filter(
            Q(partnership_id=self._number("partnership")) | Q(partnership_id__in=chosen)
        )

    def _number(self, name):
        try:
            return int(self.data.get(name) or 0)
        except ValueError:
            return 0

    def chosen_plan_id(self):
        return self._number("plan")

    def plans_in_period(self, plans):
        period = self.data.get("period")
        if period == Period.ENDED:
            return plans.filter(period_end__lt=self.today)
        if period == Period.ALL:
            return plans
        return plans.filter(period_end__gte=self.today)

    def in_period(self, queryset, name, value):
        if value == Period.ENDED:
            return queryset.filter(plan__period_end__lt=self.today)
        if value == Period.ALL:
            return queryset
        return queryset.filter(plan__period_end__gte=self.today)

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(target__icontains=word)
                | Q(timescale__icontains=word)
            )
        return queryset

    def lateness(self, queryset, name, value):
        if value == Lateness.OVERDUE:
            return queryset.filter(is_overdue=True)
        if value == Lateness.STALE:
            return queryset.filter(is_stale=True)
        return queryset.filter(Q(is_overdue=True) | Q(is_stale=True))

    def updatable(self, queryset, name, value):
        return queryset.updatable_by(self.request.user) if value else queryset
