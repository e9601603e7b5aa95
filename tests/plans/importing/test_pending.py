"""Uploads kept between the preview and the confirmation, in the database."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
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


def kept(file_name, *, kept_days_ago, reviewed_hours_ago):
    now = timezone.now()
    return PendingDocument.objects.create(
        file_name=file_name,
        document=b"bytes of " + file_name.encode(),
        sha256="0" * 64,
        kept_at=now - timedelta(days=kept_days_ago),
        reviewed_at=now - timedelta(hours=reviewed_hours_ago),
    )


def file_names():
    return set(PendingDocument.objects.values_list("file_name", flat=True))


def test_uploads_abandoned_for_a_week_are_removed_at_the_next_upload():
    kept("old.txt", kept_days_ago=8, reviewed_hours_ago=8 * 24)
    kept("recent.txt", kept_days_ago=6, reviewed_hours_ago=6 * 24)
    session = {}
    sha256 = pending.keep(session, "new.txt", b"a new document")
    assert file_names() == {"recent.txt", "new.txt"}
    assert pending.take(session, sha256) == ("new.txt", b"a new document")


def test_the_scheduled_tidy_removes_abandoned_reviews_but_never_an_open_one():
    kept("abandoned.txt", kept_days_ago=8, reviewed_hours_ago=25)
    kept("open-this-morning.txt", kept_days_ago=8, reviewed_hours_ago=2)
    kept("young.txt", kept_days_ago=6, reviewed_hours_ago=6 * 24)
    out = io.StringIO()
    call_command("tidy_background_work", stdout=out)
    assert "1 abandoned import review(s) removed" in out.getvalue()
    assert file_names() == {"open-this-morning.txt", "young.txt"}


def test_the_ages_are_settings(settings):
    settings.PENDING_DOCUMENT_KEEP_DAYS, settings.PENDING_REVIEW_OPEN_HOURS = 2, 1
    kept("three-days.txt", kept_days_ago=3, reviewed_hours_ago=2)
    kept("open.txt", kept_days_ago=3, reviewed_hours_ago=0)
    assert PendingDocument.objects.remove_abandoned() == 1
    assert file_names() == {"open.txt"}


def test_taking_the_upload_for_its_review_keeps_it_open():
    session = {}
    sha256 = pending.keep(session, "plan.txt", b"the document")
    long_ago = timezone.now() - timedelta(days=30)
    PendingDocument.objects.update(kept_at=long_ago, reviewed_at=long_ago)
    assert pending.take(session, sha256) == ("plan.txt", b"the document")
    assert PendingDocument.objects.get().reviewed_at > timezone.now() - timedelta(minutes=1)
    assert PendingDocument.objects.remove_abandoned() == 0
