"""A worker killed in the middle of an import: the job is shown stopped, the tidy marks it
failed, and it can be tried again with the document it kept."""

import io
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.utils import get_random_id
from django_tasks_db.models import DBTaskResult

from actions.models import Action
from csp.background import Heartbeat
from plans.importing import service
from plans.models import DocumentImportJob, ImportBatch
from tests.background import run_worker, use_database_backend
from tests.plans.conftest import DOCUMENTS
from tests.plans.test_import_jobs import ACTION_PLAN, job_url, make_importer, upload_and_confirm

pytestmark = pytest.mark.django_db

LOST_AFTER = timedelta(minutes=10)  # WORKER_LOST_AFTER_MINUTES's default
ACTIONS_IN_PLAN = 24


@pytest.fixture
def importer(client):
    user = make_importer("importer")
    client.force_login(user)
    return user


def left_running(user, silent_for, **fields):
    """The row a worker killed while importing leaves: running, last heard from long ago."""
    then = timezone.now() - silent_for
    return DocumentImportJob.objects.create(
        file_name=ACTION_PLAN,
        document=(DOCUMENTS / ACTION_PLAN).read_bytes(),
        sha256="0" * 64,
        requested_by=user,
        state="running",
        started_at=then,
        heartbeat_at=then,
        stage="Saving 24 actions",
        **fields,
    )


def tidy() -> str:
    out = io.StringIO()
    call_command("tidy_background_work", stdout=out)
    return out.getvalue()


def retry_url(job):
    return reverse("admin:plans_importbatch_retry", args=[job.pk])


def test_a_job_not_heard_from_for_the_limit_is_shown_stopped_with_a_retry(client, importer):
    job = left_running(importer, LOST_AFTER + timedelta(seconds=1))
    page = client.get(job_url(job))
    assert 'id="import-state">Stopped: the worker was lost<' in page.text
    assert retry_url(job) in page.text
    # It no longer asks again by itself: nothing will change until someone acts.
    assert "hx-get" not in page.text
    assert "refresh" not in page.text
    changelist = client.get(reverse("admin:plans_importbatch_changelist")).text
    assert "stopped: the worker was lost" in changelist


def test_a_job_heard_from_within_the_limit_is_still_running_and_cannot_be_retried(client, importer):
    job = left_running(importer, LOST_AFTER - timedelta(seconds=30))
    page = client.get(job_url(job))
    assert 'id="import-state">Reading and saving the document<' in page.text
    assert retry_url(job) not in page.text

    response = client.post(retry_url(job), follow=True)
    assert "cannot be tried again: Reading and saving the document" in response.text
    assert "Try the import again" not in response.text
    assert DocumentImportJob.objects.get().state == "running"
    assert "0 import(s) whose worker was lost marked failed" in tidy()
    assert DocumentImportJob.objects.get().state == "running"


def test_the_tidy_marks_a_lost_job_failed_and_keeps_its_document(client, importer):
    # Run by the immediate backend in a web request that was killed: its task id is the
    # immediate backend's, no UUID, and it has no task result in the database.
    lost = left_running(importer, LOST_AFTER + timedelta(minutes=1), task_id=get_random_id())
    alive = left_running(importer, timedelta(minutes=1))
    assert tidy().startswith("1 import(s) whose worker was lost marked failed")
    lost.refresh_from_db()
    assert (lost.state, lost.stage) == ("failed", "")
    assert lost.error.startswith("Stopped: the worker was lost")
    assert lost.lost_at is not None and lost.finished_at == lost.lost_at
    assert bytes(lost.document) == (DOCUMENTS / ACTION_PLAN).read_bytes()
    assert DocumentImportJob.objects.get(pk=alive.pk).state == "running"

    page = client.get(job_url(lost))
    assert "Stopped: the worker was lost" in page.text
    assert retry_url(lost) in page.text
    assert not ImportBatch.objects.exists()


