"""Uploaded documents waiting for an administrator to confirm their import.

The preview and the confirmation are two requests: the file is kept in a private
temporary folder, and the session remembers which one the user saw. Each upload has a file of
its own, so that two people previewing the same document do not take each other's.
"""

import secrets
import tempfile
import time
from pathlib import Path

from .writer import sha256_of

SESSION_KEY = "pending_document_import"
# A preview nobody confirmed within a day is abandoned; its file is removed.
KEEP_SECONDS = 24 * 60 * 60


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "csp-tracker-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(pending: dict) -> Path:
    return _folder() / f"{pending['token']}-{pending['sha256']}"


def keep(session, filename: str, data: bytes, corrections: dict | None = None) -> str:
    _remove_abandoned()
    pending = {
        "sha256": sha256_of(data),
        "filename": filename,
        "token": secrets.token_hex(16),
        "corrections": corrections or {},
    }
    _path(pending).write_bytes(data)
    session[SESSION_KEY] = pending
    return pending["sha256"]


def corrections_of(session) -> dict:
    """The corrections the admin has made to the pending document's reading so far."""
    return dict((session.get(SESSION_KEY) or {}).get("corrections", {}))


def correct(session, sha256: str, corrections: dict) -> bool:
    """Remember new corrections for the pending document; False if it is not pending."""
    pending = session.get(SESSION_KEY)
    if not pending or pending.get("sha256") != sha256:
        return False
    session[SESSION_KEY] = {**pending, "corrections": corrections}
    return True


def take(session, sha256: str) -> tuple[str, bytes] | None:
    """The pending file the user confirmed, if it is still there and unchanged."""
    pending = session.get(SESSION_KEY)
    if not pending or pending["sha256"] != sha256 or "token" not in pending:
        return None
    path = _path(pending)
    if not path.exists():
        return None
    data = path.read_bytes()
    if sha256_of(data) != sha256:
        return None
    return pending["filename"], data


def forget(session, sha256: str) -> None:
    pending = session.pop(SESSION_KEY, None)
    if pending and pending["sha256"] == sha256 and "token" in pending:
        _path(pending).unlink(missing_ok=True)


def _remove_abandoned() -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in _folder().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:  # another request removed it first
            pass
