from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.models import Partnership
from partnerships.rules import in_partnerships_visible_to


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return in_partnerships_visible_to(self, user)

    def published(self):
        return self.filter(status=Plan.Status.PUBLISHED)


class Plan(models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        ACTION_PLAN = "action_plan", "Action plan"
        UPDATE_REPORT = "update_report", "Update report"
        COMMUNITY_SAFETY_PLAN = "community_safety_plan", "Community safety plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class RagMethod(models.TextChoices):
        MANUAL = "manual", "Set by hand"
        COMPUTED = "computed", "Computed from status, dates and progress"

    partnership_path = "partnership"  # see partnerships.access.partnership_path
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=300)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    last_updated = models.DateField(null=True, blank=True)
    source_document = models.CharField(max_length=300, blank=True)
    rag_method = models.CharField(
        "RAG rating", max_length=10, choices=RagMethod.choices, default=RagMethod.MANUAL
    )
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def period_label(self):
        """A financial-year label: "2019/20" for one year, "2024-2027" for longer."""
        start, end = self.period_start.year, self.period_end.year
        if end - start <= 1:
            return f"{start}/{str(end)[-2:]}" if end != start else str(start)
        return f"{start}-{end}"


class Priority(models.Model):
    class Kind(models.TextChoices):
        AIM = "aim", "Aim"
        PRIORITY = "priority", "Priority"
        KEY_PRIORITY = "key_priority", "Key priority"
        HALLMARK = "hallmark", "Hallmark"

    partnership_path = "plan__partnership"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    code = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRIORITY)
    title = models.TextField()
    narrative = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    consultation_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "code"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_priority_code_in_plan"),
            models.CheckConstraint(condition=~Q(code=""), name="priority_code_not_empty"),
        ]

    def __str__(self):
        # The full title: pages wrap it. short_title is for the admin's narrow columns.
        return f"{self.code}: {self.title}"

    def get_absolute_url(self):
        return reverse("plans:priority", args=[self.pk])

    @property
    def short_title(self):
        return self.title if len(self.title) <= 80 else self.title[:77] + "..."


class SuccessCriterion(models.Model):
    partnership_path = "priority__plan__partnership"

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="success_criteria"
    )
    text = models.TextField()
    associated = models.BooleanField(
        default=False, help_text="An associated success criterion rather than a primary one."
    )
    laa_target = models.BooleanField("LAA target", default=False)
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=30, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority", "associated", "order"]
        verbose_name_plural = "success criteria"

    def __str__(self):
        return self.text[:80]


class ImportBatch(models.Model):
    """One document imported: what it was, who imported it, and every object it created."""

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    layout = models.CharField(max_length=50, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batches",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    counts = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # What the admin corrected of the importer's reading (Corrections.to_json()); applied
    # again when the same document is imported again.
    corrections = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name_plural = "import batches"
        permissions = [("import_document", "Can import documents")]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d %b %Y %H:%M})" if self.imported_at else ""


class ImportedObject(models.Model):
    """An object an import batch created, so that undoing the batch removes exactly these."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="created")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField(help_text="Creation order; undo goes backwards.")
    object = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="object_created_by_one_batch"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}"


from plans.import_jobs import DocumentImportJob  # noqa: E402, F401  (a model of this app)
from plans.pending_documents import PendingDocument  # noqa: E402, F401  (a model of this app)
