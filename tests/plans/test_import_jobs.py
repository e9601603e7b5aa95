"""A confirmed document import runs as a background task; the admin shows its progress."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from actions.models import Action
from plans.import_jobs import saving_stage
from plans.importing import service
from plans.models import DocumentImportJob, ImportBatch, Plan
from tests.background import run_worker, use_database_backend
from tests.factories import RoleFactory, UserFactory
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:plans_importbatch_upload")
CONFIRM = reverse("admin:plans_importbatch_confirm")
ACTION_PLAN = "st-albans-action-plan-2019-20.txt"
QUERIES_JOB_PAGE = 6
QUERIES_CHANGELIST = 10


def make_importer(username, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.user_permissions.add(
        Permission.objects.get(codename="import_document"),
        Permission.objects.get(codename="view_importbatch"),
    )
    return user


@pytest.fixture
def importer(client):
    user = make_importer("importer")
    client.force_login(user)
    return user


@pytest.fixture
def database_tasks(settings):
    use_database_backend(settings)


def upload_and_confirm(client):
    content = (DOCUMENTS / ACTION_PLAN).read_bytes()
    preview = client.post(UPLOAD, {"document": SimpleUploadedFile(ACTION_PLAN, content)})
    return client.post(CONFIRM, {"sha256": preview.context["sha256"]})


def job_url(job):
    return reverse("admin:plans_importbatch_job", args=[job.pk])


def test_with_the_immediate_backend_the_confirmation_ends_on_the_imported_batch(client, importer):
    response = upload_and_confirm(client)
    job = DocumentImportJob.objects.get()
    assert (job.state, job.batch, job.requested_by) == ("done", ImportBatch.objects.get(), importer)
    assert response.url == reverse("admin:plans_importbatch_change", args=[job.batch.pk])
    # The document is not kept once imported: its batch has the SHA-256.
    assert bytes(job.document) == b""
    assert job.batch.sha256 == job.sha256


def test_with_the_database_backend_the_import_waits_for_a_worker(client, importer, database_tasks):
    response = upload_and_confirm(client)
    job = DocumentImportJob.objects.get()
    assert response.url == job_url(job)
    assert job.state == "waiting"
    assert DBTaskResult.objects.get().id.hex == job.task_id.replace("-", "")
    assert not Plan.objects.exists()

    page = client.get(job_url(job))
    assert page.status_code == 200
    assert "Waiting for a worker" in page.text
    # It asks again by itself: htmx with JavaScript, a reload without.
    assert f'hx-get="{job_url(job)}"' in page.text
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page.text


def test_a_worker_runs_the_import_and_the_page_shows_the_batch(client, importer, database_tasks):
    upload_and_confirm(client)
    run_worker()
    job = DocumentImportJob.objects.get()
    assert job.state == "done"
    assert Action.objects.filter(plan__imports=job.batch).count() == 24
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    page = client.get(job_url(job))
    assert "Imported" in page.text
    assert reverse("admin:plans_importbatch_change", args=[job.batch.pk]) in page.text
    assert "hx-get" not in page.text
    assert "refresh" not in page.text


def test_a_document_the_worker_cannot_read_records_the_error_and_saves_nothing(
    client, importer, database_tasks, monkeypatch
):
    upload_and_confirm(client)
    monkeypatch.setattr("plans.importing.limits.PARSE_SECONDS", 0.0)
    run_worker()
    job = DocumentImportJob.objects.get()
    assert job.state == "failed"
    assert job.error.startswith("Nothing was imported.")
    assert "too large to import here" in job.error
    assert not ImportBatch.objects.exists()
    assert not Plan.objects.exists()
    page = client.get(job_url(job))
    assert job.error in page.text


def test_an_import_that_breaks_while_writing_rolls_back_everything(
    client, importer, database_tasks, monkeypatch
):
    write_document = service.write_document

    def write_then_break(*args, **kwargs):
        write_document(*args, **kwargs)
        assert Action.objects.exists()  # the write had happened
        raise RuntimeError("disk full")

    upload_and_confirm(client)
    monkeypatch.setattr(service, "write_document", write_then_break)
    run_worker()
    job = DocumentImportJob.objects.get()
    assert (job.state, job.error) == (
        "failed",
        "Nothing was imported: the import stopped (RuntimeError).",
    )
    assert not Action.objects.exists()
    assert not ImportBatch.objects.exists()
    task_result = DBTaskResult.objects.get()
    assert task_result.status == "FAILED"
    assert "disk full" in task_result.traceback


def test_with_the_immediate_backend_a_failed_import_returns_to_the_upload_with_its_error(
    client, importer, monkeypatch
):
    content = (DOCUMENTS / ACTION_PLAN).read_bytes()
    preview = client.post(UPLOAD, {"document": SimpleUploadedFile(ACTION_PLAN, content)})
    monkeypatch.setattr("plans.importing.limits.PARSE_SECONDS", 0.0)
    response = client.post(CONFIRM, {"sha256": preview.context["sha256"]}, follow=True)
    assert response.redirect_chain[-1][0] == UPLOAD
    assert "Nothing was imported." in response.text
    assert DocumentImportJob.objects.get().state == "failed"
    assert not Plan.objects.exists()


def test_a_job_runs_once_even_if_its_task_is_run_again(client, importer, database_tasks):
    upload_and_confirm(client)
    run_worker()
    job = DocumentImportJob.objects.get()
    job.run()
    assert ImportBatch.objects.count() == 1
    assert DocumentImportJob.objects.get().finished_at == job.finished_at


def staff_of_another_partnership(other_partnership):
    user = make_importer("other-importer")
    RoleFactory(user=user, partnership=other_partnership, name="partnership_admin")
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("the importer", 200),
        ("a superuser", 200),
        ("another importer, admin of another partnership", 404),
        ("staff without the import permission", 403),
        ("a coordinator, not staff", 302),
    ],
)
def test_only_the_importer_and_superusers_see_a_job(
    client, importer, database_tasks, other_partnership, alice, who, status
):
    upload_and_confirm(client)
    job = DocumentImportJob.objects.get()
    viewer = {
        "the importer": importer,
        "a superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
        "another importer, admin of another partnership": staff_of_another_partnership(
            other_partnership
        ),
        "staff without the import permission": UserFactory(username="staff", is_staff=True),
        "a coordinator, not staff": alice,
    }[who]
    other = Client()
    other.force_login(viewer)
    response = other.get(job_url(job))
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("admin:login"))
    if status != 200:
        assert job.file_name not in response.text


def test_the_import_batches_list_links_to_the_imports_not_finished(
    client, importer, database_tasks
):
    upload_and_confirm(client)
    job = DocumentImportJob.objects.get()
    changelist = reverse("admin:plans_importbatch_changelist")
    assert job_url(job) in client.get(changelist).text

    other = Client()
    other.force_login(make_importer("other-importer"))
    assert job_url(job) not in other.get(changelist).text

    run_worker()
    assert job_url(job) not in client.get(changelist).text


def make_jobs(user, count):
    return [
        DocumentImportJob.objects.create(
            file_name=f"plan-{n}.txt", document=b"x", sha256="0" * 64, requested_by=user
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("jobs", [1, 15])
def test_the_job_page_and_the_list_make_the_same_queries_however_many_jobs(
    client, importer, django_assert_num_queries, jobs
):
    job = make_jobs(importer, jobs)[0]
    with django_assert_num_queries(QUERIES_JOB_PAGE):
        client.get(job_url(job))
    with django_assert_num_queries(QUERIES_CHANGELIST):
        client.get(reverse("admin:plans_importbatch_changelist"))


def test_the_progress_page_shows_what_the_running_import_is_doing(
    client, importer, database_tasks, monkeypatch
):
    read_for_import, write_document = service.read_for_import, service.write_document
    seen = []

    def stage_on_the_page():
        job = DocumentImportJob.objects.get()
        page = client.get(job_url(job))
        assert "Reading and saving the document" in page.text
        return page.text.split('id="import-stage">')[1].split("<")[0]

    def read_watched(*args, **kwargs):
        seen.append(stage_on_the_page())
        return read_for_import(*args, **kwargs)

    def write_watched(*args, **kwargs):
        seen.append(stage_on_the_page())
        return write_document(*args, **kwargs)

    upload_and_confirm(client)
    monkeypatch.setattr(service, "read_for_import", read_watched)
    monkeypatch.setattr(service, "write_document", write_watched)
    run_worker()
    job = DocumentImportJob.objects.get()
    assert seen == ["Reading the document", "Saving 24 actions"]
    assert (job.state, job.stage) == ("done", "")
    assert 'id="import-stage"' not in client.get(job_url(job)).text


@pytest.mark.parametrize(
    "actions, stage",
    [(0, "Saving the document"), (1, "Saving 1 action"), (3, "Saving 3 actions")],
)
def test_the_saving_stage_counts_the_actions(actions, stage):
    parsed = SimpleNamespace(actions=[object()] * actions)
    assert saving_stage(parsed) == stage
