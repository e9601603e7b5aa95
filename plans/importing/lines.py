"""The line-based form every reader produces and every layout parser reads.

A line is a paragraph of the document or a row of a table; table cells are separated by
tabs, as Word writes them when a table is saved as text.
"""

import re
from dataclasses import dataclass
from functools import cached_property

_BULLET = re.compile(
    r"^\s*(?:[-\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u27a2\uf0b7*]|o(?=\s))\s+"
)
_NUMBERED = re.compile(r"^\s*\(?(\d{1,2})[.)]\s+(?=\S)")
_EMPHASIS = re.compile(r"\*{1,2}(?=\S)(.+?)(?<=\S)\*{1,2}")
_SPACES = re.compile(r"\s+")
_QUOTES = "'\"\u2018\u2019\u201c\u201d"
# A paragraph break inside one table cell (Word paragraphs, PDF lines that are not a wrap).
# clean() turns it into a space like any whitespace; agency cells split on it, so a cell
# with "Northfield Constabulary" and "NbC" on two lines names two agencies.
CELL_BREAK = "\u2028"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str  # as read, tabs kept

    # Parsers ask for the cells and the text of a line many times: worked out once.
    @cached_property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]

    @property
    def filled_cells(self) -> list[str]:
        return [cell for cell in self.cells if cell]

    @cached_property
    def plain(self) -> str:
        """The text with cells joined by spaces."""
        return _SPACES.sub(" ", " ".join(self.filled_cells)).strip()

    @property
    def is_blank(self) -> bool:
        return not self.plain

    @property
    def is_row(self) -> bool:
        """A table row: at least two cells, even if some are empty."""
        return "\t" in self.text.strip(" \r\n")

    @property
    def bullet(self) -> str | None:
        """The item text of a bulleted line, without its bullet."""
        if self.is_row:
            return None
        match = _BULLET.match(self.text)
        return self.text[match.end() :].strip() if match else None

    @property
    def numbered(self) -> tuple[int, str] | None:
        """(number, text) of a numbered list item: "1. ...", "2) ...", "(3) ..."."""
        if self.is_row:
            return None
        match = _NUMBERED.match(self.text)
        return (int(match.group(1)), self.text[match.end() :].strip()) if match else None

    @property
    def word_count(self) -> int:
        return len(self.plain.split())


def item_text(line: Line) -> str:
    """The text of a list item without its bullet or number; other lines as they are."""
    if line.bullet is not None:
        return clean(line.bullet)
    if line.numbered is not None:
        return clean(line.numbered[1])
    return clean(line.plain)


def make_lines(text: str) -> list[Line]:
    return [Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]


def clean(text: str) -> str:
    """Text for output: emphasis markers removed, whitespace collapsed."""
    text = _EMPHASIS.sub(r"\1", text).replace("**", "")
    return _SPACES.sub(" ", text).strip()


def unquote(text: str) -> str:
    text = clean(text)
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


def is_quoted(text: str) -> bool:
    text = clean(text)
    return len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES


def emphasised_tail(text: str) -> tuple[str, str]:
    """Split "Main text *a note in italics*" into the text and the note."""
    match = re.search(r"\s\*(?!\*)(\S.*?\S)\*\s*$", text)
    if not match:
        return clean(text), ""
    return clean(text[: match.start()]), clean(match.group(1))


def next_filled(lines: list[Line], index: int) -> int | None:
    """Index of the first non-blank line at or after `index`."""
    while index < len(lines):
        if not lines[index].is_blank:
            return index
        index += 1
    return None
