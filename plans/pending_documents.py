"""Uploaded documents an administrator is reviewing, kept until the import is confirmed.

Kept in the database rather than on the web host that received the upload, so that the
preview and the confirmation may be answered by different hosts behind a load balancer.
Each upload has a row of its own, under a random key only its session knows, so that two
people previewing the same document do not take each other's.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone

# A preview nobody confirmed within a day is abandoned; its row is removed.
KEEP_FOR = timedelta(days=1)


class PendingDocumentQuerySet(models.QuerySet):
    def abandoned(self):
        return self.filter(kept_at__lt=timezone.now() - KEEP_FOR)


class PendingDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(max_length=300)
    document = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    kept_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PendingDocumentQuerySet.as_manager()

    def __str__(self):
        return f"{self.file_name} (kept {self.kept_at:%Y-%m-%d %H:%M})"
