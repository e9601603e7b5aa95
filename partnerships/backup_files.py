"""Backups kept in the file storage, so that whoever asked for one can download it later.

A backup made by a worker (partnerships/tasks.py) is written to a temporary file there, then
saved in Django's default storage under BACKUP_FOLDER: MEDIA_ROOT on one machine, a folder
every machine shares (or an object store) on several. Nothing in MEDIA_ROOT is served as a
static file: downloads go through the superusers' page (partnerships/backup_views.py).
"""

import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from partnerships.backup import export_all

BACKUP_FOLDER = "backups"
SUFFIX = ".jsonl.gz"


@dataclass(frozen=True)
class StoredBackup:
    file_name: str
    size: int
    made_at: datetime


def new_backup_name() -> str:
    # The random part keeps two backups asked for in the same second apart.
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
    return f"{BACKUP_FOLDER}/csp-backup-{stamp}-{secrets.token_hex(4)}{SUFFIX}"


def export_to_storage(name: str) -> dict:
    """Write a backup of every table and save it in the storage as `name`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "backup.jsonl.gz"
        counts = export_all(path)
        with path.open("rb") as file:
            saved = default_storage.save(name, File(file))
    return {"file_name": Path(saved).name, "rows": sum(counts.values()), "tables": len(counts)}


def stored_backups() -> list[StoredBackup]:
    """The backups in the storage, newest first."""
    if not default_storage.exists(BACKUP_FOLDER):
        return []
    _folders, names = default_storage.listdir(BACKUP_FOLDER)
    found = [
        StoredBackup(
            name,
            default_storage.size(f"{BACKUP_FOLDER}/{name}"),
            default_storage.get_modified_time(f"{BACKUP_FOLDER}/{name}"),
        )
        for name in names
        if name.endswith(SUFFIX)
    ]
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def open_backup(file_name: str):
    """The stored backup of that name, opened for reading; None if there is none."""
    if file_name not in {backup.file_name for backup in stored_backups()}:
        return None
    return default_storage.open(f"{BACKUP_FOLDER}/{file_name}", "rb")
