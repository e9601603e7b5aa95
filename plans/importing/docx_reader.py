"""Read a Word (.docx) document into the same lines a text export gives.

Paragraphs in order, list items with a bullet or number, table rows as tab-separated cells,
inline bold and italics marked as ** and * the way text exports of the same documents are.
"""

import io
import zipfile

import docx
from docx.table import Table

from .structure import DocumentError

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


def read_docx(data: bytes, source: str) -> str:
    _check_archive(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_document_lines(document))
    except DocumentError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise DocumentError(f"this is not a readable Word document ({error})", source) from None


def _check_archive(data: bytes, source: str) -> None:
    # A .docx is a zip archive; look at its directory before anything decompresses it.
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError("this is not a valid .docx file (it is not a zip archive)", source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError(f"this is not a valid .docx file ({error})", source) from None
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise DocumentError(
            "this .docx would decompress to more than 50 MB; it is refused as unsafe", source
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise DocumentError(
            "this zip archive is not a Word document (no word/document.xml)", source
        )


def _document_lines(document) -> list[str]:
    # Looking a paragraph's style up through python-docx is slow; names by id are read once.
    style_names = {style.style_id: style.name or "" for style in document.styles}
    lines: list[str] = []
    numbering = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
            lines.append("")
            numbering = 0
            continue
        prefix, numbering = _list_prefix(block, style_names, numbering)
        text = _paragraph_text(block)
        # A soft line break inside a paragraph starts a new line, as in a text export.
        first, *rest = text.split("\n")
        lines.append(prefix + first if first else first)
        lines.extend(rest)
    return lines


def _list_prefix(paragraph, style_names: dict[str, str], numbering: int) -> tuple[str, int]:
    properties = paragraph._p.pPr
    style_id = (
        properties.pStyle.val if properties is not None and properties.pStyle is not None else ""
    )
    style = style_names.get(style_id, "")
    if "Number" in style:
        return f"{numbering + 1}. ", numbering + 1
    if (
        "List" in style
        or "Bullet" in style
        or (properties is not None and properties.numPr is not None)
    ):
        return "- ", 0
    return "", 0


def _paragraph_text(paragraph) -> str:
    """The text with inline emphasis marked; a paragraph all in one style is left plain."""
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in paragraph.runs if run.text]
    if not runs:
        return paragraph.text
    styles = {(bold, italic) for text, bold, italic in runs if text.strip()}
    if len(styles) <= 1:
        return "".join(text for text, _, _ in runs)
    return "".join(_marked(text, bold, italic) for text, bold, italic in _merged(runs))


def _merged(runs):
    merged = []
    for text, bold, italic in runs:
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    return merged


def _marked(text: str, bold: bool, italic: bool) -> str:
    marker = "**" if bold else "*" if italic else ""
    core = text.strip()
    if not marker or not core:
        return text
    leading = text[: len(text) - len(text.lstrip())]
    trailing = text[len(text.rstrip()) :]
    return f"{leading}{marker}{core}{marker}{trailing}"


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A cell merged across columns is listed once per column; its text counts once.
            cells.append("" if cell._tc is previous else _cell_text(cell))
            previous = cell._tc
        lines.append("\t".join(cells))
    return lines


def _cell_text(cell) -> str:
    text = " ".join(paragraph.text for paragraph in cell.paragraphs if paragraph.text.strip())
    return " ".join(text.split())
