"""What a PDF page holds for the reader: its words, its ruled tables and its images.

The glyphs and the ruled lines come from PDFium (pypdfium2, which pdfplumber installs for
rendering), because pdfminer, pdfplumber's own engine, takes about 0.2 s a page here, too
slow for a preview; pdfplumber's word grouping and table finder then work on them as they
work on pdfminer's. Positions are in points from the page's top-left corner, as in
pdfplumber.
"""

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import WordExtractor

from .pdf_text import Word

_SKIPPED = {0x20, 0x0A, 0x0D, 0x00, 0xFFFE, 0xFFFF}
# PDFium's marks for a hyphen it found at a line's end, drawn as a hyphen.
_HYPHENS = {0x02: "-", 0xAD: "-"}
_THIN = 2.0  # points: a path thinner than this is a ruled line
_FONT_BOLD = 0x40000  # PDF font descriptor flag ForceBold
_FONT_ITALIC = 0x40
_WORDS = WordExtractor(x_tolerance_ratio=0.15, extra_attrs=["size", "bold", "italic"])


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
        chars = _chars(text, height)
    finally:
        text.close()
    edges, images = _edges_and_images(page, height)
    finder = TableFinder(_Edges(edges, (0, 0, width, height)))
    words = [_word(group) for _, group in _WORDS.iter_extract_tuples(chars)]
    return PageContent(number, width, height, words, finder.tables, images)


def _chars(text, height: float) -> list[dict]:
    chars = []
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(text.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(text.raw, index)
        if code in _SKIPPED or pdfium_c.FPDFText_IsGenerated(text.raw, index) == 1:
            continue
        if abs(pdfium_c.FPDFText_GetCharAngle(text.raw, index)) > 0.01:
            continue  # text set sideways is not read as lines
        size = pdfium_c.FPDFText_GetFontSize(text.raw, index) or 1.0
        left, _, right, _ = text.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
        pdfium_c.FPDFText_GetFontInfo(text.raw, index, name, len(name), flags)
        font = name.value.decode("latin-1").lower()
        top = height - y.value - 0.8 * size  # a box as tall as the type, as pdfplumber gives
        chars.append(
            {
                "text": _HYPHENS.get(code) or (chr(code) if code < 0x110000 else "\ufffd"),
                "x0": left,
                "x1": max(right, left),
                "top": top,
                "bottom": top + size,
                "doctop": top,
                "upright": True,
                "size": round(size, 1),
                "bold": "bold" in font
                or bool(flags.value & _FONT_BOLD)
                or pdfium_c.FPDFText_GetFontWeight(text.raw, index) >= 600,
                "italic": "italic" in font or "oblique" in font or bool(flags.value & _FONT_ITALIC),
            }
        )
    return chars


def _word(chars: list[dict]) -> Word:
    first, last = chars[0], chars[-1]
    return Word(
        "".join(char["text"] for char in chars),
        first["x0"],
        last["x1"],
        min(char["top"] for char in chars),
        max(char["bottom"] for char in chars),
        first["size"],
        bold=first["bold"],
        italic=first["italic"],
    )


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
