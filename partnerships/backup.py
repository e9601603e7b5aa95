"""Backup and restore of every table: one gzip'd file of JSON lines.

Our own format rather than `dumpdata`: one line per row (a list of column values, not a
dict of field names), written and read as a stream, so a database of millions of progress
updates never sits in memory whole; rows keep their primary keys, so history rows, import
batches and generic links (content type + object id) stay pointing at the same things; and
rows are inserted raw (as loaddata does, but in batches), which sends no signals and leaves
auto_now dates as they were, so restoring writes no history of its own. The file is:

    {"format": FORMAT, "version": 1, "migrations": {...}}          header
    {"table": "app.model", "columns": [...], "rows": N}           per table, then N rows
    [value, value, ...]
    {"end": true, "checksums": {...}, "sha256": "..."}            trailer

`sha256` is of every line before the trailer, so a damaged file is found; `checksums` are
per-table digests of the content (every column, by primary key), recomputed from the
database after a restore, so a restore that did not reproduce the data is rolled back.
"""

import base64
import datetime
import decimal
import gzip
import hashlib
import json
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "csp-tracker-backup"
VERSION = 1
BATCH = 2000
# Tables that `migrate` itself fills (content types, permissions, the seeded agencies). A
# database holding only these counts as empty; a restore replaces them with the file's rows.
FILLED_BY_MIGRATE = {
    "contenttypes.ContentType",
    "auth.Permission",
    "partnerships.Agency",
    "partnerships.AgencyAlias",
}


class BackupError(Exception):
    """A file that cannot be restored, or a database that must not be restored into."""


def backed_up_models() -> list[type[models.Model]]:
    """Every table Django manages, many-to-many link tables included, in a stable order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.label)


def _columns(model) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _decode(column: models.Field, value):
    if value is None or isinstance(column, models.JSONField):
        return value
    if isinstance(column, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(column, models.DurationField):
        return datetime.timedelta(seconds=value)
    return column.to_python(value)


def _line(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def table_rows(model, using=DEFAULT_DB_ALIAS) -> Iterator[list]:
    """The table's rows by primary key, each a list of encoded column values."""
    names = [column.attname for column in _columns(model)]
    rows = model._base_manager.using(using).order_by("pk").values_list(*names)
    for row in rows.iterator(chunk_size=BATCH):
        yield [_encode(value) for value in row]


def table_checksum(model, using=DEFAULT_DB_ALIAS) -> tuple[int, str]:
    """(row count, SHA-256 of every column of every row in primary key order)."""
    digest = hashlib.sha256()
    count = 0
    for row in table_rows(model, using):
        digest.update(_line(row).encode())
        digest.update(b"\n")
        count += 1
    return count, digest.hexdigest()


def checksums(using=DEFAULT_DB_ALIAS) -> dict[str, list]:
    return {model._meta.label: list(table_checksum(model, using)) for model in backed_up_models()}


