"""Targets stated in words: "Reduce the number of <things counted> by <n>% to <number> by
<year>", "to reduce <things counted> in the <area> by <n>% by <year>".

The percentage is the success criterion as the document states it; the number it gives
("to 9,704") is a target for the indicator over the year the target falls due.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .structure import CriterionInfo
from .timescales import Span, financial_years

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_STATED_TARGET = re.compile(
    rf"\b(?P<verb>reduce|reducing|cut|cutting|lower|increase|increasing|raise|improve)\s+"
    rf"(?:the\s+(?:number|level|rate|amount|volume)\s+of\s+)?(?P<what>[^.;:]+?)\s+"
    rf"(?:(?:by\s+(?P<percent>\d+(?:\.\d+)?)\s*%)(?:\s+to\s+(?P<value>{_NUMBER}))?"
    rf"|to\s+(?P<only_value>{_NUMBER})(?!\s*%))"
    rf"(?:\s+(?:by|in|before|during)\s+(?:the\s+end\s+of\s+)?"
    rf"(?P<year>(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?))?",
    re.IGNORECASE,
)
# Where the document says the target applies, not what it counts.
_WHERE = re.compile(
    r"\s+(?:(?:city|borough|county|district|force|town)-?wide"
    r"|(?:in|across|throughout|within)\s+the\s+(?:city|borough|district|county|town|area))$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedTarget:
    indicator: str  # what is counted, in the document's words
    percent: Decimal | None  # the change promised, negative for a reduction
    value: Decimal | None  # the number to reach, where stated
    period: Span  # the year the target falls due
    text: str  # the text holding the target
    phrase: str  # the target itself: "reduce total crime in the Borough by 16% by 2008"


def read_stated_target(text: str, plan_end: date | None) -> StatedTarget | None:
    """The first target stated in the text, or None. A target with no year falls due at the
    end of the plan; one due "by 2005" in a plan ending in March 2005 is for 2004/05."""
    match = _STATED_TARGET.search(text)
    if not match or not (match["percent"] or match["value"] or match["only_value"]):
        return None
    what = _WHERE.sub("", match["what"].strip())
    reduce = match["verb"].lower().startswith(("reduc", "cut", "lower"))
    percent = Decimal(match["percent"]) if match["percent"] else None
    if percent is not None and reduce:
        percent = -percent
    value = match["value"] or match["only_value"]
    period = _due_period(match["year"], plan_end)
    if period is None:
        return None
    return StatedTarget(
        indicator=what[:1].upper() + what[1:],
        percent=percent,
        value=Decimal(value.replace(",", "")) if value else None,
        period=period,
        text=text.strip(),
        phrase=match.group(0).strip(),
    )


def _due_period(year: str | None, plan_end: date | None) -> Span | None:
    if year and re.search(r"[/-]", year):
        first, last = re.split(r"\s*[/-]\s*", year)
        last_year = int(last) if len(last) == 4 else int(first[:2] + last)
        return financial_years(int(first), last_year) if last_year > int(first) else None
    due = int(year) if year else (plan_end.year if plan_end else None)
    if due is None:
        return None
    if plan_end and plan_end.year == due and plan_end.month == 3:
        # Plans run over financial years: "by 2005" in a plan ending March 2005 is 2004/05.
        return financial_years(due - 1, due)
    return Span(date(due, 1, 1), date(due, 12, 31))


def target_criterion(code: str, text: str, line: int, stated: StatedTarget | None) -> CriterionInfo:
    """A priority's success criterion for a target stated in words, with its percentage."""
    percent = stated.percent if stated else None
    return CriterionInfo(
        priority_code=code,
        text=text,
        associated=False,
        laa=False,
        target_value=abs(percent) if percent is not None else None,
        target_unit="percent" if percent is not None else "",
        line=line,
    )
