"""Read a PDF into the same lines the Word reader gives, so that layouts and parsers are shared.

Ruled tables become rows of tab-separated cells with a blank line after each table; a table
that runs on over a page break is one table, its header row repeated on the next page
dropped and a row cut by the page break joined again. The rest of the page becomes
paragraphs in reading order (see pdf_text). Running page headers and footers and page numbers
are dropped. A scan without a text layer is refused, saying so.

pdfminer (under pdfplumber) is pure Python and trusts the file: a small PDF can inflate to
gigabytes or keep it busy for minutes. It therefore runs in a child process with a cap on
its memory and a deadline; past either, the PDF is refused with a message (see sandbox).
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from pypdfium2 import PdfiumError

from .limits import MAX_PDF_MEMORY, MAX_PDF_PAGES, TOO_LARGE, Deadline
from .lines import CELL_BREAK
from .pdf_pages import PageContent, open_pdf, page_content
from .pdf_text import (
    Spacing,
    TextLine,
    Word,
    continues,
    lines_of,
    measure,
    paragraphs,
    words_of,
)
from .sandbox import run_guarded
from .structure import DocumentError

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_BAND = 0.15  # headers and footers sit in the top and bottom 15% of a page
_TOLERANCE = 2.0  # points: the same column edge on two pages


@dataclass(eq=False)  # compared and hashed by identity
class Cell:
    lines: list[TextLine]
    right: float  # where the cell's text area ends
    bottom: float  # where the cell's row ends


@dataclass
class Page:
    height: float
    blocks: list  # TextLine and PdfTable, top to bottom


@dataclass(eq=False)  # compared and hashed by identity
class PdfTable:
    rows: list[list[Cell | None]]
    edges: tuple[float, ...]
    page: int
    top: float


def read_pdf(data: bytes, source: str, deadline: Deadline | None = None) -> str:
    """The text of a PDF in the importer's line form; any failure is a DocumentError."""
    deadline = deadline or Deadline()
    return run_guarded(
        _read_text,
        data,
        deadline.remaining(),
        source=source,
        seconds=deadline.remaining(),
        memory=MAX_PDF_MEMORY,
        what="reading the PDF",
    )


def _read_text(data: bytes, seconds: float) -> str:
    deadline = Deadline(seconds)
    document = _opened(data)
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise DocumentError(f"{TOO_LARGE}: it has {count:,} pages (at most {MAX_PDF_PAGES})")
        pages, images = [], 0
        for index in range(count):
            page = document[index]
            try:
                content = page_content(page, index + 1)
            finally:
                page.close()
            pages.append(Page(content.height, _page_blocks(content)))
            images += content.images
            deadline.check("")
    finally:
        document.close()
    if images and _word_count(pages) < 5 * len(pages):
        raise DocumentError(
            "this PDF has no text layer (it looks like a scan): save the document as a PDF "
            "with text, or as .docx, and import that"
        )
    _drop_running_lines(pages)
    return "\n".join(_output(_joined_tables([block for page in pages for block in page.blocks])))


def _word_count(pages: list[Page]) -> int:
    lines = [block for page in pages for block in page.blocks if isinstance(block, TextLine)]
    lines += [
        line
        for page in pages
        for table in _tables(page.blocks)
        for cell in _cells(table)
        for line in cell.lines
    ]
    return sum(len(line.words) for line in lines)


def _opened(data: bytes):
    try:
        return open_pdf(data)
    except PdfiumError as error:
        if "password" in str(error).lower():
            raise DocumentError(
                "this PDF is protected by a password; save it without one and import that"
            ) from None
        raise DocumentError(f"this is not a readable PDF ({error})") from None


def _page_blocks(content: PageContent) -> list:
    """The page's paragraphs' lines and its tables, top to bottom."""
    tables = content.tables
    table_words: list[list[Word]] = [[] for _ in tables]
    body: list[Word] = []
    for word in content.words:
        middle = ((word.x0 + word.x1) / 2, (word.top + word.bottom) / 2)
        index = next((i for i, t in enumerate(tables) if _inside(middle, t.bbox)), None)
        (body if index is None else table_words[index]).append(word)
    blocks: list = lines_of(body, content.number)
    for table, words in zip(tables, table_words, strict=True):
        blocks.append(_table(table, words, content.number))
    return sorted(blocks, key=lambda block: block.top)


def _inside(point: tuple[float, float], box) -> bool:
    x, y = point
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _table(table, words: list[Word], page: int) -> PdfTable:
    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells)]
    found: dict[tuple[int, int], list[Word]] = {(r, c): [] for r, c, box in boxes if box}
    for word in words:
        middle = ((word.x0 + word.x1) / 2, (word.top + word.bottom) / 2)
        place = next(((r, c) for r, c, box in boxes if box and _inside(middle, box)), None)
        if place is not None:
            found[place].append(word)
    padding = _padding(boxes, found)
    rows: list[list[Cell | None]] = [[None] * len(row.cells) for row in table.rows]
    for r, c, box in boxes:
        if box:
            rows[r][c] = Cell(lines_of(found[(r, c)], page, tabs=False), box[2] - padding, box[3])
    edges = sorted({round(box[0], 1) for _, _, box in boxes if box} | {round(table.bbox[2], 1)})
    return PdfTable(rows, tuple(edges), page, table.bbox[1])


