"""Seed documents and Word versions of them, for the importer's tests (no database needed)."""

import io
import re
from pathlib import Path

import docx
import pytest

from plans.importing import parse_document

DOCUMENTS = Path(__file__).resolve().parents[3] / "fixtures" / "documents"
SEEDS = sorted(path.name for path in DOCUMENTS.glob("*.txt"))


def seed_bytes(name: str) -> bytes:
    return (DOCUMENTS / name).read_bytes()


def seed_text(name: str) -> str:
    return seed_bytes(name).decode("utf-8")


def docx_from_text(text: str) -> bytes:
    """A Word document laid out as the text is: tab-separated rows become real tables,
    "- " items bulleted lists, "1. " items numbered lists, **bold** and *italic* runs."""
    document = docx.Document()
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line.strip(" "):
            rows, index = _table_rows(lines, index)
            _add_table(document, rows)
            continue
        _add_paragraph(document, line)
        index += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table_rows(lines: list[str], index: int) -> tuple[list[list[str]], int]:
    # Rows of one table may have blank lines between them, as page breaks leave them.
    rows = []
    while index < len(lines):
        if "\t" in lines[index].strip(" "):
            rows.append(lines[index].split("\t"))
            index += 1
        elif not lines[index].strip() and _row_follows(lines, index):
            index += 1
        else:
            break
    return rows, index


def _row_follows(lines: list[str], index: int) -> bool:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index < len(lines) and "\t" in lines[index].strip(" ")


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text.strip()


def _add_paragraph(document, line: str) -> None:
    bullet = re.match(r"^\s*[-\u00b7\u2022]\s+", line)
    numbered = re.match(r"^\s*\d{1,2}\.\s+", line)
    if bullet:
        paragraph = document.add_paragraph(style="List Bullet")
        line = line[bullet.end() :]
    elif numbered:
        paragraph = document.add_paragraph(style="List Number")
        line = line[numbered.end() :]
    else:
        paragraph = document.add_paragraph()
    for text, bold, italic in _runs(line):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None


def _runs(line: str):
    """(text, bold, italic) pieces of a line with **bold** and *italic* marks."""
    position = 0
    for match in re.finditer(r"\*\*(.+?)\*\*|\*(\S.*?\S)\*", line):
        if match.start() > position:
            yield line[position : match.start()], False, False
        if match.group(1) is not None:
            yield match.group(1), True, False
        else:
            yield match.group(2), False, True
        position = match.end()
    if position < len(line):
        yield line[position:], False, False


@pytest.fixture(scope="session")
def parsed():
    """parsed(name): the ParsedDocument of a seed document, parsed once per session."""
    cache = {}

    def parse(name: str):
        if name not in cache:
            cache[name] = parse_document(DOCUMENTS / name)
        return cache[name]

    return parse


@pytest.fixture(scope="session")
def seed():
    """seed(name): the text of a seed document."""
    return seed_text


@pytest.fixture(scope="session")
def word_document():
    """word_document(text): .docx bytes laid out as the text is, with real tables."""
    return docx_from_text
