"""Import one document end to end: read, parse with the database's aliases, write."""

from plans.models import ImportBatch

from . import parse_document, read_document
from .corrections import Corrections
from .structure import ParsedDocument
from .writer import ImportReport, alias_table, sha256_of, write_document


def import_document(
    document, filename=None, *, user=None, dry_run=False, corrections: Corrections | None = None
) -> ImportReport:
    """Parse and save a document given as a path, bytes or a binary file.

    Without corrections, those stored with an earlier import of the same document (an undone
    one included) are applied again. Raises DocumentError on bad input, having saved nothing.
    """
    parsed, data = read_for_import(document, filename, corrections=corrections)
    return write_document(parsed, data, user=user, dry_run=dry_run)


def read_for_import(
    document, filename=None, *, corrections: Corrections | None = None
) -> tuple[ParsedDocument, bytes]:
    """The first half of import_document: the document read and parsed, nothing saved."""
    source, data = read_document(document, filename)
    if corrections is None:
        corrections = stored_corrections(sha256_of(data))
    parsed = parse_document(data, source, aliases=alias_table(), corrections=corrections)
    return parsed, data


def stored_corrections(sha256: str) -> Corrections:
    """The corrections of the newest import of the same bytes, or none."""
    batch = (
        ImportBatch.objects.filter(sha256=sha256)
        .exclude(corrections={})
        .order_by("-imported_at")
        .only("corrections")
        .first()
    )
    return Corrections.from_json(batch.corrections if batch else None)
