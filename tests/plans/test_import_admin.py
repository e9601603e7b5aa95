import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions.models import Action
from plans.importing import parse_document
from plans.models import ImportBatch, Plan
from tests.factories import UserFactory
from tests.plans.conftest import DOCUMENTS
from tests.plans.importing.conftest import docx_from_text

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


def test_the_preview_shows_the_ons_area_of_a_new_partnership(client, importer):
    response = upload(client)
    assert "ONS area E07000240, St Albans, Hertfordshire" in response.text


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


def saved_actions():
    return sorted(
        (
            action.title,
            sorted(priority.code for priority in action.priorities.all()),
            [lead.agency.name for lead in action.leads.all()],
            sorted(update.text for update in action.updates.all()),
        )
        for action in Action.objects.prefetch_related("priorities", "leads__agency", "updates")
    )


def parsed_actions(document):
    return sorted(
        (action.title, sorted(action.priority_codes), action.lead_agencies, sorted(action.progress))
        for action in document.actions
    )


@pytest.mark.parametrize(
    "name", ["st-albans-action-plan-2019-20.txt", "dacorum-update-2011-12.txt"]
)
def test_a_word_upload_previews_and_imports_the_same_actions_as_the_text(client, importer, name):
    from_text = parse_document(DOCUMENTS / name)
    word = docx_from_text((DOCUMENTS / name).read_text(encoding="utf-8"))

    preview = upload(client, name=name.replace(".txt", ".docx"), content=word)
    assert "Confirm and import" in preview.text
    assert parsed_actions(preview.context["report"].parsed) == parsed_actions(from_text)
    assert not Plan.objects.exists()

    client.post(CONFIRM, {"sha256": preview.context["sha256"]})
    assert ImportBatch.objects.get().file_name == name.replace(".txt", ".docx")
    assert saved_actions() == parsed_actions(from_text)


def test_two_importers_previewing_the_same_document_each_confirm_their_own(client, importer):
    other = Client()
    other.force_login(UserFactory(is_superuser=True, is_staff=True))
    mine, theirs = upload(client).context["sha256"], upload(other).context["sha256"]
    client.post(CONFIRM, {"sha256": mine})
    response = other.post(CONFIRM, {"sha256": theirs}, follow=True)
    assert "was imported before" in response.text
    assert ImportBatch.objects.count() == 1


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