def test_retrying_a_lost_job_imports_the_kept_document_at_once_with_the_immediate_backend(
    client, importer
):
    job = left_running(importer, LOST_AFTER * 2)
    tidy()
    response = client.post(retry_url(job))
    job.refresh_from_db()
    assert (job.state, job.attempt, job.error, job.lost_at) == ("done", 2, "", None)
    assert response.url == reverse("admin:plans_importbatch_change", args=[job.batch.pk])
    assert Action.objects.filter(plan__imports=job.batch).count() == ACTIONS_IN_PLAN
    assert bytes(job.document) == b""
    # Done now: a second try is refused and changes nothing.
    assert client.post(retry_url(job)).url == job_url(job)
    assert ImportBatch.objects.count() == 1


def test_a_lost_job_can_be_retried_before_the_tidy_has_run(client, importer):
    job = left_running(importer, LOST_AFTER * 2)
    client.post(retry_url(job))
    job.refresh_from_db()
    assert (job.state, job.attempt) == ("done", 2)
    assert ImportBatch.objects.count() == 1


def test_a_retry_is_asked_for_with_a_post(client, importer):
    job = left_running(importer, LOST_AFTER * 2)
    assert client.get(retry_url(job)).url == job_url(job)
    assert DocumentImportJob.objects.get().state == "running"


def test_only_the_importer_and_superusers_may_retry_a_job(client, importer):
    job = left_running(importer, LOST_AFTER * 2)
    other = Client()
    other.force_login(make_importer("other-importer"))
    assert other.post(retry_url(job)).status_code == 404
    assert DocumentImportJob.objects.get().state == "running"


def test_the_worker_that_was_thought_lost_cannot_record_over_the_retry(importer):
    """A worker that was only paused comes back after its job was queued again."""
    job = left_running(importer, LOST_AFTER * 2)
    stale_try = DocumentImportJob.objects.get(pk=job.pk)
    assert job.retry()  # with the immediate backend the second try runs at once
    stale_try._finish("failed", error="the old try's outcome")
    stale_try.beat()
    job.refresh_from_db()
    assert (job.state, job.error, job.attempt) == ("done", "", 2)


def test_a_running_import_beats_while_it_runs(importer):
    job = left_running(importer, timedelta(minutes=3))
    before = job.heartbeat_at
    job.beat()
    job.refresh_from_db()
    assert job.heartbeat_at > before


def test_the_heartbeat_beats_from_its_own_thread_until_the_block_ends():
    beats, failed_once = [], []

    def beat():
        if not failed_once:
            failed_once.append(True)
            raise DatabaseError("database is locked")
        beats.append(threading.current_thread().name)

    with Heartbeat(beat, 0.01):
        deadline = time.monotonic() + 5
        while len(beats) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    count = len(beats)
    time.sleep(0.05)
    assert count >= 2, "a failed beat stops the next ones"
    assert set(beats) == {"heartbeat"}
    assert len(beats) == count, "it beat after the block ended"


def test_a_stopped_job_nobody_retried_for_a_week_loses_its_document(client, importer):
    job = left_running(importer, LOST_AFTER * 2)
    tidy()
    DocumentImportJob.objects.update(lost_at=timezone.now() - timedelta(days=7, minutes=1))
    assert "1 stopped import(s) not tried again lost their document" in tidy()
    job.refresh_from_db()
    assert (job.state, job.lost_at, bytes(job.document)) == ("failed", None, b"")
    assert "upload the document again" in job.error
    page = client.get(job_url(job))
    assert retry_url(job) not in page.text
    assert reverse("admin:plans_importbatch_upload") in page.text


