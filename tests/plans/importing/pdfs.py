"""Small PDFs written for the PDF reader's tests, laid out the way a word processor lays out.

    pdf = Layout()
    pdf.paragraph("St Albans Community Safety Partnership Action Plan 2019/20")
    pdf.table([[["Action"], ["Lead"]], [["Patrols"], ["Police", "Fire"]]], widths=[90, 40])
    data = pdf.output()

Text is wrapped greedily at the width it is given, a word too long for its cell is cut where
the cell ends, and a table row that does not fit on the page is cut there and goes on at the
top of the next, as LibreOffice and Word do; table borders are ruled lines. Each cell is a
list of paragraphs.
"""

import io

from fpdf import FPDF
from PIL import Image

FONT = ("Helvetica", "", 10)
LINE = 5.0  # mm from one baseline to the next
PAD = 1.5  # mm of cell padding


class Layout:
    def __init__(self, header: str = "", footer: str = "", page_numbers: bool = False):
        self.pdf = _Pdf(header, footer, page_numbers)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(20, 20, 20)
        self.pdf.set_font(*FONT)
        self.pdf.add_page()
        self.y = 20.0

    @property
    def width(self) -> float:
        return self.pdf.w - 40

    @property
    def bottom(self) -> float:
        return self.pdf.h - 25

    def paragraph(self, text: str, gap: float = 2.0) -> None:
        for line in wrap(self.pdf, text, self.width):
            if self.y + LINE > self.bottom:
                self.new_page()
            self.pdf.text(20, self.y + 4, line)
            self.y += LINE
        self.y += gap

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = 20.0

    def table(self, rows: list[list[list[str]]], widths: list[float], header: bool = False):
        """Rows of cells of paragraphs; `header` repeats the first row on each new page."""
        for index, row in enumerate(rows):
            cells = [
                [line for paragraph in cell for line in wrap(self.pdf, paragraph, w - 2 * PAD)]
                for cell, w in zip(row, widths, strict=True)
            ]
            while cells:
                room = int((self.bottom - self.y - 2 * PAD) // LINE)
                if room < 1:
                    self.new_page()
                    if header and index:
                        self._row(
                            [
                                [ln for p in cell for ln in wrap(self.pdf, p, w - 2 * PAD)]
                                for cell, w in zip(rows[0], widths, strict=True)
                            ],
                            widths,
                        )
                    continue
                now = [cell[:room] for cell in cells]
                self._row(now, widths)
                rest = [cell[room:] for cell in cells]
                cells = rest if any(rest) else []
        self.y += 4

    def _row(self, cells: list[list[str]], widths: list[float]) -> None:
        height = max(len(cell) for cell in cells) * LINE + 2 * PAD
        x = 20.0
        for cell, w in zip(cells, widths, strict=True):
            for number, line in enumerate(cell):
                self.pdf.text(x + PAD, self.y + PAD + 4 + number * LINE, line)
            x += w
        right = 20.0 + sum(widths)
        self.pdf.line(20, self.y, right, self.y)
        self.pdf.line(20, self.y + height, right, self.y + height)
        x = 20.0
        for w in [0, *widths]:
            x += w
            self.pdf.line(x, self.y, x, self.y + height)
        self.y += height

    def output(self) -> bytes:
        return bytes(self.pdf.output())


class _Pdf(FPDF):
    def __init__(self, header: str, footer: str, page_numbers: bool):
        super().__init__(format="A4")
        self.running_header, self.running_footer = header, footer
        self.page_numbers = page_numbers

    def header(self):
        if self.running_header:
            self.set_font(*FONT)
            self.text(20, 12, self.running_header)

    def footer(self):
        self.set_font(*FONT)
        if self.running_footer:
            self.text(20, self.h - 12, self.running_footer)
        if self.page_numbers:
            self.text(self.w / 2, self.h - 8, f"Page {self.page_no()}")


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Lines of `text` no wider than `width`: greedy, cutting a word too long for a line."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pdf.get_string_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while pdf.get_string_width(word) > width:
            fitting = (n for n in range(1, len(word)) if pdf.get_string_width(word[:n]) <= width)
            cut = max(fitting, default=1)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are pictures of text: no text layer at all."""
    pdf = FPDF(format="A4")
    picture = io.BytesIO()
    Image.new("L", (200, 280), color=255).save(picture, format="PNG")
    for _ in range(pages):
        pdf.add_page()
        picture.seek(0)
        pdf.image(picture, x=10, y=10, w=190)
    return bytes(pdf.output())


def text_pdf(text: str) -> bytes:
    """A PDF of a text document: tab-separated rows become ruled tables, lines paragraphs."""
    layout = Layout()
    # The PDF core fonts hold Latin-1 alone: other characters become "?".
    lines = text.encode("latin-1", "replace").decode("latin-1").split("\n")
    index = 0
    while index < len(lines):
        if "\t" in lines[index].strip(" "):
            rows = []
            while index < len(lines) and _in_table(lines, index):
                if "\t" in lines[index].strip(" "):
                    rows.append(lines[index].split("\t"))
                index += 1
            count = max(len(row) for row in rows)
            rows = [[[cell.strip()] for cell in row + [""] * (count - len(row))] for row in rows]
            layout.table(rows, [layout.width / count] * count)
            continue
        if lines[index].strip():
            layout.paragraph(lines[index].strip())
        index += 1
    return layout.output()


def _in_table(lines: list[str], index: int) -> bool:
    # Rows of one table may have blank lines between them, as page breaks leave them.
    return "\t" in lines[index].strip(" ") or (not lines[index].strip() and _row_next(lines, index))


def _row_next(lines: list[str], index: int) -> bool:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index < len(lines) and "\t" in lines[index].strip(" ")
