"""A confirmed document import, run as a background task, and what became of it.

The admin's confirmation stores the document here, in the database, so that a worker on any
machine can read it; the task (plans/tasks.py) runs `DocumentImportJob.run`, and the admin's
progress page reads the job's state back. An import is all or nothing: a job that fails has
saved nothing but its own error.

A running job beats every HEARTBEAT_SECONDS. One not heard from for
WORKER_LOST_AFTER_MINUTES has lost its worker (killed, or its machine gone): it is shown
stopped, `manage.py tidy_background_work` marks it failed, and it keeps its document so that
it can be tried again. The rule is csp/background.py's, shared with the county exports.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from csp.background import (
    HEARTBEAT_SECONDS,
    Heartbeat,
    WatchedWork,
    mark_never_started,
    mark_worker_lost,
    worker_lost,
)

LOST_ERROR = (
    "Stopped: the worker was lost (nothing was heard from it for {minutes} minutes). "
    "Nothing was imported; the document is kept, so the import can be tried again."
)

NEVER_STARTED_ERROR = (
    "Stopped: its task ended before a worker started the import. Nothing was imported; the "
    "document is kept, so the import can be tried again."
)
DROPPED_ERROR = (
    "Stopped: the worker was lost, and nobody tried the import again while the document was "
    "kept. Nothing was imported: upload the document again."
)


class DocumentImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every job; anyone else only the jobs they started themselves."""
        if user.is_superuser:
            return self
        return self.filter(requested_by=user)

    def unfinished(self):
        """Jobs waiting, running or stopped with their document kept, newest first, without
        the documents' bytes."""
        return self.filter(Q(state__in=["waiting", "running"]) | _stopped()).defer("document")

    def lost(self, now=None):
        """Running jobs whose worker has not been heard from for WORKER_LOST_AFTER_MINUTES."""
        return self.filter(worker_lost(now))

    def retryable(self, now=None):
        """Jobs that may be queued again: lost, or marked failed because they were."""
        return self.filter(worker_lost(now) | _stopped())

    def mark_lost(self, now=None) -> int:
        """Mark the lost jobs failed, keeping their documents, and their task results (the
        database backend's) failed too; how many jobs were marked."""
        now = now or timezone.now()
        error = LOST_ERROR.format(minutes=settings.WORKER_LOST_AFTER_MINUTES)
        marked = mark_worker_lost(self, now, stage="", error=error)
        waiting = DocumentImportJob.State.WAITING
        return marked + mark_never_started(self, now, waiting, error=NEVER_STARTED_ERROR)

    def drop_stopped_documents(self, now=None) -> int:
        """Empty the documents of stopped jobs nobody tried again within
        PENDING_DOCUMENT_KEEP_DAYS; they can no longer be retried."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.PENDING_DOCUMENT_KEEP_DAYS)
        return self.filter(_stopped(), lost_at__lt=cutoff).update(
            document=b"", lost_at=None, error=DROPPED_ERROR
        )


def _stopped() -> Q:
    """Marked failed because the worker was lost, with the document still kept."""
    return Q(state="failed", lost_at__isnull=False)


class DocumentImportJob(WatchedWork, models.Model):
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
    # The last sign of life from the worker running it (README, "Background tasks").
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Set when its worker was found lost, while the document is kept for another try.
    lost_at = models.DateTimeField(null=True, blank=True)
    # Which try this is: a worker thought lost that comes back cannot record over a retry.
    attempt = models.PositiveSmallIntegerField(default=1)

    objects = DocumentImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.file_name}: {self.get_state_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def can_retry(self) -> bool:
        return self.was_stopped

    @classmethod
    def start(cls, file_name, data, sha256, corrections, user) -> "DocumentImportJob":
        """Store the document and enqueue its import; with the immediate backend it runs now."""
        job = cls.objects.create(
            file_name=file_name,
            document=data,
            sha256=sha256,
            corrections=corrections,
            requested_by=user,
        )
        job._enqueue()
        return job

    def retry(self) -> bool:
        """Queue a stopped import again, with the document it kept; False if it cannot be
        (it finished, or its worker is still heard from)."""
        queued = (
            DocumentImportJob.objects.retryable()
            .filter(pk=self.pk)
            .update(
                state=self.State.WAITING,
                attempt=F("attempt") + 1,
                error="",
                stage="",
                started_at=None,
                heartbeat_at=None,
                finished_at=None,
                lost_at=None,
            )
        )
        if queued:
            self._enqueue()
        return bool(queued)

    def _enqueue(self) -> None:
        from plans.tasks import import_document_job

        result = import_document_job.enqueue(str(self.pk))
        DocumentImportJob.objects.filter(pk=self.pk).update(task_id=str(result.id))
        self.refresh_from_db()

    def run(self) -> None:
        """Import the document, recording the outcome; a job already started does nothing."""
        now = timezone.now()
        claimed = self._this_try(self.State.WAITING).update(
            state=self.State.RUNNING, started_at=now, heartbeat_at=now, stage="Reading the document"
        )
        if not claimed:
            return
        with Heartbeat(self.beat, HEARTBEAT_SECONDS):
            self._import()

    def beat(self) -> None:
        """Record that the worker running this try is alive."""
        self._this_try(self.State.RUNNING).update(heartbeat_at=timezone.now())

    def _this_try(self, state):
        return DocumentImportJob.objects.filter(pk=self.pk, attempt=self.attempt, state=state)

    def _import(self) -> None:
        from plans.importing import service
        from plans.importing.corrections import Corrections
        from plans.importing.structure import DocumentError

        try:
            # Read outside the transaction, so that the stage recorded after it is seen by
            # the progress page while the document is being saved.
            parsed, data = service.read_for_import(
                bytes(self.document),
                self.file_name,
                corrections=Corrections.from_json(self.corrections),
            )
            self._this_try(self.State.RUNNING).update(stage=saving_stage(parsed))
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
        """Record the outcome, unless this try was marked lost and queued again meanwhile."""
        finished = {"state": state, "batch": batch, "error": error, "finished_at": timezone.now()}
        finished.update(document=b"", stage="")
        self._this_try(self.State.RUNNING).update(**finished)
        self.refresh_from_db()


def saving_stage(parsed) -> str:
    """The stage of a job saving a parsed document, naming how many actions it writes."""
    count = len(parsed.actions)
    if not count:
        return "Saving the document"
    return f"Saving {count} action{'' if count == 1 else 's'}"
