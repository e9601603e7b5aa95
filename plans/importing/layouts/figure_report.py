"""A report of performance figures only: an indicator table whose headers give the periods
("Baseline at <date>", "Q2 performance (<date>)"), perhaps with a section row per
partnership ("<PLACE> CSP") when it covers several, and figures in prose.

It makes no plan: its figures become observations (and targets, for a column of what is to
be achieved) of the partnership each section names, or of the document's own. Cells mix
numbers and words ("40,861 (3%)", "YTD - 445 Sep - 56", "Opiates = 5.4% Non-Opiate = 23%");
a cell of words only ("No New Data Published") gives no figure and a warning. A row the web
copy cut short has lost its trailing cells, so cells are read from the left.
"""

import re
from dataclasses import dataclass
from datetime import date

from ..context import Context
from ..figure_cells import CellPart, read_cell
from ..figures import check_change, stated_change
from ..group_tables import group_columns, mentions_groups, read_group_table
from ..lines import Line, clean
from ..prose_figures import read_prose_figures
from ..structure import FIGURE_REPORT, Figure, ParsedDocument, TargetInfo
from ..tables import column_roles
from ..text import is_shouting, sentence_case, tidy_heading
from ..timescales import Span, financial_year_of, read_date, read_period
from .common import start_document

LAYOUT = "figure_report"

_SECTION = re.compile(
    r"^(?P<place>[A-Za-z][\w&',. -]*?)\s+(?:CSP|CDRP|community\s+safety\s+partnership"
    r"|crime\s+(?:and|&)\s+disorder\s+(?:reduction\s+)?partnership)$",
    re.IGNORECASE,
)
_TARGET_COLUMN = re.compile(r"\b(?:target|achievement|aim|goal|forecast)\b", re.IGNORECASE)
# "Reduce domestic burglary": the indicator is what is to be reduced.
_AIM_VERB = re.compile(r"^(?:reduce|increase|improve|lower|raise|cut)\s+(?:the\s+)?", re.I)
_PARENT = re.compile(r"\s*\((?:see\s+)?below\)\s*:?\s*$|:\s*$", re.IGNORECASE)
_LEAST_PERIOD_COLUMNS = 2
_MAY_BE_DATED = re.compile(
    r"(?:19|20)\d\d|\b\d{1,2}/\d{1,2}/\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


@dataclass
class _Column:
    header: str
    period: Span
    is_target: bool


def matches(lines: list[Line], corrections=None) -> bool:
    # A plan with an action table and a table of figures is a plan: the action tables
    # layout reads it, figures included.
    if any(column_roles(line) for line in lines):
        return False
    if any(_period_columns(line) for line in lines):
        return True
    return mentions_groups(lines) and any(group_columns(line) for line in lines)


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, FIGURE_REPORT)
    document.plan.kind = FIGURE_REPORT
    sections: list[str] = []
    section = ""
    groups = mentions_groups(context.lines)
    index = 0
    while index < len(context.lines):
        line = context.lines[index]
        columns = _period_columns(line)
        group = group_columns(line) if groups and not columns else None
        heading = _SECTION.match(clean(line.plain)) if not line.is_row else None
        if heading:
            section = _place(heading["place"])
            sections.append(section)
        elif columns:
            index = _read_table(context, document, index, columns, sections)
            continue
        elif group:
            figures, index = read_group_table(context, index, group, section, None)
            document.figures += figures
            continue
        index += 1
    document.figures += read_prose_figures(context)
    _frame(context, document, sections)
    return document


def _period_columns(line: Line) -> list[_Column | None] | None:
    """The columns of an indicator table's header, None for a column without a period;
    None for a line that is no such header."""
    if not line.is_row:
        return None
    columns = [_column(cell) for cell in line.cells[1:]]
    return columns if sum(1 for c in columns if c) >= _LEAST_PERIOD_COLUMNS else None


def _column(header: str) -> _Column | None:
    header = clean(header)
    if not _MAY_BE_DATED.search(header):
        return None  # most cells are figures: spare them the reading of dates
    period = _header_period(header)
    # A cell that holds a figure ("8.48% (December 2012)") is data, however dated.
    if period is None or read_cell(header, period):
        return None
    return _Column(header, period, bool(_TARGET_COLUMN.search(header)))


def _header_period(header: str) -> Span | None:
    """ "Q3 performance (31 December 2013)" is the year to that day; a span ("April 09 -
    Dec 09") is itself."""
    day = read_date(header)
    if day is not None:
        return Span(_year_start(day), day)
    period = read_period(header)
    return period if period and period.start != period.end else None


