"""Performance tables: rows of a crime type and its figures, under a header naming the columns.

Column headers give the period ("April 09 – Dec 09") or what a column measures ("Position in
county ... per 1000 population"); an "Accurate at 26/3/12" note dates the figures that have no
period of their own. Changes between periods are computed, never taken from the text: a stated
change that disagrees with the numbers becomes a warning and the numbers are kept.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .context import Context
from .lines import Line, clean
from .structure import Figure, PlanInfo, TargetInfo
from .text import sentence_case
from .timescales import Span, financial_year_of, read_date, read_period

_MINUS = "-\u2212\u2013"
_COUNT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(rf"^[{_MINUS}+]?\d+\.\d+$")
_PERCENT = re.compile(rf"^(?P<sign>[{_MINUS}+]?)\s*(?P<number>\d+(?:\.\d+)?)\s*%$")
_ORDINAL = re.compile(r"^(?P<number>\d{1,3})\s*(?:st|nd|rd|th)$", re.IGNORECASE)
_STATED = re.compile(
    r"^(?P<number>\d[\d,]*)\s+(?P<direction>fewer|more|less|lower|higher)\s*(?P<noun>[a-z]*)"
    rf".*?\(\s*(?P<sign>[{_MINUS}+]?)\s*(?P<percent>\d+(?:\.\d+)?)\s*%\s*\)\.?$",
    re.IGNORECASE,
)
# "4992 crimes = 0.6% reduction"
_STATED_EQUALS = re.compile(
    r"^(?P<number>\d[\d,]*)\s+(?P<noun>[a-z]+)\s*=\s*(?P<percent>\d+(?:\.\d+)?)\s*%\s*"
    r"(?P<direction>reduction|decrease|fall|drop|increase|rise)\b.*$",
    re.IGNORECASE,
)
_UP = ("more", "higher", "increase", "rise", "rose", "risen", "increased", "up")
_AS_AT = re.compile(r"\b(?:accurate|correct|as)\s+(?:at|of)\s+(?P<when>[\w/ .-]+)", re.IGNORECASE)
_OUT_OF = re.compile(
    r"\b(?P<count>\d{1,3})\s*(?:districts|areas|csps|partnerships|authorities)\b", re.I
)
_TARGET = re.compile(
    r"(?P<number>\d[\d,]*)\s+(?P<noun>[a-z]+)\s+(?P<side>ahead\s+of|better\s+than|below|under"
    r"|behind|worse\s+than|above|over)\s+(?:the\s+)?(?:[\w\u2019']+\s+){0,3}target",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cell:
    kind: str  # "count", "decimal", "percent", "signed_percent", "rank", "stated"
    value: Decimal
    text: str


@dataclass
class Column:
    index: int
    header: str


def read_figures(context: Context, plan: PlanInfo) -> tuple[list[Figure], list[TargetInfo]]:
    figures: list[Figure] = []
    for header, rows in _tables(context.lines):
        figures.extend(_table_figures(context, header, rows, plan))
    return figures, _targets(context, figures)


def cell_value(text: str) -> Cell | None:
    """What a figure cell holds, or None if it is not a figure."""
    text = clean(text)
    if _COUNT.match(text):
        return Cell("count", Decimal(text.replace(",", "")), text)
    if _DECIMAL.match(text):
        return Cell("decimal", _signed(text[0], text.lstrip(_MINUS + "+")), text)
    match = _PERCENT.match(text)
    if match:
        kind = "signed_percent" if match["sign"] else "percent"
        return Cell(kind, _signed(match["sign"], match["number"]), text)
    match = _ORDINAL.match(text)
    if match:
        return Cell("rank", Decimal(match["number"]), text)
    match = _STATED.match(text) or _STATED_EQUALS.match(text)
    if match:
        return Cell("stated", Decimal(match["number"].replace(",", "")), text)
    return None


@dataclass(frozen=True)
class StatedChange:
    """A change a document states in words; None where it does not say."""

    change: Decimal | None  # "3 more crimes": +3
    percent: Decimal | None  # "(+6.8%)", "fell by 16.9%": signed
    noun: str = ""


def stated_change(text: str) -> StatedChange | None:
    """ "3 more crimes (+6.8%)", "4992 crimes = 0.6% reduction"."""
    text = clean(text)
    match = _STATED.match(text) or _STATED_EQUALS.match(text)
    if not match:
        return None
    direction = 1 if match["direction"].lower() in _UP else -1
    sign = (match.groupdict().get("sign") or "") or ("+" if direction > 0 else "-")
    return StatedChange(
        direction * Decimal(match["number"].replace(",", "")),
        _signed(sign, match["percent"]),
        match["noun"],
    )


def check_change(context: Context, line: int, indicator: str, before, after, text: str, stated):
    """Warn when a stated change disagrees with the figures of the two periods; the figures
    are kept either way."""
    change = after.value - before.value
    percent = _percent(change, before.value)
    agrees_on_change = stated.change is None or stated.change == change
    agrees_on_percent = (
        stated.percent is None or percent is None or abs(stated.percent - percent) <= Decimal("0.1")
    )
    if agrees_on_change and agrees_on_percent:
        return
    said = _change_in_words(change, percent, stated)
    context.warn(
        line,
        f'{indicator}: the document says "{text}" but {before.value} -> '
        f"{after.value} is {said}; the figures are kept and the stated change is not",
    )


def _change_in_words(change: Decimal, percent: Decimal | None, stated) -> str:
    """The change the figures make, worded as the document worded its own."""
    if change == 0:
        return "no change"
    said = f"{abs(change)} {'more' if change > 0 else 'fewer'} {stated.noun}".strip()
    if percent is None:
        return said
    return f"{said} ({percent:+}%)" if stated.change is not None else f"{percent:+}%"


def _signed(sign: str, number: str) -> Decimal:
    try:
        value = Decimal(number)
    except InvalidOperation:
        return Decimal(0)
    return -value if sign and sign in _MINUS else value


def _is_figure_row(line: Line) -> bool:
    cells = line.cells
    label, rest = cells[0], [cell for cell in cells[1:] if cell]
    return (
        line.is_row
        and bool(re.search(r"[A-Za-z]", label))
        and len(label.split()) <= 8
        and bool(rest)
        and all(cell_value(cell) for cell in rest)
    )


def _tables(lines: list[Line]):
    """(header line, figure rows) for each run of figure rows under a header row."""
    index = 0
    while index < len(lines):
        start = index
        while index < len(lines) and _is_figure_row(lines[index]):
            index += 1
        header = _header_above(lines, start)
        if index - start >= 2 and header is not None:
            yield header, lines[start:index]
        index = max(index, start + 1)


def _header_above(lines: list[Line], index: int) -> Line | None:
    for line in reversed(lines[max(0, index - 3) : index]):
        if line.is_blank:
            continue
        return line if line.is_row else None
    return None


def _table_figures(context: Context, header: Line, rows: list[Line], plan: PlanInfo):
    headers = header.cells
    columns = _columns(headers, rows)
    as_at = _as_at(context.lines, header)
    out_of = _out_of(headers)
    figures = []
    for row in rows:
        context.at(row)
        indicator = sentence_case(clean(row.cells[0]).rstrip(":"))
        counts = []
        for column in columns:
            cell = cell_value(row.cells[column.index]) if column.index < len(row.cells) else None
            if cell is None:
                continue
            if cell.kind == "stated":
                _check_stated(context, row, indicator, cell, counts)
                continue
            figure = _figure(context, row, indicator, column, cell, as_at, plan, out_of)
            if figure:
                figures.append(figure)
                if figure.unit == "count":
                    counts.append(figure)
    return figures


def _columns(headers: list[str], rows: list[Line]) -> list[Column]:
    width = max(len(row.cells) for row in rows)
    return [
        Column(index, clean(headers[index]) if index < len(headers) else "")
        for index in range(1, width)
    ]


def _figure(context, row, indicator, column, cell, as_at, plan, out_of) -> Figure | None:
    unit, measure = _unit_and_measure(column.header.lower(), cell.kind)
    # A column's own period ("April 09 - Dec 09") dates its counts; other measures are as at
    # the date the table gives.
    period = read_period(column.header) if measure == "value" else None
    period = period or as_at
    if period is None and plan.start and plan.end:
        period = Span(plan.start, plan.end)
    if period is None:
        context.warn(row.number, f'{indicator}: no period for the column "{column.header}"')
        return None
    return Figure(
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        value=cell.value,
        unit=unit,
        line=row.number,
        measure=measure,
        out_of=out_of if unit == "rank" else None,
    )


def _unit_and_measure(header: str, kind: str) -> tuple[str, str]:
    if kind == "rank":
        return "rank", _rank_measure(header)
    if kind == "signed_percent" or (kind == "percent" and "change" in header):
        return "percent", "change"
    if kind == "percent":
        return "percent", "value"
    if re.search(r"1,?000", header):
        return "rate_per_1000", "value"
    return "count", "value"


def _rank_measure(header: str) -> str:
    if re.search(r"reduction|change|%", header):
        return "rank_change"
    if re.search(r"1,?000|population|per\s", header):
        return "rank_per_1000"
    return "rank"


def _as_at(lines: list[Line], header: Line) -> Span | None:
    """The financial year to an "as at" date given in the header or just above it."""
    index = lines.index(header)
    for line in [header, *reversed(lines[max(0, index - 4) : index])]:
        match = _AS_AT.search(line.plain)
        day = read_date(match["when"]) if match else None
        if day:
            return Span(date(financial_year_of(day), 4, 1), day)
    return None


def _out_of(headers: list[str]) -> int | None:
    for header in headers:
        match = _OUT_OF.search(header)
        if match:
            return int(match["count"])
    return None


def _check_stated(context: Context, row: Line, indicator: str, cell: Cell, counts: list[Figure]):
    """Warn when "3 more crimes (+6.8%)" does not match the figures of the first and last period."""
    if len(counts) < 2:
        return
    ordered = sorted(counts, key=lambda figure: figure.period_start)
    stated = stated_change(cell.text)
    check_change(context, row.number, indicator, ordered[0], ordered[-1], clean(cell.text), stated)


def _percent(change: Decimal, base: Decimal) -> Decimal | None:
    if not base:
        return None
    return (change * 100 / base).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _targets(context: Context, figures: list[Figure]) -> list[TargetInfo]:
    """Targets implied by "612 crimes ahead of the Partnership's target" for a counted indicator."""
    counted = [figure for figure in figures if figure.unit == "count"]
    if not counted:
        return []
    targets = []
    for line in context.lines:
        for sentence in re.split(r"(?<=[.!?])\s+", line.plain):
            match = _TARGET.search(sentence)
            figure = match and _latest_named(sentence, counted)
            if not figure:
                continue
            margin = Decimal(match["number"].replace(",", ""))
            ahead = re.match(r"ahead|better|below|under", match["side"], re.IGNORECASE)
            # Fewer crimes is better: being ahead of target means the target allowed more.
            value = figure.value + margin if ahead else figure.value - margin
            targets.append(
                TargetInfo(
                    figure.indicator,
                    figure.period_start,
                    figure.period_end,
                    value,
                    line.number,
                    note=clean(sentence),
                )
            )
    return targets


def _latest_named(sentence: str, figures: list[Figure]) -> Figure | None:
    sentence = sentence.lower()
    named = [figure for figure in figures if figure.indicator.lower() in sentence]
    if not named:
        return None
    longest = max(len(figure.indicator) for figure in named)
    named = [figure for figure in named if len(figure.indicator) == longest]
    return max(named, key=lambda figure: figure.period_end)
