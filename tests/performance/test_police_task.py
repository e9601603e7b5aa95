"""The police.uk import as a background task: a folder read and saved by a worker."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from performance import tasks
from performance.models import PoliceCrimeCount
from tests.background import run_worker, use_database_backend
from tests.factories import PartnershipFactory
from tests.performance.police_files import street_row, write_street_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tmp_path):
    """A month of the police.uk archive: a folder holding one force's street file."""
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    month = tmp_path / "2021-12"
    month.mkdir()
    write_street_file(
        month / "2021-12-hertfordshire-street.csv",
        [street_row("St Albans 001A", "Burglary"), street_row("St Albans 001B", "Burglary")],
    )
    return tmp_path


def test_a_worker_imports_the_queued_folder(archive, settings):
    use_database_backend(settings)
    result = tasks.import_police_folder.enqueue([str(archive)])
    assert not PoliceCrimeCount.objects.exists()
    run_worker()
    result.refresh()
    assert result.return_value.startswith("Imported 2 of 2 rows from 1 file(s)")
    assert PoliceCrimeCount.objects.get().count == 2


def test_a_bad_folder_fails_the_task_with_its_reason_and_saves_nothing(archive, settings):
    use_database_backend(settings)
    tasks.import_police_folder.enqueue([str(archive / "no-such-month")])
    run_worker()
    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"
    assert "No such file or folder" in failed.traceback
    assert not PoliceCrimeCount.objects.exists()


def test_with_the_immediate_backend_the_task_runs_at_once(archive):
    result = tasks.import_police_folder.enqueue([str(archive)], dry_run=True)
    assert result.return_value.startswith("Would import 2 of 2 rows")
    assert not PoliceCrimeCount.objects.exists()


def run(*args):
    out = StringIO()
    call_command("import_police_data", *args, stdout=out)
    return out.getvalue()


def test_the_command_enqueues_the_archive_for_a_worker_with_absolute_paths(
    archive, settings, monkeypatch
):
    use_database_backend(settings)
    monkeypatch.chdir(archive)
    out = run("--background", "2021-12")
    queued = DBTaskResult.objects.get()
    assert out.startswith(f"Queued import_police_folder as task {queued.id}")
    assert queued.args_kwargs["args"] == [[str(archive / "2021-12")]]
    assert not PoliceCrimeCount.objects.exists()
    run_worker()
    assert PoliceCrimeCount.objects.get().count == 2


def test_in_the_background_with_the_immediate_backend_the_command_prints_the_summary(archive):
    assert run("--background", str(archive)).startswith("Imported 2 of 2 rows from 1 file(s)")


def test_json_output_cannot_be_sent_to_the_background(archive):
    with pytest.raises(CommandError, match="--json prints the result here"):
        run("--background", "--json", str(archive))
    assert not PoliceCrimeCount.objects.exists()