def _padding(boxes, found) -> float:
    # Cells are padded alike on both sides: the right one is seen on the left.
    pads = [min(w.x0 for w in found[(r, c)]) - box[0] for r, c, box in boxes if found.get((r, c))]
    return min(max(statistics.median(pads), 0.0), 12.0) if pads else 5.0


def _tables(blocks) -> list[PdfTable]:
    return [block for block in blocks if isinstance(block, PdfTable)]


def _cells(table: PdfTable) -> list[Cell]:
    return [cell for row in table.rows for cell in row if cell is not None]


def _drop_running_lines(pages: list[Page]) -> None:
    """Remove, in place, headers and footers repeated on many pages, and page numbers."""
    seen = Counter()
    for number, page in enumerate(pages, start=1):
        seen.update({_running_key(line, number) for line in _edge_lines(page)})
    repeated = {key for key, count in seen.items() if count >= max(2, len(pages) / 2)}
    for number, page in enumerate(pages, start=1):
        for line in _edge_lines(page):
            if _running_key(line, number) in repeated or _PAGE_NUMBER.match(line.text.strip()):
                page.blocks.remove(line)


def _edge_lines(page: Page) -> list[TextLine]:
    """The first two and last two blocks of a page, where they are lines in its margins."""
    edges = dict.fromkeys(page.blocks[:2] + page.blocks[-2:])
    band = _BAND * page.height
    return [
        block
        for block in edges
        if isinstance(block, TextLine) and (block.bottom <= band or block.top >= page.height - band)
    ]


def _running_key(line: TextLine, number: int) -> tuple[str, int]:
    # The same text at the same height, but for the page's own number ("Page 3 of 9").
    return re.sub(rf"(?<!\d){number}(?!\d)", "#", line.text.lower()), round(line.top)


def _joined_tables(blocks: list) -> list:
    """Blocks with each table continued over a page break made one table."""
    joined: list = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            isinstance(block, PdfTable)
            and isinstance(previous, PdfTable)
            and block.page == previous.page + 1
            and _same_columns(previous, block)
        ):
            _continue(previous, block)
        else:
            joined.append(block)
    return joined


def _same_columns(first: PdfTable, second: PdfTable) -> bool:
    return len(first.edges) == len(second.edges) and all(
        abs(a - b) <= _TOLERANCE for a, b in zip(first.edges, second.edges, strict=True)
    )


def _continue(table: PdfTable, more: PdfTable) -> None:
    table.page = more.page  # it may go on over the next page break too
    rows = more.rows
    if rows and _row_texts(rows[0]) == _row_texts(table.rows[0]):
        rows = rows[1:]  # the header row, repeated on the new page
    if rows and table.rows and _cut_row(table.rows[-1], rows[0]):
        for cell, rest in zip(table.rows[-1], rows[0], strict=True):
            if cell is not None and rest is not None:
                cell.lines.extend(rest.lines)
        rows = rows[1:]
    table.rows.extend(rows)


def _cut_row(row: list[Cell | None], following: list[Cell | None]) -> bool:
    """Whether `following` is the rest of `row`, cut by the page break.

    A cut row left some cells finished on the first page (empty after the break) and ran the
    others to the foot of the page, where the text that follows would not have fitted.
    """
    if len(row) != len(following):
        return False
    spacing = Spacing()
    finished = False
    for cell, rest in zip(row, following, strict=True):
        filled = cell is not None and bool(cell.lines)
        if rest is None or not rest.lines:
            finished = finished or filled
            continue
        if not filled or not _reaches_foot(cell):
            return False
        if not continues(cell.lines[-1], rest.lines[0], cell.right, spacing):
            return False
    return finished


def _reaches_foot(cell: Cell) -> bool:
    last = cell.lines[-1]
    return cell.bottom - last.bottom < 0.8 * last.size


def _row_texts(row: list[Cell | None]) -> list[str]:
    return [" ".join(line.text for line in cell.lines) if cell else "" for cell in row]


def _output(blocks: list) -> list[str]:
    """The document's text lines: paragraphs, then table rows with a blank line after each."""
    body = [block for block in blocks if isinstance(block, TextLine)]
    cells = [cell for block in _tables(blocks) for cell in _cells(block) if cell.lines]
    right = max((line.x1 for line in body), default=0.0)  # where body text ends
    vocabulary = words_of([(body, right)] + [(c.lines, c.right) for c in cells])
    body_spacing = measure([body], vocabulary)
    cell_spacing = measure([cell.lines for cell in cells], vocabulary)
    output: list[str] = []
    run: list[TextLine] = []
    for block in [*blocks, None]:
        if isinstance(block, TextLine):
            run.append(block)
            continue
        if run:
            output += paragraphs(run, right, body_spacing, marks=True)
            run = []
        if block is not None:
            output += [_row_text(row, cell_spacing) for row in block.rows]
            output.append("")
    return output


def _row_text(row: list[Cell | None], spacing: Spacing) -> str:
    return "\t".join(
        CELL_BREAK.join(paragraphs(cell.lines, cell.right, spacing)) if cell else "" for cell in row
    )
