import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from performance.models import Observation, PoliceCrimeCount, PoliceImport
from tests.factories import PartnershipFactory, UserFactory
from tests.performance.police_files import street_row, write_street_file

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:performance_policeimport_upload")


@pytest.fixture
def street_upload(tmp_path):
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    path = write_street_file(
        tmp_path / "street.csv",
        [street_row("St Albans 001A", "Burglary"), street_row("Watford 001A", "Drugs")],
    )
    return SimpleUploadedFile("2021-12-test-street.csv", path.read_bytes(), "text/csv")


def test_uploading_shows_a_preview_and_saves_nothing(client, superuser, street_upload):
    client.force_login(superuser)
    response = client.post(UPLOAD, {"files": [street_upload]}, follow=True)
    assert response.status_code == 200
    page = response.text
    assert "Check the police data before saving it" in page
    assert "2021-12-test-street.csv" in page
    assert "Watford" in page  # outside every partnership, and said so
    assert not Observation.objects.exists()
    assert PoliceImport.objects.get().status == PoliceImport.Status.PREVIEW


def test_confirming_saves_the_counts_once(client, superuser, street_upload):
    client.force_login(superuser)
    client.post(UPLOAD, {"files": [street_upload]})
    batch = PoliceImport.objects.get()
    confirm = reverse("admin:performance_policeimport_confirm", args=[batch.pk])
    response = client.post(confirm, follow=True)
    assert "Saved 1 rows as monthly counts" in response.text
    assert PoliceCrimeCount.objects.get().batch == batch
    assert Observation.objects.get(indicator__police_category="Burglary").value == 1
    response = client.post(confirm, follow=True)
    assert "was saved already" in response.text
    assert PoliceCrimeCount.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == PoliceImport.Status.SAVED


def test_a_file_that_is_not_a_street_file_gets_a_clear_error(client, superuser):
    client.force_login(superuser)
    bad = SimpleUploadedFile("outcomes.csv", b"Crime ID,Month,Outcome type\n", "text/csv")
    response = client.post(UPLOAD, {"files": [bad]})
    assert response.status_code == 200
    assert "not a data.police.uk street-level crime file" in response.text
    assert not PoliceImport.objects.exists()


def test_staff_without_the_import_permission_are_refused(client, street_upload):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"files": [street_upload]}).status_code == 403


def test_confirming_needs_a_post(client, superuser, street_upload):
    client.force_login(superuser)
    client.post(UPLOAD, {"files": [street_upload]})
    batch = PoliceImport.objects.get()
    confirm = reverse("admin:performance_policeimport_confirm", args=[batch.pk])
    assert client.get(confirm).status_code == 405
    assert not PoliceCrimeCount.objects.exists()
