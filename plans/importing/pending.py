"""Uploaded documents waiting for an administrator to confirm their import.

The preview and the confirmation are two requests: the document is kept in the database
(plans.pending_documents), and the session remembers which row, and which document, the user
saw, with the corrections made to its reading so far.
"""

from plans.pending_documents import PendingDocument

from .writer import sha256_of

SESSION_KEY = "pending_document_import"


def keep(session, filename: str, data: bytes, corrections: dict | None = None) -> str:
    PendingDocument.objects.remove_abandoned()
    _delete_row_of(session.get(SESSION_KEY))  # the session's earlier upload, replaced
    sha256 = sha256_of(data)
    row = PendingDocument.objects.create(file_name=filename, document=data, sha256=sha256)
    session[SESSION_KEY] = {
        "sha256": sha256,
        "token": str(row.pk),
        "corrections": corrections or {},
    }
    return sha256


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
    """The pending document the user confirmed, if it is still kept and unchanged."""
    pending = session.get(SESSION_KEY)
    if not pending or pending.get("sha256") != sha256 or "token" not in pending:
        return None
    row = PendingDocument.objects.filter(pk=pending["token"], sha256=sha256).first()
    if row is None:
        return None
    data = bytes(row.document)
    if sha256_of(data) != sha256:
        return None
    row.mark_reviewed()  # its review is open: the scheduled tidy leaves it alone
    return row.file_name, data


def forget(session, sha256: str) -> None:
    """Drop the session's pending document and its row (`sha256`: kept for the callers)."""
    _delete_row_of(session.pop(SESSION_KEY, None))


def _delete_row_of(pending: dict | None) -> None:
    if pending and "token" in pending:
        PendingDocument.objects.filter(pk=pending["token"]).delete()