def _year_start(day: date) -> date:
    return date(financial_year_of(day), 4, 1)


def _read_table(context, document, header_index, columns, sections) -> int:
    """Read the table under the header; the index of the first line after it."""
    partnership, parent = "", ""
    index = header_index + 1
    for index in range(header_index + 1, len(context.lines)):
        line = context.at(context.lines[index])
        if line.is_blank:
            continue
        text = clean(line.plain)
        section = _SECTION.match(text) if len(line.filled_cells) == 1 else None
        if section:
            partnership = _place(section["place"])
            sections.append(partnership)
            parent = ""
            continue
        if not line.is_row or _period_columns(line):
            return index
        label = clean(line.cells[0])
        if _PARENT.search(label):
            parent = _PARENT.sub("", label)
            continue
        indicator = _indicator(f"{parent}: {label}" if parent else label)
        _read_row(context, document, line, indicator, columns, partnership)
    return len(context.lines)


def _place(text: str) -> str:
    return tidy_heading(text) if is_shouting(text) else text


def _indicator(label: str) -> str:
    label = _AIM_VERB.sub("", label.rstrip(":"))
    label = sentence_case(label) if is_shouting(label) else label
    return label[:1].upper() + label[1:]


def _read_row(context, document, line: Line, indicator, columns, partnership) -> None:
    cells = line.cells[1:]
    parts_by_column = []
    stated = []  # "4992 crimes = 0.6% reduction": checked against the row's figures
    for column, cell in zip(columns + [None] * len(cells), cells, strict=False):
        if stated_change(cell):
            stated.append(clean(cell))
            continue
        if column is None or not clean(cell):
            continue
        parts = read_cell(cell, column.period)
        if not parts:
            context.warn(
                line.number,
                f'{indicator}: "{clean(cell)}" under "{column.header}" gives no figure',
            )
        parts_by_column.append((column, parts))
    # A bare number in a row of percentages is a percentage written without its sign.
    percent_row = any(p.unit == "percent" for _, parts in parts_by_column for p in parts)
    row: dict[tuple, Figure] = {}  # a figure repeated in the row's next column is one figure
    for column, parts in parts_by_column:
        for part in parts:
            figure = _add_part(document, line, indicator, column, part, partnership, percent_row)
            if figure is not None:
                row.setdefault((*_key(figure), figure.value), figure)
    document.figures += row.values()
    _check_stated(context, line, indicator, list(row.values()), stated)


def _check_stated(context, line: Line, indicator: str, figures, stated: list[str]) -> None:
    counts = sorted(
        (f for f in figures if f.indicator == indicator and f.unit == "count"),
        key=lambda figure: figure.period_start,
    )
    counts = [figure for figure in counts if figure.measure == "value"]
    for text in stated if len(counts) >= 2 else []:
        check_change(
            context, line.number, indicator, counts[0], counts[-1], text, stated_change(text)
        )


def _add_part(
    document, line, indicator, column, part: CellPart, partnership, percent_row
) -> Figure | None:
    """The figure of one part of a cell; a part in a target column is added as a target."""
    name = f"{indicator} ({part.label})" if part.label else indicator
    unit = "percent" if percent_row and part.unit == "count" and part.decimal else part.unit
    if column.is_target and part.measure == "value":
        period = part.period
        document.targets.append(
            TargetInfo(name, period.start, period.end, part.value, line.number, "", partnership)
        )
        return None
    return Figure(
        indicator=name,
        period_start=part.period.start,
        period_end=part.period.end,
        value=part.value,
        unit=unit,
        line=line.number,
        measure=part.measure,
        partnership=partnership,
    )


def _key(figure: Figure):
    return (figure.indicator_name, figure.partnership, figure.period_start, figure.period_end)


def _frame(context: Context, document: ParsedDocument, sections: list[str]) -> None:
    """The partnership and period of the report as a whole: of its sections, and of its
    figures from the first to the last."""
    values = [*document.figures, *document.targets]
    named = list(dict.fromkeys([*sections, *(v.partnership for v in values if v.partnership)]))
    if named:
        document.partnership.name = named[0] if len(named) == 1 else " and ".join(named)
    if len(named) == 1:
        for value in values:
            value.partnership = ""
    if values:
        document.plan.start = min(value.period_start for value in values)
        document.plan.end = max(value.period_end for value in values)
    else:
        context.warn(None, "found no figures in the report")
