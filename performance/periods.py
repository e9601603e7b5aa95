"""Reporting periods: UK financial years (April to March), their quarters, and months.

Observations are stored with any start and end date. A figure for a standard period is the
observation for exactly that period or, for counts, the sum of the quarters or months that
make it up when every one of them is present: a year with a missing month has no figure,
rather than a figure that looks low.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property

YEAR, QUARTER, MONTH, OTHER = "year", "quarter", "month", "other"
KIND_ORDER = {YEAR: 0, QUARTER: 1, MONTH: 2, OTHER: 3}


@cache  # a page asks for the same few hundred month ends thousands of times
def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: datetime.date, months: int) -> tuple[int, int]:
    """The (year, month) that is `months` months after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def financial_year_of(day: datetime.date) -> int:
    """The calendar year in which the financial year holding `day` starts."""
    return day.year if day.month >= 4 else day.year - 1


# What a period is called and what kind it is are cached on it (cached_property writes to the
# instance's __dict__, which a frozen dataclass allows; equality, order and hash stay on start
# and end): a page's period selector and trends ask each of a few hundred periods several times.
@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(datetime.date(year, month, 1), month_end(year, month))

    @classmethod
    def quarter(cls, first_year: int, number: int) -> "Period":
        """Quarter 1 to 4 of the financial year starting in April of `first_year`."""
        year, month = add_months(datetime.date(first_year, 4, 1), 3 * (number - 1))
        end_year, end_month = add_months(datetime.date(year, month, 1), 2)
        return cls(datetime.date(year, month, 1), month_end(end_year, end_month))

    @classmethod
    def financial_year(cls, first_year: int) -> "Period":
        return cls(datetime.date(first_year, 4, 1), datetime.date(first_year + 1, 3, 31))

    @classmethod
    def from_key(cls, key: str) -> "Period":
        """Read a key made by `.key`: "fy-2021", "fy-2021-q3" or "m-2021-12"."""
        try:
            parts = key.split("-")
            if parts[0] == "fy" and len(parts) == 2:
                return cls.financial_year(int(parts[1]))
            if parts[0] == "fy" and len(parts) == 3 and parts[2] in {"q1", "q2", "q3", "q4"}:
                return cls.quarter(int(parts[1]), int(parts[2][1]))
            if parts[0] == "m" and len(parts) == 3:
                return cls.month(int(parts[1]), int(parts[2]))
        except ValueError:
            pass
        raise ValueError(f"Not a period: {key!r}")

    # What kind of period this is

    @cached_property
    def months(self) -> int | None:
        """How many whole calendar months the period spans; None if it does not align."""
        if self.start.day != 1 or self.end != month_end(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @cached_property
    def kind(self) -> str:
        months = self.months
        if months == 1:
            return MONTH
        if months == 3 and self.start.month in {4, 7, 10, 1}:
            return QUARTER
        if months == 12 and self.start.month == 4:
            return YEAR
        return OTHER

    @cached_property
    def key(self) -> str | None:
        kind, first_year = self.kind, financial_year_of(self.start)
        if kind == YEAR:
            return f"fy-{first_year}"
        if kind == QUARTER:
            return f"fy-{first_year}-q{self.quarter_number}"
        if kind == MONTH:
            return f"m-{self.start.year}-{self.start.month:02d}"
        return None

    @cached_property
    def quarter_number(self) -> int:
        return (self.start.month - 4) % 12 // 3 + 1

    @cached_property
    def label(self) -> str:
        kind, first_year = self.kind, financial_year_of(self.start)
        year_label = f"{first_year}/{str(first_year + 1)[-2:]}"
        if kind == YEAR:
            return year_label
        if kind == QUARTER:
            return f"Q{self.quarter_number} {year_label} ({self.span_label})"
        if kind == MONTH:
            return self.start.strftime("%B %Y")
        return self.span_label

    @cached_property
    def short_label(self) -> str:
        kind = self.kind
        if kind == QUARTER:
            first_year = financial_year_of(self.start)
            return f"Q{self.quarter_number} {first_year}/{str(first_year + 1)[-2:]}"
        if kind == MONTH:
            return self.start.strftime("%b %Y")
        return self.label

    @cached_property
    def span_label(self) -> str:
        if self.months:
            first, last = self.start.strftime("%B"), self.end.strftime("%B %Y")
            if self.start.year != self.end.year:
                first = self.start.strftime("%B %Y")
            return last if self.months == 1 else f"{first} to {last}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    # Other periods from this one

    def shifted(self, months: int) -> "Period":
        """The same span moved by a number of months; a span that is not whole months moves
        by whole years only."""
        if self.months:
            start_year, start_month = add_months(self.start, months)
            end_year, end_month = add_months(self.end, months)
            return Period(datetime.date(start_year, start_month, 1), month_end(end_year, end_month))
        years, rest = divmod(months, 12)
        if rest:
            raise ValueError("A span that is not whole months moves by whole years only.")
        return Period(_add_years(self.start, years), _add_years(self.end, years))

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        if self.months:
            return self.shifted(-self.months)
        length = self.end - self.start + datetime.timedelta(days=1)
        return Period(self.start - length, self.end - length)

    def year_before(self) -> "Period":
        return self.shifted(-12)

    def series(self, count: int) -> list["Period"]:
        """This period and those before it, oldest first: consecutive for months, quarters and
        years; the same span in earlier years for any other span (April to December...)."""
        step = self.months if self.kind != OTHER else 12
        return [self.shifted(-step * back) for back in reversed(range(count))]

    def parts(self) -> list[list["Period"]]:
        """The ways to make up this period from quarters or months, coarsest first."""
        months = self.months
        if not months or months == 1:
            return []
        by_month = [self.month_at(offset) for offset in range(months)]
        ways = []
        if self.kind == YEAR:
            ways.append([Period.quarter(self.start.year, number) for number in range(1, 5)])
        return [*ways, by_month]

    def month_at(self, offset: int) -> "Period":
        year, month = add_months(self.start, offset)
        return Period.month(year, month)

    def containing(self, kind: str) -> "Period":
        """The financial year, quarter or month in which this period starts."""
        first_year = financial_year_of(self.start)
        if kind == YEAR:
            return Period.financial_year(first_year)
        if kind == QUARTER:
            return Period.quarter(first_year, (self.start.month - 4) % 12 // 3 + 1)
        return Period.month(self.start.year, self.start.month)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def value_for(values: dict, period: Period, additive: bool) -> Decimal | None:
    """The figure for a period from {(start, end): value}: exact, or summed from its parts."""
    exact = values.get((period.start, period.end))
    if exact is not None or not additive:
        return exact
    for parts in period.parts():
        found = [values.get((part.start, part.end)) for part in parts]
        if all(value is not None for value in found):
            return sum(found, Decimal(0))
    return None


def available_periods(spans) -> list[Period]:
    """The financial years, quarters and months that a set of (start, end) spans can give a
    figure for, newest first and, for the same end, the longest first."""
    present = dict.fromkeys(spans, Decimal(1))
    candidates = set()
    for start, end in present:
        for kind in (YEAR, QUARTER, MONTH):
            candidates.add(Period(start, end).containing(kind))
    found = [period for period in candidates if value_for(present, period, additive=True)]
    return sorted(found, key=lambda p: (-p.end.toordinal(), KIND_ORDER[p.kind]))


OLD_AFTER_MONTHS = 6


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later` (0 when later is not a full month on)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def figure_age_note(period: Period, today: datetime.date) -> str | None:
    """A plain note when a figure's period ended more than six months before `today`."""
    months = months_between(period.end, today)
    if months < OLD_AFTER_MONTHS:
        return None
    age = f"{months // 12} years" if months >= 24 else f"{months} months"
    return f"This is an old figure: its period ended {period.end:%-d %B %Y}, {age} ago."
