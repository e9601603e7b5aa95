"""Import the documents partnerships already have: text exports, Word files and PDFs.

    document = parse_document(path_or_bytes, "st-albans-action-plan-2019-20.txt")

reads the document, detects its layout, parses it into a ParsedDocument and validates it.
Any bad input raises DocumentError, whose text names the file and, where known, the line.
`read_document` is the reading step alone (size and emptiness checks included), for callers
that also need the bytes, such as the import service that hashes them.
Parsing knows nothing of the database; the writer takes the ParsedDocument from here.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from .agencies import DEFAULT_AGENCIES, DEFAULT_ALIASES, AgencyResolver, resolve_agencies
from .context import Context
from .corrections import Corrections, apply_corrections
from .detect import detect_layout
from .docx_reader import read_docx
from .layouts import LAYOUTS
from .limits import MAX_DOCUMENT_BYTES, TOO_LARGE, Deadline, check_line_counts
from .lines import make_lines
from .pdf_reader import read_pdf
from .statuses import fill_statuses
from .structure import (
    ActionInfo,
    CriterionInfo,
    DocumentError,
    Figure,
    ImportWarning,
    Member,
    ParsedDocument,
    PartnershipInfo,
    PlanInfo,
    PriorityInfo,
    TargetInfo,
)
from .text_reader import decode, normalise
from .validate import validate

__all__ = [
    "DEFAULT_AGENCIES",
    "DEFAULT_ALIASES",
    "MAX_DOCUMENT_BYTES",
    "ActionInfo",
    "CriterionInfo",
    "DocumentError",
    "Figure",
    "ImportWarning",
    "Member",
    "ParsedDocument",
    "PartnershipInfo",
    "PlanInfo",
    "PriorityInfo",
    "TargetInfo",
    "parse_document",
    "read_document",
    "resolve_agencies",
]

_ZIP = b"PK\x03\x04"
_OLD_WORD = b"\xd0\xcf\x11\xe0"


def parse_document(
    document,
    filename: str | None = None,
    aliases: Mapping[str, str] | None = None,
    corrections: Corrections | None = None,
) -> ParsedDocument:
    """Parse a document given as a path, bytes or a binary file object.

    `filename` names it in messages and tells a .docx from text; `aliases` is the agency
    alias table (alias -> canonical name), DEFAULT_ALIASES if not given; `corrections` what
    an administrator corrected of an earlier reading.
    """
    source, data = read_document(document, filename)
    # One budget for reading and parsing, so that a preview answers within the request.
    deadline = Deadline()
    text = _text_of(data, source, deadline)
    text = normalise(text)
    check_line_counts(text, source)
    corrections = corrections or Corrections()
    context = Context(
        source,
        make_lines(text),
        AgencyResolver(aliases),
        corrections=corrections,
        deadline=deadline,
    )
    if all(line.is_blank for line in context.lines):
        raise DocumentError("the document has no text", source)
    try:
        layout = detect_layout(context.lines, source, corrections)
        parsed = LAYOUTS[layout].parse(context)
        fill_statuses(parsed)
        apply_corrections(parsed, corrections)
        validate(parsed, context.lines)
    except DocumentError as error:
        # Read but not understood: corrections may get it through. Too large never is.
        error.correctable = not error.message.startswith(TOO_LARGE)
        raise
    except Exception as error:
        # A bug, or input no test foresaw: still the importer's own error, saying where.
        failure = DocumentError(
            f"could not read the document ({type(error).__name__}: {error})",
            source,
            context.current_line,
        )
        failure.unexpected = True
        raise failure from error
    return parsed


def read_document(document, filename: str | None = None) -> tuple[str, bytes]:
    """The name to give a document in messages, and its bytes.

    Takes a path, bytes or a binary file object; refuses a missing, empty or over-10 MB file
    with a DocumentError before anything parses it.
    """
    source = filename or _name_of(document)
    return source, _read_bytes(document, source)


def _name_of(document) -> str:
    if isinstance(document, (str, os.PathLike)):
        return Path(document).name
    return Path(getattr(document, "name", "") or "document").name


def _read_bytes(document, source: str) -> bytes:
    if isinstance(document, (bytes, bytearray, memoryview)):
        data = bytes(document)
    elif isinstance(document, (str, os.PathLike)):
        data = _read_file(Path(document), source)
    elif hasattr(document, "read"):
        data = document.read(MAX_DOCUMENT_BYTES + 1)
    else:
        raise TypeError(f"expected a path, bytes or a file, not {type(document).__name__}")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError("the file is larger than 10 MB", source)
    if not data.strip():
        raise DocumentError("the file is empty", source)
    return data


def _read_file(path: Path, source: str) -> bytes:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise DocumentError("the file is larger than 10 MB", source)
        return path.read_bytes()
    except OSError as error:
        raise DocumentError(f"could not read the file ({error.strerror})", source) from None


def _text_of(data: bytes, source: str, deadline: Deadline) -> str:
    if data.startswith(_ZIP) or source.lower().endswith((".docx", ".docm")):
        return read_docx(data, source, deadline)
    # A PDF may have a few bytes before its header; readers look in the first kilobyte.
    if b"%PDF-" in data[:1024] or source.lower().endswith(".pdf"):
        return read_pdf(data, source, deadline)
    if data.startswith(_OLD_WORD):
        raise DocumentError("old Word (.doc) files cannot be read; save it as .docx", source)
    return decode(data, source)
