import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.models import Agency
from plans.models import Plan, Priority


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ONGOING = "ongoing", "Ongoing"
    CANCELLED = "cancelled", "Cancelled"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    NONE = "none", "Not rated"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=Plan.objects.visible_to(user))

    def with_last_update(self):
        return self.annotate(last_update_on=Max("updates__date"))

    def open(self):
        return self.exclude(status__in=[Status.COMPLETED, Status.CANCELLED])

    def overdue(self, today):
        """Open actions past their due date."""
        return self.open().filter(due_date__lt=today)

    def stale(self, today):
        """Open actions with no progress update for longer than their partnership's interval.

        An action never updated counts from the start of its plan's period.
        """
        intervals = (
            self.values_list("plan__partnership__update_interval_days", flat=True)
            .order_by()
            .distinct()
        )
        # One condition per distinct interval: few in practice, and portable date arithmetic.
        condition = Q(pk__in=[])
        for days in intervals:
            condition |= Q(plan__partnership__update_interval_days=days) & Q(
                reference_date__lt=today - datetime.timedelta(days=days)
            )
        return (
            self.open()
            .annotate(reference_date=Coalesce(Max("updates__date"), "plan__period_start"))
            .filter(condition)
        )


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    title = models.TextField()
    description = models.TextField(blank=True)
    priorities = models.ManyToManyField(Priority, related_name="actions", blank=True)
    lead_agencies = models.ManyToManyField(
        Agency, through="ActionLead", related_name="led_actions", blank=True
    )
    partner_agencies = models.ManyToManyField(Agency, related_name="partnered_actions", blank=True)
    target = models.TextField("Target or output measure", blank=True)
    timescale = models.CharField(max_length=200, blank=True, help_text="As written in the plan.")
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, default=Rag.NONE)
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, for optimistic locking."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="action_due_not_before_start",
            ),
        ]

    def __str__(self):
        return self.title if len(self.title) <= 80 else self.title[:77] + "..."

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])

    def set_priorities(self, priorities):
        """Link the action to priorities, which must belong to its own plan."""
        foreign = [p for p in priorities if p.plan_id != self.plan_id]
        if foreign:
            raise ValidationError(f"Priority {foreign[0].code} belongs to another plan.")
        self.priorities.set(priorities)

    def set_lead_agencies(self, agencies):
        """Replace the lead agencies, keeping the order given."""
        self.leads.all().delete()
        ActionLead.objects.bulk_create(
            ActionLead(action=self, agency=agency, order=index)
            for index, agency in enumerate(agencies)
        )


class ActionLead(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="leads")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="action_leads")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["action", "order"]
        constraints = [
            models.UniqueConstraint(fields=["action", "agency"], name="unique_lead_agency"),
        ]

    def __str__(self):
        return f"{self.agency} leads {self.action}"


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    author_name = models.CharField(
        max_length=200, blank=True, help_text="Who wrote it, when not a user (imported updates)."
    )
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    figure = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True) | Q(percent_complete__lte=100),
                name="progress_percent_at_most_100",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="progress_text_not_empty"),
        ]

    def __str__(self):
        return f"{self.action} on {self.date}"

    @property
    def signed_by(self):
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return self.author_name or "Imported"
