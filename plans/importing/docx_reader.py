"""Read a Word (.docx) document into the same lines a text export gives.

Paragraphs in order, list items with a bullet or number, table rows as tab-separated cells
(a cell's paragraphs joined by CELL_BREAK), inline bold and italics marked as ** and * the
way text exports of the same documents are.

A .docx is a zip archive, and an archive can lie about how large its members are. Each
member is therefore decompressed here with a running count that stops at the cap, and
python-docx is given only the checked bytes, in an archive stored without compression.
"""

import io
import zipfile
import zlib

import docx
from docx.table import Table

from .limits import MAX_ARCHIVE_MEMBERS, MAX_XML_BYTES, TOO_LARGE, Deadline
from .lines import CELL_BREAK
from .structure import DocumentError

_CHUNK = 64 * 1024
_MB = 1024 * 1024


def read_docx(data: bytes, source: str, deadline: Deadline | None = None) -> str:
    package = _checked_package(data, source)
    try:
        document = docx.Document(io.BytesIO(package))
        return "\n".join(_document_lines(document, source, deadline or Deadline()))
    except DocumentError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise DocumentError(f"this is not a readable Word document ({error})", source) from None


def _checked_package(data: bytes, source: str) -> bytes:
    """The archive rebuilt from members read with a running byte count, stored uncompressed.

    Only XML is kept: images and other binary parts are left empty, as reading the text
    never needs them.
    """
    infos = _members(data, source)
    rebuilt = io.BytesIO()
    total = 0
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as archive,
            zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_STORED) as package,
        ):
            for info in infos:
                content = b""
                if _is_xml(info.filename):
                    content = _read_member(archive, info, MAX_XML_BYTES - total, source)
                    total += len(content)
                package.writestr(info.filename, content)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise DocumentError(f"this .docx is damaged ({error})", source) from None
    except RuntimeError as error:  # an encrypted member
        raise DocumentError(f"this .docx cannot be read ({error})", source) from None
    return rebuilt.getvalue()


def _members(data: bytes, source: str) -> list[zipfile.ZipInfo]:
    # Look at the archive's directory before anything decompresses it.
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError("this is not a valid .docx file (it is not a zip archive)", source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError(f"this is not a valid .docx file ({error})", source) from None
    if "word/document.xml" not in {info.filename for info in infos}:
        raise DocumentError(
            "this zip archive is not a Word document (no word/document.xml)", source
        )
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise DocumentError(
            f"{TOO_LARGE}: the .docx holds {len(infos):,} files (at most {MAX_ARCHIVE_MEMBERS:,})",
            source,
        )
    declared = sum(info.file_size for info in infos if _is_xml(info.filename))
    if declared > MAX_XML_BYTES:
        raise _too_much_xml(source)
    return infos


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, source: str):
    # The declared size is not trusted: bytes are counted as they come out of the inflater.
    chunks, count = [], 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            count += len(chunk)
            if count > room:
                raise _too_much_xml(source)
            chunks.append(chunk)
    return b"".join(chunks)


def _too_much_xml(source: str) -> DocumentError:
    return DocumentError(
        f"{TOO_LARGE}: its XML would decompress to more than {MAX_XML_BYTES // _MB} MB", source
    )


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _document_lines(document, source: str, deadline: Deadline) -> list[str]:
    # Looking a paragraph's style up through python-docx is slow; names by id are read once.
    style_names = {style.style_id: style.name or "" for style in document.styles}
    lines: list[str] = []
    numbering = 0
    for block in document.iter_inner_content():
        deadline.check(source)
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
    return marked_runs(runs)


def marked_runs(runs: list[tuple[str, bool, bool]]) -> str:
    """The text of (text, bold, italic) runs, emphasis marked if the runs mix styles."""
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
    # Paragraphs stay apart (two agencies on two lines are two agencies); tabs would split
    # the cell, so all whitespace within a paragraph becomes one space.
    paragraphs = (" ".join(paragraph.text.split()) for paragraph in cell.paragraphs)
    return CELL_BREAK.join(text for text in paragraphs if text)
