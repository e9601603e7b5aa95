"""Import one document end to end: read, parse with the database's aliases, write."""

from pathlib import Path

from . import parse_document
from .structure import DocumentError
from .writer import ImportReport, alias_table, write_document


def import_document(document, filename=None, *, user=None, dry_run=False) -> ImportReport:
    """Parse and save a document given as a path or bytes. Raises DocumentError on bad input."""
    data = _bytes_of(document, filename)
    parsed = parse_document(data, filename or Path(document).name, aliases=alias_table())
    return write_document(parsed, data, user=user, dry_run=dry_run)


def _bytes_of(document, filename):
    if isinstance(document, (bytes, bytearray)):
        return bytes(document)
    path = Path(document)
    try:
        from . import MAX_DOCUMENT_BYTES

        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise DocumentError("the file is larger than 10 MB", filename or path.name)
        return path.read_bytes()
    except OSError as error:
        raise DocumentError(f"could not read the file ({error.strerror})", path.name) from None
