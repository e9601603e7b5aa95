"""Import one document end to end: read, parse with the database's aliases, write."""

from . import parse_document, read_document
from .writer import ImportReport, alias_table, write_document


def import_document(document, filename=None, *, user=None, dry_run=False) -> ImportReport:
    """Parse and save a document given as a path, bytes or a binary file.

    Raises DocumentError on bad input, having saved nothing.
    """
    source, data = read_document(document, filename)
    parsed = parse_document(data, source, aliases=alias_table())
    return write_document(parsed, data, user=user, dry_run=dry_run)
