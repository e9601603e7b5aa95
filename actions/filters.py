"""The filters and sorting of the action list; every choice lives in the URL."""

from functools import partial

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse

from actions import choices
from actions.choices import CHOOSERS, LONGEST_SEARCH, PlanPeriodChoice, every_word_in, in_period
from actions.models import Action, Rag, Status
from partnerships.models import Agency, Partnership
from plans.models import Plan, Priority


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
# What ?q= searches, each word in any of them (indexed with pg_trgm on PostgreSQL).
ACTION_SEARCH_FIELDS = ["title", "description", "target", "timescale"]
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


class OfferedChoices(forms.models.ModelChoiceIterator):
    """A chooser's options: the empty choice, then its field's offer, never every object."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.offer().objects:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.offer().objects) + (self.field.empty_label is not None)

    def __bool__(self):
        return True


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice that refuses, as an invalid choice, an id no row could have, before
    asking the database (SQLite raises OverflowError beyond 64 bits)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if choices.as_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class ChooserField(IdChoiceField):
    """A model choice whose <select> lists a bounded offer (set by ActionFilter as
    `offer_from`), while its queryset, every object the user may choose, checks the value
    submitted: one query each, at any size."""

    iterator = OfferedChoices
    offer_from = None
    _offer = None

    def offer(self) -> choices.Offer:
        if self._offer is None:
            self._offer = self.offer_from()
        return self._offer


class ChooserFilter(IdChoiceFilter):
    field_class = ChooserField


def search_field(what: str) -> forms.CharField:
    return forms.CharField(
        label=f"Find {what}",
        required=False,
        max_length=LONGEST_SEARCH,
        help_text=f"Type part of its name and select Show actions: the list above then "
        f"offers up to {choices.LIMIT} that match",
    )


class ActionFilterForm(forms.Form):
    """The filters, and a search box beside each chooser that has more to offer than it
    lists. The boxes are for browsers without JavaScript: there the chooser is a plain
    <select> of at most LIMIT options (a page listing every plan was 269 KB at national
    scale), and the box narrows it. With JavaScript, static/src/chooser.js replaces the
    select with an autocomplete that asks actions/choice_views.py, and removes the box."""

    partnership_search = search_field("a partnership")
    plan_search = search_field("a plan")
    lead_agency_search = search_field("a lead agency")


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    period = django_filters.ChoiceFilter(
        choices=PlanPeriodChoice.CHOICES, method="in_period", label="Plans", empty_label=None
    )
    partnership = ChooserFilter(
        field_name="plan__partnership",
        queryset=Partnership.objects.none(),
        label="Partnership",
        empty_label="Any partnership",
    )
    plan = ChooserFilter(queryset=Plan.objects.none(), label="Plan", empty_label="Any plan")
    priority = IdChoiceFilter(
        field_name="priorities",
        queryset=Priority.objects.none(),
        label="Priority",
        empty_label="Any priority",
    )
    lead_agency = ChooserFilter(
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
        form = ActionFilterForm

    def __init__(self, data, queryset, *, request, today):
        self.today = today
        super().__init__(data, queryset, request=request)
        period = self.data.get("period")
        for chooser in CHOOSERS.values():
            self.filters[chooser.name].queryset = chooser.visible(request.user, period, today)
        self.filters["priority"].queryset = Priority.objects.filter(
            plan__in=Plan.objects.visible_to(request.user).filter(in_period(period, today)),
            plan_id=self.chosen_plan_id(),
        ).order_by("order", "code")
        for kind, chooser in CHOOSERS.items():
            field = self.form.fields[chooser.name]
            field.label_from_instance = chooser.label
            field.offer_from = partial(self.offer, chooser)
            field.widget.attrs["data-chooser-source"] = reverse("actions:choices", args=[kind])
            field.widget.attrs["data-chooser-narrowed-by"] = " ".join(chooser.narrowed_by)
        self.form.fields["priority"].label_from_instance = lambda priority: (
            f"{priority.code}: {priority.title}"
        )

    def filter_queryset(self, queryset):
        # The form's search boxes narrow what the choosers offer, not the actions.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def offer(self, chooser: choices.Chooser) -> choices.Offer:
        """What the chooser lists: the valid choice made, if any, then the first matches
        of its search box (those of the partnership chosen, for plans). A choice that
        failed validation, such as another partnership's plan, is never named."""
        cleaned = getattr(self.form, "cleaned_data", {})
        chosen_partnership = cleaned.get("partnership")
        matches = chooser.matches(
            self.request.user,
            text=cleaned.get(f"{chooser.name}_search") or "",
            period=self.data.get("period"),
            today=self.today,
            partnership=chosen_partnership.pk if chosen_partnership else None,
        )
        return choices.offer(matches, cleaned.get(chooser.name))

    def chosen_plan_id(self):
        return choices.as_id(self.data.get("plan")) or 0

    def in_period(self, queryset, name, value):
        return queryset.filter(in_period(value, self.today, plan_path="plan__"))

    def search(self, queryset, name, value):
        return queryset.filter(every_word_in(ACTION_SEARCH_FIELDS, value))

    def lateness(self, queryset, name, value):
        if value == Lateness.OVERDUE:
            return queryset.filter(is_overdue=True)
        if value == Lateness.STALE:
            return queryset.filter(is_stale=True)
        return queryset.filter(Q(is_overdue=True) | Q(is_stale=True))

    def updatable(self, queryset, name, value):
        return queryset.updatable_by(self.request.user) if value else queryset
