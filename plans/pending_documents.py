"""Uploaded documents an administrator is reviewing, kept until the import is confirmed.

Kept in the database rather than on the web host that received the upload, so that the
preview and the confirmation may be answered by different hosts behind a load balancer.
Each upload has a row of its own, under a random key only its session knows, so that two
people previewing the same document do not take each other's.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class PendingDocumentQuerySet(models.QuerySet):
    def abandoned(self, now=None):
        """Uploads kept longer than PENDING_DOCUMENT_KEEP_DAYS whose review nobody has shown
        or answered in the last PENDING_REVIEW_OPEN_HOURS: an open review is never taken."""
        now = now or timezone.now()
        return self.filter(
            kept_at__lt=now - timedelta(days=settings.PENDING_DOCUMENT_KEEP_DAYS),
            reviewed_at__lt=now - timedelta(hours=settings.PENDING_REVIEW_OPEN_HOURS),
        )

    def remove_abandoned(self, now=None) -> int:
        """Delete the abandoned uploads, their bytes with them; how many were removed."""
        removed, _ = self.abandoned(now).delete()
        return removed


class PendingDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(max_length=300)
    document = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    kept_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When its review was last shown or answered: the review is open while this is recent.
    reviewed_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PendingDocumentQuerySet.as_manager()

    def __str__(self):
        return f"{self.file_name} (kept {self.kept_at:%Y-%m-%d %H:%M})"

    def mark_reviewed(self) -> None:
        self.reviewed_at = timezone.now()
        PendingDocument.objects.filter(pk=self.pk).update(reviewed_at=self.reviewed_at)
