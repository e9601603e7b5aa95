"""A backup made in the background, kept in the file storage, downloaded by a superuser."""

import gzip
import json

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from partnerships.backup import FORMAT, BackupError
from tests.background import run_worker, use_database_backend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKUPS = reverse("backups")
MAKE = reverse("make_backup")


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def only_backup(storage):
    (path,) = (storage / "backups").iterdir()
    return path


def header_of(content: bytes) -> dict:
    return json.loads(gzip.decompress(content).splitlines()[0])


def test_with_the_immediate_backend_the_backup_is_made_at_once(admin_client, alice, storage):
    response = admin_client.post(MAKE, follow=True)
    path = only_backup(storage)
    assert f"Made {path.name}" in response.text
    assert header_of(path.read_bytes())["format"] == FORMAT
    download = admin_client.get(reverse("download_backup", args=[path.name]))
    assert download["Content-Disposition"] == f'attachment; filename="{path.name}"'
    assert header_of(b"".join(download.streaming_content))["format"] == FORMAT


def test_with_the_database_backend_a_worker_makes_it_and_the_page_follows(
    admin_client, settings, storage
):
    use_database_backend(settings)
    response = admin_client.post(MAKE)
    task = DBTaskResult.objects.get()
    assert response.url == f"{BACKUPS}?task={task.id}"
    waiting = admin_client.get(response.url)
    assert "A worker is making the backup (ready)" in waiting.text
    assert 'hx-trigger="every 2s"' in waiting.text
    assert not (storage / "backups").exists()

    run_worker()
    done = admin_client.get(response.url)
    path = only_backup(storage)
    assert f"The backup is made: {path.name}" in done.text
    assert reverse("download_backup", args=[path.name]) in done.text
    assert "hx-trigger" not in done.text


def test_a_failed_backup_says_so_and_keeps_no_file(admin_client, storage, monkeypatch):
    def broken(path):
        raise BackupError("a table changed while it was written")

    monkeypatch.setattr("partnerships.backup_files.export_all", broken)
    response = admin_client.post(MAKE, follow=True)
    assert "The backup failed (partnerships.backup.BackupError)" in response.text
    assert not (storage / "backups").exists()


def test_only_a_stored_backup_can_be_downloaded(admin_client, storage):
    (storage / "secret.jsonl.gz").write_bytes(b"not a backup")
    assert admin_client.get(reverse("download_backup", args=["secret.jsonl.gz"])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("staff, not a superuser", 403), ("a coordinator", 302), (None, 302)]
)
def test_nobody_but_a_superuser_sees_makes_or_downloads_backups(
    admin_client, alice, storage, who, status
):
    admin_client.post(MAKE)
    name = only_backup(storage).name
    other = Client()
    users = {"staff, not a superuser": UserFactory(username="staff", is_staff=True)}
    if who:
        other.force_login(users.get(who, alice))
    for response in [
        other.get(BACKUPS),
        other.post(MAKE),
        other.get(reverse("download_backup", args=[name])),
    ]:
        assert response.status_code == status
        assert name not in response.content.decode()
    assert len(list((storage / "backups").iterdir())) == 1
