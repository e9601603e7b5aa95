"""Most Similar Group tables: a partnership against the areas most like it.

    Domestic burglary - Most Similar Group, 12 months to 31 December 2013
    CSP             Rate per 1,000   MSG average   Distance from average   Position in MSG
    Ashvale CSP     8.1              7.2           +0.9                    12 of 15

Rows are partnerships (their first cell names one) for the indicator the heading names, or
indicators of the section's partnership. Each cell is a figure of its own measure: the rate,
the group's average, the distance from it, the position (out of how many).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .figure_cells import note_period
from .lines import Line, clean
from .structure import Figure
from .timescales import Span

_GROUP_WORDS = re.compile(r"\bmost\s+similar\b|\bMSG\b|\bfamily\s+group\b", re.IGNORECASE)
_PARTNERSHIP_ROW = re.compile(r"\b(?:CSP|CDRP|partnership)$", re.IGNORECASE)
_PARTNERSHIP_COLUMN = re.compile(r"^(?:csp|cdrp|partnership|area|district)s?\b", re.IGNORECASE)
_RANK = re.compile(
    r"^(?P<rank>\d{1,3})\s*(?:st|nd|rd|th)?(?:\s*(?:of|/|out\s+of)\s*(?P<of>\d{1,3}))?$"
)
_SIGNED = re.compile(r"^(?P<sign>[-+\u2212\u2013]?)\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<percent>%?)$")
_HEADING_TAIL = re.compile(
    r"\s*[-:,\u2013]?\s*(?:(?:the\s+)?most\s+similar|MSG|family\s+group).*$", re.IGNORECASE
)
_LEAST_GROUP_COLUMNS = 1
_LEAST_COLUMNS = 2


@dataclass
class GroupColumn:
    measure: str  # a key of MEASURE_LABELS
    unit: str  # "rank", "rate_per_1000", "percent" or "count"


def group_measure(header: str) -> GroupColumn | None:
    text = clean(header).lower()
    unit = "rate_per_1000" if re.search(r"1,?000|\brate\b", text) else "count"
    unit = "percent" if "%" in text or "per cent" in text else unit
    if re.search(r"\b(?:distance|difference|gap)\b|\+/-", text):
        return GroupColumn("group_distance", unit)
    if re.search(r"\b(?:average|mean)\b", text):
        return GroupColumn("group_average", unit)
    if re.search(r"\b(?:position|rank(?:ing)?)\b", text):
        return GroupColumn("group_rank", "rank")
    if re.search(r"1,?000|\brate\b|\bcrimes\b|\boffences\b|\bcount\b", text):
        return GroupColumn("value", unit)
    return None


def group_columns(line: Line) -> list[GroupColumn | None] | None:
    """The columns of a Most Similar Group table's header row, or None for another line."""
    if not line.is_row:
        return None
    columns = [group_measure(cell) for cell in line.cells[1:]]
    grouped = sum(1 for c in columns if c and c.measure.startswith("group_"))
    found = sum(1 for c in columns if c)
    if grouped < _LEAST_GROUP_COLUMNS or found < _LEAST_COLUMNS:
        return None
    # "MSG average" and "Distance from average" are in the unit of the table's own figure.
    unit = next((c.unit for c in columns if c and c.measure == "value"), None)
    for column in columns:
        if unit and column and column.measure in ("group_average", "group_distance"):
            column.unit = unit if column.unit == "count" else column.unit
    return columns


def mentions_groups(lines: list[Line]) -> bool:
    return any(_GROUP_WORDS.search(line.plain) for line in lines)


def read_group_table(context, index: int, columns, partnership: str, period: Span | None):
    """The figures of the table whose header is line `index`, and the line after it."""
    lines = context.lines
    header = lines[index]
    heading = _heading_above(lines, index)
    period = _period_above(lines, index, header) or period
    by_partnership = bool(_PARTNERSHIP_COLUMN.match(clean(header.cells[0])))
    figures: list[Figure] = []
    end = index + 1
    for end in range(index + 1, len(lines)):
        line = context.at(lines[end])
        if line.is_blank:
            continue
        if not line.is_row or group_columns(line):
            break
        label = clean(line.cells[0])
        row_is_partnership = by_partnership or bool(_PARTNERSHIP_ROW.search(label))
        indicator = _HEADING_TAIL.sub("", heading) if row_is_partnership else label
        owner = _PARTNERSHIP_ROW.sub("", label).strip() if row_is_partnership else partnership
        if period is None or not indicator:
            context.warn(line.number, f'"{label}": no period or indicator for this comparison')
            continue
        for column, cell in zip(columns, line.cells[1:], strict=False):
            figure = column and _figure(indicator, owner, column, clean(cell), period, line)
            if figure:
                figures.append(figure)
    return figures, end


def _figure(indicator, owner, column: GroupColumn, cell: str, period: Span, line: Line):
    out_of = None
    if column.measure == "group_rank":
        match = _RANK.match(cell)
        if not match:
            return None
        value, out_of = Decimal(match["rank"]), int(match["of"]) if match["of"] else None
    else:
        match = _SIGNED.match(cell.replace(",", ""))
        if not match:
            return None
        value = Decimal(match["number"])
        value = -value if match["sign"] and match["sign"] != "+" else value
    return Figure(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        value=value,
        unit=column.unit,
        line=line.number,
        measure=column.measure,
        out_of=out_of,
        partnership=owner,
    )


def _heading_above(lines: list[Line], index: int) -> str:
    for line in reversed(lines[max(0, index - 4) : index]):
        if not line.is_blank and not line.is_row:
            return clean(line.plain)
    return ""


def _period_above(lines: list[Line], index: int, header: Line) -> Span | None:
    for line in [header, *reversed(lines[max(0, index - 4) : index])]:
        if line.is_blank:
            continue
        period = note_period(clean(line.plain))
        if period:
            return period
    return None
