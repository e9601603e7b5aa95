"""Figures written in sentences: "Total crime fell by 16.9% (1998/99: 10,577 to 2000/01:
8,792)", "Burglary rose from 412 in 2009/10 to 450 in 2010/11, 38 crimes = 9.2% increase".

Each period and its number is an observation of the sentence's subject. A change the
sentence states is checked against the numbers, as a table's is: a warning when they
disagree, silence when they agree; the numbers are kept either way.
"""

import re
from decimal import Decimal

from .context import Context
from .figures import StatedChange, check_change, stated_change
from .lines import clean
from .structure import Figure
from .text import sentence_case
from .timescales import read_period

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_PERIOD = (
    r"(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?"
    r"|[A-Z][a-z]{2,8}\.?\s*(?:-\s*[A-Z][a-z]{2,8}\.?\s*)?(?:19|20)?\d\d"
)
# "1998/99: 10,577", and "10,577 in 1998/99" after "from" or "to".
_PERIOD_FIRST = re.compile(rf"(?P<period>{_PERIOD})\s*:\s*(?P<value>{_NUMBER})\b")
_VALUE_FIRST = re.compile(rf"\b(?:from|to)\s+(?P<value>{_NUMBER})\s+in\s+(?P<period>{_PERIOD})\b")
_MOVED = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?P<verb>fell|fallen|dropped|decreased|reduced|went\s+down"
    r"|rose|risen|increased|went\s+up|grew)\b",
    re.IGNORECASE,
)
_BY_PERCENT = re.compile(r"^\s*by\s+(?P<percent>\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
_STATED_IN_SENTENCE = re.compile(
    rf"\b(?:{_NUMBER})\s+[a-z]+\s*(?:=\s*\d+(?:\.\d+)?\s*%\s*[a-z]+"
    rf"|(?:more|fewer|less|higher|lower)\s*[a-z]*\s*\(\s*[-+]?\s*\d+(?:\.\d+)?\s*%\s*\))",
    re.IGNORECASE,
)
_UP_VERBS = ("rose", "risen", "increased", "went up", "grew")
_SUBJECT_WORDS = 6


def read_prose_figures(context: Context) -> list[Figure]:
    figures: list[Figure] = []
    for line in context.lines:
        if line.is_row or line.is_blank:
            continue
        context.at(line)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", clean(line.plain)):
            figures.extend(_sentence_figures(context, line.number, sentence))
    return figures


def _sentence_figures(context: Context, number: int, sentence: str) -> list[Figure]:
    found = _dated_values(sentence)
    if len(found) < 2:
        return []
    first_at = min(match.start() for match, _ in found)
    moved = _MOVED.search(sentence, 0, first_at + 1) or _MOVED.search(sentence)
    subject = _subject(sentence[: moved.start()] if moved else sentence[:first_at])
    if not subject:
        return []
    figures = [
        Figure(subject, period.start, period.end, value, "count", number)
        for match, period in found
        for value in [_value(match["value"])]
    ]
    figures.sort(key=lambda figure: figure.period_start)
    for text, stated in _stated(sentence, moved):
        check_change(context, number, subject, figures[0], figures[-1], text, stated)
    return figures


def _dated_values(sentence: str):
    found = []
    for pattern in (_PERIOD_FIRST, _VALUE_FIRST):
        for match in pattern.finditer(sentence):
            period = read_period(match["period"])
            if period is not None and period.start != period.end:
                found.append((match, period))
    return found


def _value(text: str):
    return Decimal(text.replace(",", ""))


def _subject(text: str) -> str:
    """ "In Northtown, total crime" -> "Total crime": the last clause, short enough to be
    an indicator's name."""
    clause = re.split(r"[,;:()]", text)[-1].strip()
    clause = re.sub(r"^(?:the|overall|recorded|and)\s+", "", clause, flags=re.IGNORECASE)
    if not clause or len(clause.split()) > _SUBJECT_WORDS or not re.search(r"[a-z]", clause):
        return ""
    return sentence_case(clause)


def _stated(sentence: str, moved: re.Match | None):
    """The changes the sentence states: "fell by 16.9%", "4992 crimes = 0.6% reduction"."""
    if moved:
        by = _BY_PERCENT.match(sentence[moved.end() :])
        if by:
            up = moved["verb"].lower() in _UP_VERBS
            percent = by["percent"]
            value = Decimal(percent) if up else -Decimal(percent)
            yield f"{moved['verb']} by {percent}%", StatedChange(None, value)
    for match in _STATED_IN_SENTENCE.finditer(sentence):
        stated = stated_change(match.group(0))
        if stated is not None:
            yield match.group(0), stated