def applied_migrations(using=DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    applied = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def export_all(path, using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write every table to `path`; returns the row count of each table."""
    digest = hashlib.sha256()
    counts, sums = {}, {}
    connection = connections[using]
    outermost = not connection.in_atomic_block
    # One snapshot of the database for the whole file (REPEATABLE READ on PostgreSQL).
    with transaction.atomic(using=using), gzip.open(path, "wt", encoding="utf-8") as out:
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")

        def write(data):
            text = _line(data) + "\n"
            digest.update(text.encode())
            out.write(text)

        write({"format": FORMAT, "version": VERSION, "migrations": applied_migrations(using)})
        for model in backed_up_models():
            label = model._meta.label
            count = model._base_manager.using(using).count()
            write({"table": label, "columns": [c.attname for c in _columns(model)], "rows": count})
            table = hashlib.sha256()
            written = 0
            for row in table_rows(model, using):
                write(row)
                table.update(_line(row).encode() + b"\n")
                written += 1
            if written != count:
                raise BackupError(f"{label} changed while it was written; export again.")
            counts[label], sums[label] = count, [count, table.hexdigest()]
        out.write(_line({"end": True, "checksums": sums, "sha256": digest.hexdigest()}) + "\n")
    return counts


@dataclass
class Restored:
    counts: dict[str, int] = field(default_factory=dict)


def restore_all(path, using=DEFAULT_DB_ALIAS) -> Restored:
    """Load a file written by export_all into an empty database, all or nothing."""
    _refuse_non_empty(using)
    connection = connections[using]
    restored = Restored()
    try:
        with transaction.atomic(using=using):
            with connection.constraint_checks_disabled():
                trailer = _load(path, using, restored)
            tables = [apps.get_model(label)._meta.db_table for label in restored.counts]
            connection.check_constraints(table_names=tables)
            _reset_sequences(using)
            _verify(trailer["checksums"], using)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is damaged or not a backup ({error}).") from None
    except DatabaseError as error:
        raise BackupError(f"{path} does not fit this database ({error}).") from None
    finally:
        # Content type ids may have changed under the cache.
        ContentType.objects.clear_cache()
    return restored


def _refuse_non_empty(using):
    holding = [
        model._meta.label
        for model in backed_up_models()
        if model._meta.label not in FILLED_BY_MIGRATE and model._base_manager.using(using).exists()
    ]
    if holding:
        shown = ", ".join(holding[:5]) + (" ..." if len(holding) > 5 else "")
        raise BackupError(
            f"The database is not empty ({shown} hold rows); restore only into a freshly "
            "migrated database."
        )


def _lines(path) -> Iterator[tuple[int, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        yield from enumerate(source, start=1)


def _load(path, using, restored) -> dict:
    digest = hashlib.sha256()
    lines = _lines(path)
    _check_header(path, lines, digest, using)
    for label in FILLED_BY_MIGRATE:
        apps.get_model(label)._base_manager.using(using).all().delete()
    for number, text in lines:
        data = json.loads(text)
        if isinstance(data, dict) and data.get("end"):
            if data.get("sha256") != digest.hexdigest():
                raise BackupError(f"{path} is damaged (its checksum does not match).")
            return data
        digest.update(text.encode())
        if not isinstance(data, dict) or "table" not in data:
            raise BackupError(f"{path}, line {number}: expected a table heading.")
        _load_table(path, data, lines, digest, using)
        restored.counts[data["table"]] = data["rows"]
    raise BackupError(f"{path} is cut short (no end line).")


def _check_header(path, lines, digest, using):
    try:
        _, text = next(lines)
        header = json.loads(text)
    except StopIteration:
        raise BackupError(f"{path} is empty.") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a CSP Tracker backup.")
    if header.get("version") != VERSION:
        raise BackupError(f"{path} is backup version {header.get('version')}, not {VERSION}.")
    ours, theirs = applied_migrations(using), header.get("migrations") or {}
    differing = sorted(app for app in set(ours) | set(theirs) if ours.get(app) != theirs.get(app))
    if differing:
        raise BackupError(
            f"{path} was written at other migrations (of {', '.join(differing)}); migrate this "
            "database to the same code first."
        )
    digest.update(text.encode())


def _load_table(path, heading, lines, digest, using):
    label = heading["table"]
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise BackupError(f"{path}: unknown table {label}.") from None
    columns = {c.attname: c for c in _columns(model)}
    if sorted(heading["columns"]) != sorted(columns):
        raise BackupError(f"{path}: the columns of {label} differ from this database's.")
    order = [columns[name] for name in heading["columns"]]
    batch = []
    for _ in range(heading["rows"]):
        number, text = next(lines, (None, None))
        if text is None:
            raise BackupError(f"{path} is cut short in {label}.")
        digest.update(text.encode())
        values = json.loads(text)
        if not isinstance(values, list) or len(values) != len(order):
            raise BackupError(f"{path}, line {number}: not a row of {label}.")
        try:
            row = {c.attname: _decode(c, v) for c, v in zip(order, values, strict=True)}
        except (ValidationError, TypeError, ValueError) as error:
            raise BackupError(f"{path}, line {number}: a bad value in {label} ({error}).") from None
        batch.append(model(**row))
        if len(batch) >= BATCH:
            _insert(model, order, batch, using)
            batch = []
    _insert(model, order, batch, using)


def _insert(model, columns, rows, using):
    # bulk_create would stamp auto_now fields with the time of the restore; a raw insert
    # (QuerySet._insert with raw=True, as Model.save(raw=True) does) keeps the stored values.
    if rows:
        model._base_manager.using(using)._insert(rows, fields=columns, raw=True, using=using)


def _reset_sequences(using):
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _verify(expected: dict, using):
    found = checksums(using)
    wrong = sorted(label for label in expected if found.get(label) != list(expected[label]))
    if wrong:
        raise BackupError(f"After loading, {', '.join(wrong)} differ from the file.")