class TestWithTheDatabaseBackend:
    @pytest.fixture(autouse=True)
    def database_tasks(self, settings):
        use_database_backend(settings)

    def kill_the_worker_mid_task(self, silent_for):
        """What a worker killed with SIGKILL leaves: its task result and the job running."""
        then = timezone.now() - silent_for
        DBTaskResult.objects.update(status="RUNNING", started_at=then, worker_ids=["gone-1"])
        DocumentImportJob.objects.update(state="running", started_at=then, heartbeat_at=then)

    def test_the_tidy_marks_the_task_result_failed_too(self, client, importer):
        upload_and_confirm(client)
        self.kill_the_worker_mid_task(LOST_AFTER * 2)
        tidy()
        result = DBTaskResult.objects.get()
        assert result.status == "FAILED"
        assert result.exception_class_path == "csp.background.WorkerLost"
        assert result.finished_at is not None

    def test_a_retried_job_waits_for_a_worker_and_the_worker_imports_it(self, client, importer):
        upload_and_confirm(client)
        self.kill_the_worker_mid_task(LOST_AFTER * 2)
        tidy()
        job = DocumentImportJob.objects.get()
        assert client.post(retry_url(job)).url == job_url(job)
        job.refresh_from_db()
        assert (job.state, job.attempt) == ("waiting", 2)
        new_result = DBTaskResult.objects.get(status="READY")
        assert new_result.id.hex == job.task_id.replace("-", "")
        run_worker()
        job.refresh_from_db()
        assert job.state == "done"
        assert Action.objects.filter(plan__imports=job.batch).count() == ACTIONS_IN_PLAN
        assert DBTaskResult.objects.get(pk=new_result.pk).status == "SUCCESSFUL"

    def test_a_job_whose_task_ended_before_it_started_is_stopped_and_can_be_retried(
        self, client, importer
    ):
        upload_and_confirm(client)
        # The worker took the task, then was killed before it started the job; the task
        # result was marked failed later (by the tidy's limit, say).
        DBTaskResult.objects.update(status="FAILED", started_at=timezone.now())
        assert tidy().startswith("1 import(s) whose worker was lost marked failed")
        job = DocumentImportJob.objects.get()
        assert (job.state, job.can_retry) == ("failed", True)
        assert job.error.startswith("Stopped: its task ended before a worker started")
        client.post(retry_url(job))
        run_worker()
        job.refresh_from_db()
        assert (job.state, job.attempt) == ("done", 2)

    def test_a_job_waiting_for_its_task_is_left_alone(self, client, importer):
        upload_and_confirm(client)
        DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
        tidy()
        assert DocumentImportJob.objects.get().state == "waiting"

    def test_other_tasks_still_running_after_their_limit_are_marked_failed(self, client, importer):
        upload_and_confirm(client)
        DBTaskResult.objects.update(
            status="RUNNING", started_at=timezone.now() - timedelta(hours=24, minutes=1)
        )
        # The job itself was never claimed: only the task result is stale.
        assert "1 other task(s) still running after their limit marked failed" in tidy()
        assert DBTaskResult.objects.get().status == "FAILED"

    def test_the_tidy_can_run_as_a_task_on_a_worker(self, importer):
        left_running(importer, LOST_AFTER * 2)
        out = io.StringIO()
        call_command("tidy_background_work", "--background", stdout=out)
        assert "Queued" in out.getvalue()
        assert DocumentImportJob.objects.get().state == "running"
        run_worker()
        assert DocumentImportJob.objects.get().state == "failed"
        assert DBTaskResult.objects.get().return_value["lost_imports"] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="on SQLite the saving transaction locks the database, and a beat due then waits",
)
def test_the_heartbeat_is_seen_while_the_import_is_saving(monkeypatch):
    """Committed rows and a real worker thread: the beat is written on the thread's own
    connection while the import's transaction is still open."""
    seen = []
    write_document = service.write_document

    def slow_write(*args, **kwargs):
        report = write_document(*args, **kwargs)
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
            job = DocumentImportJob.objects.values("started_at", "heartbeat_at").get()
            if job["heartbeat_at"] > job["started_at"]:
                seen.append(job["heartbeat_at"])
        return report

    monkeypatch.setattr("plans.import_jobs.HEARTBEAT_SECONDS", 0.05)
    monkeypatch.setattr(service, "write_document", slow_write)
    user = make_importer("importer")
    data = (DOCUMENTS / ACTION_PLAN).read_bytes()
    job = DocumentImportJob.start(ACTION_PLAN, data, "0" * 64, {}, user)
    assert job.state == "done"
    assert seen, "no heartbeat reached the database while the import was saving"
