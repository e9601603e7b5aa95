"""Table cells that mix numbers and words, as performance reports write them.

"40,861 (3%)"                         40,861 for the column's period; "(3%)" is a stated
                                      change, which a figure never takes from the text
"8.48% (December 2012)"               8.48% for the year to December 2012
"YTD - 445 Sep - 56"                  445 for the column's period, 56 for September
"Opiates = 5.4% Non-Opiate = 23%"     two figures, one for each named part
"-23.81%"                             a change, not a value
"No New Data Published"               no figure (the caller warns)
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .timescales import Span, financial_year_of, month_span, read_timescale

_NOTE = re.compile(r"\(([^()]*)\)")
_PART = re.compile(
    r"(?:(?P<label>[A-Za-z][A-Za-z'-]*(?:\s*-\s*[A-Za-z][A-Za-z'-]*|\s+[A-Za-z][A-Za-z'-]*)*?)"
    r"\s*(?:=|-|:)\s*)?"
    r"(?<![\w.,])(?P<sign>[-+]?)(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\w,]*\d)\s*(?P<percent>%)?"
)
_STATED_CHANGE = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*%\s*$")
_TO_DATE = re.compile(r"^(?:ytd|year\s+to\s+date|to\s+date|cumulative)$", re.IGNORECASE)
_MONTHS = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s*-\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?$",
    re.IGNORECASE,
)
# Words left over beyond these make the cell a sentence about the figures, not a figure.
_MOST_LEFTOVER_WORDS = 2


@dataclass(frozen=True)
class CellPart:
    label: str  # a named part of the indicator ("Opiate"), "" for the indicator itself
    value: Decimal
    unit: str  # "count" | "percent"
    measure: str  # "value" | "change"
    period: Span
    decimal: bool  # written with a decimal point


def read_cell(text: str, period: Span) -> list[CellPart]:
    """The figures in one cell of a column for `period`; [] for a cell of words only."""
    text = re.sub(r"[\u2013\u2014\u2212]", "-", " ".join(text.split()))
    notes = list(_NOTE.finditer(text))
    bare = _NOTE.sub(" ", text)
    matches = list(_PART.finditer(bare))
    leftover = _PART.sub(" ", bare)
    if not matches or len(leftover.split()) > _MOST_LEFTOVER_WORDS:
        return []
    # A note at the end of the cell dates all of it; the period of a note inside, its part.
    trailing = notes[-1] if notes and not text[notes[-1].end() :].strip() else None
    cell_period = note_period(trailing.group(1), period) if trailing else None
    parts = []
    for match in matches:
        part = _part(match, cell_period or period)
        if part is not None:
            parts.append(part)
    return parts


def _part(match: re.Match, period: Span) -> CellPart | None:
    label = (match["label"] or "").strip()
    if _TO_DATE.match(label):
        label = ""
    elif _MONTHS.match(label):
        period = _months(label, period)
        label = ""
    number = match["number"].replace(",", "")
    value = Decimal(number)
    signed = bool(match["sign"]) and not match["label"]
    if match["sign"] == "-" and signed:
        value = -value
    percent = bool(match["percent"])
    return CellPart(
        label=_singular(label),
        value=value,
        unit="percent" if percent else "count",
        # "-23.81%" in a column of values is the change, not the value.
        measure="change" if signed and percent else "value",
        period=period,
        decimal="." in number,
    )


def _months(label: str, period: Span) -> Span:
    start, end = read_timescale(label, financial_year_of(period.end))
    return Span(start, end) if start and end else period


def note_period(note: str, period: Span | None = None) -> Span | None:
    """The period a note gives ("December 2012", "12m to Sept 12", "1st Jan 2012 - 31st
    Dec 2012"); a month alone ends a year of figures, as these tables' rates run. Months
    without a year fall in the financial year of `period`."""
    if _STATED_CHANGE.match(note):
        return None
    start, end = read_timescale(note, financial_year_of(period.end) if period else None)
    if end is None:
        return None
    if start is None or (end - start).days < 31:
        # "December 2012", "12m to Sept 12": the twelve months to the end of that month.
        last = month_span(end.year, end.month)
        return Span(_year_before(last.end), last.end)
    return Span(start, end)


def _year_before(day: date) -> date:
    """The first day of the twelve months that end with `day`'s month."""
    return _next_month(date(day.year - 1, day.month, 1))


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _singular(label: str) -> str:
    # "Opiates" in one column and "Opiate" in the next are one part.
    return re.sub(r"(?<=[a-z]{3})s$", "", label)
