"""export_all and restore_all: the seeds plus generated data survive the round trip, table
by table (row counts and a checksum of every column by primary key), on the suite's database
and from SQLite into PostgreSQL; a damaged or foreign file, or a non-empty database, is
refused with a message and nothing is loaded."""

import datetime
import gzip
import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from actions.models import Action
from partnerships.backup import FILLED_BY_MIGRATE, backed_up_models, checksums
from plans.models import ImportBatch
from tests.factories import (
    ActionFactory,
    ObservationFactory,
    ProgressUpdateFactory,
    RoleFactory,
    TargetFactory,
    UserFactory,
)
from tests.shared_data import skip_unless_ci

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "fixtures" / "documents"
# The PostgreSQL database the SQLite-to-PostgreSQL test creates and drops, on this server.
RESTORE_CHECK_URL = os.environ.get(
    "RESTORE_CHECK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/csp_restore_check"
)


@pytest.fixture
def data(partnership, alice, bob):
    """The five seed documents imported, and a little of everything else, history included."""
    call_command("import_document", *sorted(map(str, DOCUMENTS.glob("*.txt"))), verbosity=0)
    officer = UserFactory(username="zoë", first_name="Zoë", last_name="O'Brien")
    RoleFactory(user=officer, partnership=partnership, name="partnership_admin")
    action = ActionFactory(plan__partnership=partnership, title="Café patrols — “night time”")
    ProgressUpdateFactory(action=action, author=alice, figure=Decimal("12.50"), unit="%")
    ProgressUpdateFactory(action=action, author_name="Imported", percent_complete=40)
    action.status = "in_progress"
    action._change_reason = "edited"
    action.save()
    ObservationFactory(partnership=partnership, value=Decimal("1234.567"))
    TargetFactory(partnership=partnership, value=Decimal("0.125"))
    ImportBatch.objects.update(warnings=[{"line": 3, "text": "ünïcode"}], counts={"a": 1})
    return action


def empty_like_a_fresh_database():
    """Delete every row but those `migrate` writes, as in a database just migrated."""
    with connection.cursor() as cursor:
        for model in backed_up_models():
            if model._meta.label not in FILLED_BY_MIGRATE:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def row_counts():
    return {label: count for label, (count, _) in checksums().items()}


def test_it_restores_every_table_row_for_row(data, tmp_path):
    path = tmp_path / "backup.jsonl.gz"
    before = checksums()
    call_command("export_all", str(path), verbosity=0)
    empty_like_a_fresh_database()
    assert not Action.objects.exists()

    call_command("restore_all", str(path), verbosity=0)

    after = checksums()
    assert after == before
    # The seeds, the factories' rows and their history are all there, not just empty tables.
    assert before["actions.HistoricalAction"][0] > before["actions.Action"][0] > 100
    assert before["plans.ImportBatch"][0] == 5
    assert before["auth.User"][0] >= 3
    assert before["partnerships.HistoricalRole"][0] >= 3


def test_it_continues_the_primary_keys_after_a_restore(data, tmp_path):
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    highest = Action.objects.order_by("-pk").first().pk
    empty_like_a_fresh_database()
    call_command("restore_all", str(path), verbosity=0)

    new = ActionFactory(plan=data.plan)

    assert new.pk > highest


def test_it_refuses_a_database_that_is_not_empty(data, tmp_path):
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    before = row_counts()

    with pytest.raises(CommandError, match="The database is not empty .*Nothing was loaded"):
        call_command("restore_all", str(path), verbosity=0)

    assert row_counts() == before


def rewrite(path, change):
    lines = gzip.decompress(path.read_bytes()).decode().splitlines(keepends=True)
    path.write_bytes(gzip.compress("".join(change(lines)).encode()))


def first_action_row(lines):
    heading = next(i for i, line in enumerate(lines) if '"table":"actions.Action"' in line)
    return heading + 1


def change_a_title(lines):
    index = first_action_row(lines)
    row = json.loads(lines[index])
    row[[i for i, v in enumerate(row) if isinstance(v, str)][0]] = "Tampered"
    lines[index] = json.dumps(row) + "\n"
    return lines


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: lines[: len(lines) // 2], "cut short"),
        (change_a_title, "damaged"),
        (lambda lines: lines[:-1], "cut short"),
        (lambda lines: [lines[0], "{not json\n", *lines[1:]], "damaged or not a backup"),
    ],
    ids=["half a file", "a changed row", "no end line", "a broken line"],
)
def test_it_refuses_a_damaged_file_and_loads_nothing(data, tmp_path, damage, message):
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    rewrite(path, damage)
    empty_like_a_fresh_database()
    before = row_counts()

    with pytest.raises(CommandError, match=f"{message}.*Nothing was loaded"):
        call_command("restore_all", str(path), verbosity=0)

    assert row_counts() == before


def other_migrations(lines):
    header = json.loads(lines[0])
    header["migrations"]["actions"].append("0099_from_the_future")
    return [json.dumps(header) + "\n", *lines[1:]]


