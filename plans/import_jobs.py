"""A confirmed document import, run as a background task, and what became of it.

The admin's confirmation stores the document here, in the database, so that a worker on any
machine can read it; the task (plans/tasks.py) runs `DocumentImportJob.run`, and the admin's
progress page reads the job's state back. An import is all or nothing: a job that fails has
saved nothing but its own error.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class DocumentImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every job; anyone else only the jobs they started themselves."""
        if user.is_superuser:
            return self
        return self.filter(requested_by=user)

    def unfinished(self):
        """Jobs waiting or running, newest first, without the documents' bytes."""
        return self.exclude(state__in=["done", "failed"]).defer("document")


class DocumentImportJob(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for a worker"
        RUNNING = "running", "Reading and saving the document"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    # A random key, so that one job's address says nothing about any other's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(max_length=300)
    # Emptied once the job has finished: the batch keeps the document's SHA-256.
    document = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    corrections = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_import_jobs",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        "plans.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    error = models.TextField(blank=True)
    # What a running job is doing, for its progress page; empty otherwise.
    stage = models.CharField(max_length=100, blank=True)

    objects = DocumentImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.file_name}: {self.get_state_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @classmethod
    def start(cls, file_name, data, sha256, corrections, user) -> "DocumentImportJob":
        """Store the document and enqueue its import; with the immediate backend it runs now."""
        from plans.tasks import import_document_job

        job = cls.objects.create(
            file_name=file_name,
            document=data,
            sha256=sha256,
            corrections=corrections,
            requested_by=user,
        )
        result = import_document_job.enqueue(str(job.pk))
        cls.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.refresh_from_db()
        return job

    def run(self) -> None:
        """Import the document, recording the outcome; a job already started does nothing."""
        from plans.importing import service
        from plans.importing.corrections import Corrections
        from plans.importing.structure import DocumentError

        claimed = DocumentImportJob.objects.filter(pk=self.pk, state=self.State.WAITING).update(
            state=self.State.RUNNING, started_at=timezone.now(), stage="Reading the document"
        )
        if not claimed:
            return
        try:
            # Read outside the transaction, so that the stage recorded after it is seen by
            # the progress page while the document is being saved.
            parsed, data = service.read_for_import(
                bytes(self.document),
                self.file_name,
                corrections=Corrections.from_json(self.corrections),
            )
            DocumentImportJob.objects.filter(pk=self.pk).update(stage=saving_stage(parsed))
            with transaction.atomic():
                report = service.write_document(parsed, data, user=self.requested_by)
        except DocumentError as error:
            self._finish(self.State.FAILED, error=f"Nothing was imported. {error}")
            return
        except Exception as error:
            # Recorded for the admin, then raised again so that the task's own result keeps
            # the traceback for whoever runs the service.
            self._finish(
                self.State.FAILED,
                error=f"Nothing was imported: the import stopped ({type(error).__name__}).",
            )
            raise
        self._finish(self.State.DONE, batch=report.batch)

    def _finish(self, state, *, batch=None, error="") -> None:
        self.state, self.batch, self.error = state, batch, error
        self.finished_at = timezone.now()
        self.document, self.stage = b"", ""
        self.save(update_fields=["state", "batch", "error", "finished_at", "document", "stage"])


def saving_stage(parsed) -> str:
    """The stage of a job saving a parsed document, naming how many actions it writes."""
    count = len(parsed.actions)
    if not count:
        return "Saving the document"
    return f"Saving {count} action{'' if count == 1 else 's'}"
