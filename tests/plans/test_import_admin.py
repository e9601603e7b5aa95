import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action
from plans.models import ImportBatch, Plan
from tests.factories import UserFactory
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:plans_importbatch_upload")
CONFIRM = reverse("admin:plans_importbatch_confirm")


def upload(client, name="st-albans-action-plan-2019-20.txt", content=None):
    content = (DOCUMENTS / name).read_bytes() if content is None else content
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, content)})


@pytest.fixture
def importer(client):
    user = UserFactory(username="importer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_document"),
        Permission.objects.get(codename="view_importbatch"),
    )
    client.force_login(user)
    return user


def test_upload_shows_a_preview_and_saves_nothing(client, importer):
    response = upload(client)
    assert response.status_code == 200
    assert "Confirm and import" in response.text
    assert "24 actions" in response.text
    assert "Joint response to anti-social street drinking" in response.text
    assert not Plan.objects.exists()


def test_confirming_the_preview_imports_the_document_as_a_batch(client, importer):
    sha256 = upload(client).context["sha256"]
    response = client.post(CONFIRM, {"sha256": sha256})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:plans_importbatch_change", args=[batch.pk])
    assert batch.imported_by == importer
    assert batch.file_name == "st-albans-action-plan-2019-20.txt"
    assert batch.counts["actions"] == 24
    assert Action.objects.count() == 24


def test_a_confirmation_without_its_upload_imports_nothing(client, importer):
    response = client.post(CONFIRM, {"sha256": "0" * 64})
    assert response.status_code == 302
    assert not Plan.objects.exists()


def test_the_preview_says_when_a_document_was_imported_before(client, importer):
    client.post(CONFIRM, {"sha256": upload(client).context["sha256"]})
    response = upload(client)
    assert "was imported before" in response.text
    assert "Confirm and import" not in response.text


def test_a_bad_file_redisplays_the_form_with_a_message_naming_it(client, importer):
    response = upload(client, name="notes.docx", content=b"this is not a zip file")
    assert response.status_code == 200
    assert "notes.docx" in response.text
    assert "Preview" in response.text
    assert not Plan.objects.exists()


def test_staff_without_the_import_permission_cannot_upload(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403
    assert not Plan.objects.exists()


def test_non_staff_users_are_sent_to_the_admin_login(client, alice):
    client.force_login(alice)
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_an_import_can_be_undone_from_the_admin(client, importer):
    client.post(CONFIRM, {"sha256": upload(client).context["sha256"]})
    batch = ImportBatch.objects.get()
    undo = reverse("admin:plans_importbatch_undo", args=[batch.pk])
    assert "Yes, undo this import" in client.get(undo).text
    client.post(undo)
    assert not Plan.objects.exists() and not Action.objects.exists()
    batch.refresh_from_db()
    assert batch.undone_at is not None