def test_it_refuses_a_file_written_at_other_migrations(data, tmp_path):
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    rewrite(path, other_migrations)
    empty_like_a_fresh_database()

    with pytest.raises(CommandError, match="other migrations \\(of actions\\)"):
        call_command("restore_all", str(path), verbosity=0)

    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,date\nnot,a backup\n", "damaged or not a backup"),
        (gzip.compress(b'{"format": "something-else"}\n'), "not a CSP Tracker backup"),
        (gzip.compress(b""), "is empty"),
    ],
    ids=["a CSV file", "another program's file", "an empty file"],
)
def test_it_refuses_a_foreign_file(db, tmp_path, content, message):
    path = tmp_path / "other.gz"
    path.write_bytes(content)
    before = row_counts()

    with pytest.raises(CommandError, match=f"{message}.*Nothing was loaded"):
        call_command("restore_all", str(path), verbosity=0)

    assert row_counts() == before


def test_it_names_a_file_it_cannot_write(db, tmp_path):
    with pytest.raises(CommandError, match="No such file or directory"):
        call_command("export_all", str(tmp_path / "missing" / "backup.gz"), verbosity=0)


# From a trial on SQLite to production on PostgreSQL -------------------------------------


def postgres_unreachable_reason():
    import psycopg2

    try:
        psycopg2.connect(_maintenance_dsn(), connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        return f"no PostgreSQL server at {RESTORE_CHECK_URL} ({str(error).strip()})"
    return None


def _maintenance_dsn():
    return RESTORE_CHECK_URL.rsplit("/", 1)[0] + "/postgres"


def _admin(sql, *params):
    """Run `sql` on the server's maintenance database; the first row of its answer, if any."""
    import psycopg2

    conn = psycopg2.connect(_maintenance_dsn(), connect_timeout=3)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params or None)
            return cursor.fetchone() if cursor.description else None
    finally:
        conn.close()


def _url_of(name):
    return RESTORE_CHECK_URL.rsplit("/", 1)[0] + f"/{name}"


def migrated_template() -> str:
    """A PostgreSQL database migrated to this checkout's migrations and pinned packages,
    kept between runs and named by their hash: each run copies it (a fraction of a second)
    instead of running every migration again (most of this test's time)."""
    digest = hashlib.sha256()
    for path in [ROOT / "requirements.txt", *sorted(ROOT.glob("*/migrations/*.py"))]:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    prefix = RESTORE_CHECK_URL.rsplit("/", 1)[1] + "_template_"
    name = prefix + digest.hexdigest()[:16]
    if _admin("SELECT 1 FROM pg_database WHERE datname = %s", name) is None:
        building = name + "_building"
        _admin(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{building}"')
        manage(_url_of(building), "migrate", "--no-input", "-v", "0")
        # Renamed once whole, so a run stopped part-way never leaves a half-migrated template.
        _admin(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name


@pytest.fixture
def postgres_database():
    """An empty, migrated PostgreSQL database of our own, created and dropped here."""
    if connection.vendor != "sqlite":
        pytest.skip("the source must be SQLite: CI's SQLite run of the suite does this test")
    reason = postgres_unreachable_reason()
    if reason:
        skip_unless_ci(f"The SQLite-to-PostgreSQL restore needs a server: {reason}")
    name = RESTORE_CHECK_URL.rsplit("/", 1)[1]
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template()}"')
    yield RESTORE_CHECK_URL
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# Restore, then print the checksums as the restored database computes them: one process.
RESTORE_AND_PRINT_CHECKSUMS = (
    "import json; from django.core.management import call_command; "
    "from partnerships.backup import checksums; "
    "call_command('restore_all', {path!r}); print(json.dumps(checksums()))"
)


def test_a_file_exported_from_sqlite_restores_into_postgresql(postgres_database, data, tmp_path):
    path = tmp_path / "trial.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    expected = checksums()

    code = RESTORE_AND_PRINT_CHECKSUMS.format(path=str(path))
    output = manage(postgres_database, "shell", "-c", code)
    restored = json.loads(output.splitlines()[-1])

    assert "every table's checksum matches" in output
    assert restored == expected


def test_the_checksum_sees_a_changed_column(data):
    before = checksums()
    Action.objects.filter(pk=data.pk).update(due_date=datetime.date(2030, 1, 1))

    after = checksums()

    assert after["actions.Action"] != before["actions.Action"]
    assert after["actions.ProgressUpdate"] == before["actions.ProgressUpdate"]


@pytest.mark.parametrize("command", ["export_all", "restore_all"])
def test_it_says_when_the_database_cannot_be_reached(tmp_path, command):
    # A wrong port, in a subprocess: the shared server is never touched.
    unreachable = "postgres://postgres@127.0.0.1:1/csp_nowhere"
    env = {**os.environ, "DATABASE_URL": unreachable, "DEBUG": "1"}
    path = tmp_path / "backup.jsonl.gz"
    path.write_bytes(gzip.compress(b"{}\n"))

    result = subprocess.run(
        [sys.executable, "manage.py", command, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "CommandError: The database could not be" in result.stderr
    assert "Traceback" not in result.stderr
