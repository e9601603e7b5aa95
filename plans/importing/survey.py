"""What a document holds, in words, for one that no layout claims.

"3 tables, none with an action column; 14 numbered lines; 2 dates" tells the admin what the
importer saw, and the tables found let the review offer to read one with the roles the admin
gives its columns.
"""

import re

from .lines import Line
from .structure import TableInfo

_DATE = re.compile(
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d{2}\s*[/-]\s*\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}\b",
    re.IGNORECASE,
)


def tables_in(lines: list[Line]) -> list[TableInfo]:
    """Each run of table rows, with its first row as the header; no roles given yet."""
    tables: list[TableInfo] = []
    in_table = False
    for line in lines:
        if line.is_row and len(line.filled_cells) >= 2:
            if in_table:
                tables[-1].rows += 1
            else:
                headers = [" ".join(cell.split()) for cell in line.cells]
                tables.append(TableInfo(line.number, headers, ["details"] * len(headers)))
            in_table = True
        elif not line.is_blank:
            in_table = False
    return tables


def summary(lines: list[Line]) -> str:
    """What the document holds: its tables, numbered lines and dates, in words."""
    tables = tables_in(lines)
    numbered = sum(1 for line in lines if line.numbered is not None)
    dates = sum(len(_DATE.findall(line.plain)) for line in lines)
    parts = [_count(len(tables), "table")]
    if tables:
        parts[0] += ", none with an action column"
    parts += [_count(numbered, "numbered line"), _count(dates, "date")]
    return "; ".join(parts)


def _count(number: int, noun: str) -> str:
    if number == 0:
        return f"no {noun}s"
    return f"{number} {noun}{'' if number == 1 else 's'}"
