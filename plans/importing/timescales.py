"""Read dates out of the free text plans use for timescales, periods and "as at" notes.

"May – October 2011", "During 2011-12", "Summer 2011", "July- Sept", "by end of 2011/12",
"Pre-event to November 5 th 2012", "Ongoing". A month or season written without a year
is placed in the plan's financial year (April to March), which the caller passes in.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# First and last month of each season; winter runs into the next year.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_ORD = r"(?:st|nd|rd|th)?"

# Alternatives are tried in order at each position, so longer forms come first.
_MENTION = re.compile(
    rf"""
    \b(?P<fy1>(?:19|20)\d\d)\s*[-/]\s*(?P<fy2>(?:19|20)?\d\d)\b
    | \b(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<ny>\d{{4}}|\d\d)\b
    | \b(?P<dd>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dm>{_MONTH})\.?,?\s+(?P<dy>\d{{4}})\b
    | \b(?P<mm>{_MONTH})\.?\s+(?P<md>\d{{1,2}}){_ORD},?\s+(?P<my>\d{{4}})\b
    | \b(?P<ym>{_MONTH})\.?,?\s*'?(?P<yy>\d{{4}}|\d\d)\b
    | \b(?P<ss>{_SEASON})\s+(?P<sy>\d{{4}})\b
    | \bq(?P<q>[1-4])\b
    | \b(?P<m>{_MONTH})\b
    | \b(?P<s>{_SEASON})\b
    | \b(?P<y>(?:19|20)\d\d)\b
    """,
    re.VERBOSE,
)
_OPEN_ENDED = re.compile(
    r"\b(?:on-?going|continuous|continuing|as required|as and when|tbc|tba"
    r"|to be (?:confirmed|agreed))\b"
)
_DUE_ONLY = re.compile(r"(?:\bby|\bbefore|\buntil|\btill|\bno later than|\bend of|\bto|-)\s*$")
_START_ONLY = re.compile(r"\b(?:from|after|starting|commencing|beginning)\s*$")


@dataclass(frozen=True)
class Span:
    start: date
    end: date


@dataclass(frozen=True)
class _Mention:
    """One date expression in a text; `year` is None when the text gave no year."""

    kind: str  # "span" (fully dated), "month" or "season" (year may be missing), "quarter"
    span: Span | None = None
    month: int = 0
    season: str = ""
    quarter: int = 0
    year: int | None = None
    position: int = 0


def normalise(text: str) -> str:
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2012", "-")
    text = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text)  # "5 th" is "5th"
    return re.sub(r"\s+", " ", text).strip()


def month_span(year: int, month: int) -> Span:
    return Span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def financial_years(first_year: int, last_year: int) -> Span:
    """April of the first year to March of the last: "2011/12" is (2011, 2012)."""
    return Span(date(first_year, 4, 1), date(last_year, 3, 31))


def financial_year_of(day: date) -> int:
    """The year in which the financial year holding `day` starts."""
    return day.year if day.month >= 4 else day.year - 1


def read_timescale(text: str, financial_year: int | None = None) -> tuple[date | None, date | None]:
    """Start and due dates of a timescale, None where the text does not say.

    `financial_year` is the year the plan's financial year starts in; it places months and
    seasons written without a year.
    """
    text = normalise(text)
    mentions = _mentions(text)
    if not mentions or (_OPEN_ENDED.search(text) and not any(m.year for m in mentions)):
        return None, None
    if len(mentions) == 1:
        return _single(text, mentions[0], financial_year)
    last = _resolve(mentions[-1], financial_year)
    first = _resolve(mentions[0], financial_year, following=last)
    return (first.start if first else None), (last.end if last else None)


def read_period(text: str) -> Span | None:
    """The period a heading or title covers: "March 2008 to March 2011", "2019/20"."""
    start, end = read_timescale(text)
    if start is None or end is None or end < start:
        return None
    return Span(start, end)


def read_date(text: str) -> date | None:
    """One day: "June 12th 2008", "26/3/12", "5 November 2012"."""
    for mention in _mentions(normalise(text)):
        if mention.kind == "span" and mention.span.start == mention.span.end:
            return mention.span.start
    return None


def find_dated_phrase(text: str) -> str | None:
    """A dated phrase inside other text ("... event in March 2020"), when there is exactly one."""
    pattern = re.compile(
        rf"\b(?:in|by|during|before|until|from)\s+(?:(?:the\s+)?end\s+of\s+)?"
        rf"(?:{_MONTH}\s+\d{{4}}|{_SEASON}\s+\d{{4}}|(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d)\b",
        re.IGNORECASE,
    )
    phrases = pattern.findall(text)
    return phrases[0] if len(phrases) == 1 else None


def _single(text: str, mention: _Mention, financial_year: int | None):
    span = _resolve(mention, financial_year)
    if span is None:
        return None, None
    before = text[: mention.position]
    if _DUE_ONLY.search(before):
        return None, span.end
    if _START_ONLY.search(before):
        return span.start, None
    return span.start, span.end


def _mentions(text: str) -> list[_Mention]:
    mentions = []
    for match in _MENTION.finditer(text):
        mention = _mention(match)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _mention(match: re.Match) -> _Mention | None:
    g = match.groupdict()
    position = match.start()
    try:
        if g["fy1"]:
            first, last = int(g["fy1"]), _full_year(g["fy2"], century_of=int(g["fy1"]))
            if last <= first:
                return None
            return _Mention("span", financial_years(first, last), position=position)
        if g["nd"]:
            day = date(_full_year(g["ny"]), int(g["nm"]), int(g["nd"]))
            return _Mention("span", Span(day, day), position=position)
        if g["dd"]:
            day = date(int(g["dy"]), _month(g["dm"]), int(g["dd"]))
            return _Mention("span", Span(day, day), position=position)
        if g["mm"]:
            day = date(int(g["my"]), _month(g["mm"]), int(g["md"]))
            return _Mention("span", Span(day, day), position=position)
    except ValueError:  # the 31st of a 30-day month, month 13...
        return None
    if g["ym"]:
        year = _full_year(g["yy"])
        return _Mention("month", month=_month(g["ym"]), year=year, position=position)
    if g["ss"]:
        return _Mention("season", season=g["ss"], year=int(g["sy"]), position=position)
    if g["q"]:
        return _Mention("quarter", quarter=int(g["q"]), position=position)
    if g["m"]:
        return _Mention("month", month=_month(g["m"]), position=position)
    if g["s"]:
        return _Mention("season", season=g["s"], position=position)
    year = int(g["y"])
    return _Mention(
        "span", Span(date(year, 1, 1), date(year, 12, 31)), year=year, position=position
    )


def _resolve(mention: _Mention, financial_year: int | None, following: Span | None = None):
    """The span of a mention, placing a missing year from the next date or the financial year."""
    if mention.kind == "span":
        return mention.span
    if mention.kind == "quarter":
        if financial_year is None:
            return None
        first_month = 4 + 3 * (mention.quarter - 1)
        year = financial_year + (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
        return Span(month_span(year, first_month).start, month_span(year, first_month + 2).end)
    first_month, last_month = (
        (mention.month, mention.month) if mention.kind == "month" else SEASONS[mention.season]
    )
    year = mention.year
    if year is None and following is not None:
        # "May - October 2011": the first month takes the year of the last one.
        year = following.start.year - (1 if first_month > following.start.month else 0)
    if year is None and financial_year is not None:
        year = financial_year if first_month >= 4 else financial_year + 1
    if year is None:
        return None
    last_year = year + 1 if last_month < first_month else year
    return Span(month_span(year, first_month).start, month_span(last_year, last_month).end)


def _month(name: str) -> int:
    return MONTHS[name[:3]]


def _full_year(text: str, century_of: int | None = None) -> int:
    year = int(text)
    if year >= 100:
        return year
    if century_of is not None:
        return century_of // 100 * 100 + year
    return 2000 + year if year < 70 else 1900 + year
