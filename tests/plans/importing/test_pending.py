"""Uploads kept between the preview and the confirmation, in the database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plans.importing import pending
from plans.pending_documents import PendingDocument

pytestmark = pytest.mark.django_db


def test_the_confirmed_upload_is_the_one_the_session_previewed():
    session = {}
    sha256 = pending.keep(session, "plan.txt", b"the document")
    assert pending.take(session, sha256) == ("plan.txt", b"the document")
    assert pending.take(session, "0" * 64) is None
    assert pending.take({}, sha256) is None


def test_two_sessions_keeping_the_same_document_do_not_take_each_others_file():
    first, second = {}, {}
    sha256 = pending.keep(first, "plan.txt", b"the document")
    pending.keep(second, "plan.txt", b"the document")
    pending.forget(first, sha256)
    assert pending.take(first, sha256) is None
    assert pending.take(second, sha256) == ("plan.txt", b"the document")
    assert PendingDocument.objects.count() == 1


def test_an_upload_changed_in_the_database_is_not_taken():
    session = {}
    sha256 = pending.keep(session, "plan.txt", b"the document")
    PendingDocument.objects.update(document=b"another document")
    assert pending.take(session, sha256) is None


def test_a_new_upload_in_the_same_session_replaces_the_earlier_one():
    session = {}
    pending.keep(session, "first.txt", b"the first document")
    sha256 = pending.keep(session, "second.txt", b"the second document")
    assert list(PendingDocument.objects.values_list("file_name", flat=True)) == ["second.txt"]
    assert pending.take(session, sha256) == ("second.txt", b"the second document")


def test_uploads_abandoned_for_a_day_are_removed():
    pending.keep({}, "old.txt", b"an old document")
    PendingDocument.objects.update(kept_at=timezone.now() - timedelta(days=2))
    pending.keep({}, "recent.txt", b"a recent document")
    session = {}
    sha256 = pending.keep(session, "new.txt", b"a new document")
    kept = set(PendingDocument.objects.values_list("file_name", flat=True))
    assert kept == {"recent.txt", "new.txt"}
    assert pending.take(session, sha256) == ("new.txt", b"a new document")
