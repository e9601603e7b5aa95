"""How much one import may read, and for how long.

An administrator's preview runs inside a web request, which the worker ends after 30 s; a
document that cannot be read well within that is refused with a message saying it is too
large to import here (importing in the background comes with the national-scale issue).
Each cap is far above the largest real plan seen: the five seeds are 3 to 8 pages, under
300 lines and 50 table rows each.
"""

import time

from .structure import DocumentError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # the file as uploaded
MAX_XML_BYTES = 6 * 1024 * 1024  # a .docx's XML once decompressed (python-docx: ~2 s a MB)
MAX_ARCHIVE_MEMBERS = 2_000  # files in a .docx archive
MAX_LINES = 5_000  # lines with text, table rows included
MAX_TABLE_ROWS = 2_000  # the layouts read about 300 action rows a second
MAX_PDF_PAGES = 300
MAX_PDF_MEMORY = 768 * 1024 * 1024  # more than a PDF reader may use, beyond what it had
PARSE_SECONDS = 20.0  # reading and parsing together, leaving the request time to answer

TOO_LARGE = "the document is too large to import here"


class Deadline:
    """The moment by which reading and parsing a document must be done."""

    def __init__(self, seconds: float | None = None):
        self.seconds = PARSE_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return max(self.end - time.monotonic(), 0.0)

    def check(self, source: str, line: int | None = None) -> None:
        if time.monotonic() > self.end:
            raise DocumentError(
                f"{TOO_LARGE}: reading it took longer than {self.seconds:g} seconds", source, line
            )


def check_line_counts(text: str, source: str) -> None:
    """Refuse a document with more lines or table rows than can be parsed in time.

    Counted on the text itself, before any Line is made: a file of 120,000 rows is
    refused in a fraction of a second.
    """
    filled = [line for line in text.split("\n") if line.strip()]
    if len(filled) > MAX_LINES:
        raise DocumentError(
            f"{TOO_LARGE}: it has {len(filled):,} lines of text (at most {MAX_LINES:,})", source
        )
    rows = sum(1 for line in filled if "\t" in line.strip(" \r"))
    if rows > MAX_TABLE_ROWS:
        raise DocumentError(
            f"{TOO_LARGE}: it has {rows:,} table rows (at most {MAX_TABLE_ROWS:,})", source
        )
