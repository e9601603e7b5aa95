"""Uploads kept between the preview and the confirmation."""

import os
import tempfile
import time

import pytest

from plans.importing import pending


@pytest.fixture(autouse=True)
def private_temp(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


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


def test_an_upload_changed_on_disk_is_not_taken(private_temp):
    session = {}
    sha256 = pending.keep(session, "plan.txt", b"the document")
    (kept,) = (private_temp / "csp-tracker-imports").iterdir()
    kept.write_bytes(b"another document")
    assert pending.take(session, sha256) is None


def test_uploads_abandoned_for_a_day_are_removed(private_temp):
    pending.keep({}, "old.txt", b"an old document")
    (old,) = (private_temp / "csp-tracker-imports").iterdir()
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old, (two_days_ago, two_days_ago))
    session = {}
    sha256 = pending.keep(session, "new.txt", b"a new document")
    assert not old.exists()
    assert pending.take(session, sha256) == ("new.txt", b"a new document")
