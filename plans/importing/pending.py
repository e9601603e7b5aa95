"""Uploaded documents waiting for an administrator to confirm their import.

The preview and the confirmation are two requests: the file is kept in a private
temporary folder under its SHA-256, and the session remembers which one the user saw.
"""

import tempfile
from pathlib import Path

from .writer import sha256_of

SESSION_KEY = "pending_document_import"


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "csp-tracker-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def keep(session, filename: str, data: bytes) -> str:
    sha256 = sha256_of(data)
    (_folder() / sha256).write_bytes(data)
    session[SESSION_KEY] = {"sha256": sha256, "filename": filename}
    return sha256


def take(session, sha256: str) -> tuple[str, bytes] | None:
    """The pending file the user confirmed, if it is still there and unchanged."""
    pending = session.get(SESSION_KEY)
    if not pending or pending["sha256"] != sha256:
        return None
    path = _folder() / sha256
    if not path.exists():
        return None
    data = path.read_bytes()
    if sha256_of(data) != sha256:
        return None
    return pending["filename"], data


def forget(session, sha256: str) -> None:
    session.pop(SESSION_KEY, None)
    (_folder() / sha256).unlink(missing_ok=True)
