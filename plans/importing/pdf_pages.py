"""What a PDF page holds for the reader: its words, its ruled tables and its images.

The glyphs and the ruled lines come from PDFium (pypdfium2, which pdfplumber installs for
rendering), because pdfminer, pdfplumber's own engine, takes about 0.2 s a page here, too
slow for a preview; pdfplumber's table finder then works on the ruled lines as it works on
pdfminer's. Positions are in points from the page's top-left corner, as in
pdfplumber.
"""

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

from .pdf_text import Word

_SKIPPED = {0x20, 0x0A, 0x0D, 0x00, 0xFFFF}
# PDFium's marks for a hyphen it found at a line's end, drawn as a hyphen.
_HYPHENS = {0x02: "-", 0xAD: "-", 0xFFFE: "-"}
_THIN = 2.0  # points: a path thinner than this is a ruled line
_FONT_BOLD = 0x40000  # PDF font descriptor flag ForceBold
_FONT_ITALIC = 0x40
_WORD_GAP = 0.15  # a gap wider than this part of the type size ends a word


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    words: list[Word]
    tables: list  # pdfplumber Table: .bbox and .rows[i].cells of (x0, top, x1, bottom) or None
    images: int


def page_content(page, number: int) -> PageContent:
    width, height = page.get_size()
    text = page.get_textpage()
    try:
        words = _words(text, height)
    finally:
        text.close()
    edges, images = _edges_and_images(page, height)
    finder = TableFinder(_Edges(edges, (0, 0, width, height)))
    return PageContent(number, width, height, words, finder.tables, images)


def _words(text, height: float) -> list[Word]:
    """The page's words: runs of glyphs in one style, ended by a space, a line end or a gap.

    Fonts are looked up once a text object; boxes are as tall as the type, from the
    baseline, as pdfplumber's are.
    """
    count = text.count_chars()
    content = text.get_text_range(0, count)
    aligned = len(content) == count  # one UTF-16 unit a glyph: no characters beyond the BMP
    box, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    styles: dict[int | None, tuple[float, bool, bool]] = {}
    words: list[Word] = []
    word = None
    for index in range(count):
        code = ord(content[index]) if aligned else pdfium_c.FPDFText_GetUnicode(text.raw, index)
        if code in _SKIPPED:
            word = None
            continue
        key = ctypes.cast(pdfium_c.FPDFText_GetTextObject(text.raw, index), ctypes.c_void_p).value
        if key not in styles:
            styles[key] = _style(text, index)
        size, bold, italic = styles[key]
        pdfium_c.FPDFText_GetLooseCharBox(text.raw, index, box)
        pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
        top = height - y.value - 0.8 * size
        glyph = _HYPHENS.get(code) or (chr(code) if code < 0x110000 else "\ufffd")
        if (
            word is None
            or (word.size, word.bold, word.italic) != (size, bold, italic)
            or abs(top - word.top) > 0.5 * size
            or not -0.5 * size < box.left - word.x1 < _WORD_GAP * size
        ):
            word = Word("", box.left, box.left, top, top + size, size, bold, italic)
            word.lead = max(box.right - box.left, 0.0)
            words.append(word)
        word.text += glyph
        word.x1 = max(box.right, word.x1)
    return words


def _style(text, index: int) -> tuple[float, bool, bool]:
    """The type size, and whether bold and italic, of the glyph at `index`."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(text.raw, index, name, len(name), flags)
    font = name.value.decode("latin-1").lower()
    bold = (
        "bold" in font
        or bool(flags.value & _FONT_BOLD)
        or pdfium_c.FPDFText_GetFontWeight(text.raw, index) >= 600
    )
    italic = "italic" in font or "oblique" in font or bool(flags.value & _FONT_ITALIC)
    size = round(pdfium_c.FPDFText_GetFontSize(text.raw, index) or 1.0, 1)
    return size, bold, italic


def _edges_and_images(page, height: float) -> tuple[list[dict], int]:
    edges, images = [], 0
    kinds = [pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE]
    for item in page.get_objects(filter=kinds):
        if item.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        else:
            edges += _path_edges(item, height)
    return edges, images


def _path_edges(item, height: float) -> list[dict]:
    """The horizontal and vertical straight segments of a path, as pdfplumber's edges."""
    matrix = item.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start = None
    edges = []
    for index in range(pdfium_c.FPDFPath_CountSegments(item.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(item.raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = matrix.on_point(x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and points:
            edges += _edge(points[-1], point, height)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edges += _edge(point, start, height)
    return edges


def _edge(a: tuple[float, float], b: tuple[float, float], height: float) -> list[dict]:
    (x0, y0), (x1, y1) = sorted([a, b])
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = height - max(y0, y1), height - min(y0, y1)
    if bottom - top <= _THIN < right - left:
        middle = (top + bottom) / 2
        return [_edge_dict(left, right, middle, middle, "h")]
    if right - left <= _THIN < bottom - top:
        middle = (left + right) / 2
        return [_edge_dict(middle, middle, top, bottom, "v")]
    return []


def _edge_dict(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


class _Edges:
    """As much of a pdfplumber Page as its table finder reads."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def open_pdf(data: bytes):
    return pdfium.PdfDocument(data)
