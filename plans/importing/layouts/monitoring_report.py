"""A monitoring report on a strategy: blocks of OBJECTIVE / TARGET / COMMENTS ON ACTIONS /
ON TARGET, one per target, for one quarter of the strategy's years.

Each objective is a priority (repeated at the head of each of its targets' blocks). Each
target is a success criterion of its objective (with its percentage), a target for its
indicator where it gives a number ("to 9,704 by 2005"), and an action whose progress updates
are the comments and whose RAG rating is the block's "On / Near to / Not on target". The
report's period ("April to June 2004") dates the updates; the plan is the strategy's
(its period is the strategy's years), which the writer finds rather than creates.
Lines come wrapped as a PDF extraction wraps them: headings and comments are joined again.
"""

import re
from dataclasses import dataclass, field

from ..context import Context
from ..lines import Line, clean
from ..structure import ActionInfo, ParsedDocument, PriorityInfo, TargetInfo
from ..targets import read_stated_target, target_criterion
from ..text import first_sentence, is_shouting, sentence_case
from ..timescales import Span, financial_year_of, financial_years, read_period, read_timescale
from .common import start_document, unwrap

LAYOUT = "monitoring_report"

_OBJECTIVE = re.compile(
    r"^(?:strategic\s+)?(?:objective|aim)\s*(?P<code>\d{1,2}(?:\.\d{1,2})?|[A-Z](?=[.:)\s]))?"
    r"\s*[.:)\u2013-]*\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
_TARGET = re.compile(r"^targets?\s*\d{0,2}\s*[:.)\u2013-]+\s*(?P<text>.*)$", re.IGNORECASE)
_COMMENTS = re.compile(
    r"^(?:comments?(?:\s+on\s+(?:actions?|progress))?|progress(?:\s+(?:to\s+date|update|"
    r"on\s+actions?))?|actions?\s+and\s+progress)\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# The RAG key's words, most specific first.
RAG_WORDS = (
    (re.compile(r"\bnot\s+on\s+target\b|\boff\s+target\b|\bred\b", re.IGNORECASE), "red"),
    (re.compile(r"\bnear\s+(?:to\s+)?target\b|\bamber\b", re.IGNORECASE), "amber"),
    (re.compile(r"\bon\s+target\b|\bexceed\w*\s+target\b|\bgreen\b", re.IGNORECASE), "green"),
)
_QUARTER = re.compile(r"\b(?:q|quarter\s*)([1-4])\b|\b([1-4])(?:st|nd|rd|th)\s+quarter\b", re.I)
_FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[/-]\s*(?:(?:19|20)?\d\d)\b")
# At most this many words on each line of a RAG cell ("ON" / "TARGET").
_RAG_CELL_WORDS = 4


@dataclass
class _Block:
    """One target's block: the objective above it, the target, the comments, the RAG cell."""

    priority: PriorityInfo
    target_line: Line
    target_lines: list[Line] = field(default_factory=list)
    comment_lines: list[Line] = field(default_factory=list)
    rag_cell: list[str] = field(default_factory=list)
    in_comments: bool = False


def matches(lines: list[Line], corrections=None) -> bool:
    """An objective heading followed by a target line, with comments under the target."""
    seen_objective = seen_target = False
    for line in lines:
        if line.is_row or line.is_blank:
            continue
        text = clean(line.plain)
        if _OBJECTIVE.match(text) and line.word_count <= 20:
            seen_objective, seen_target = True, False
        elif seen_objective and _TARGET.match(text):
            seen_target = True
        elif seen_target and _COMMENTS.match(text) and line.word_count <= 8:
            return True
    return False


def _read_plan_period(context: Context, plan, report) -> None:
    """The strategy's period found around the report's, or the report's financial year."""
    strategy = _strategy_period(context.lines, report)
    if strategy is not None:
        plan.start, plan.end = strategy.start, strategy.end
        return
    year = financial_year_of(report.start)
    span = financial_years(year, year + 1)
    plan.start, plan.end = span.start, span.end
    context.warn(
        None,
        "no strategy period found around the report's: the report is taken to be on "
        f"the plan for {year}/{str(year + 1)[2:]}",
    )


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "update_report")
    plan = document.plan
    plan.kind = "update_report"
    report = _report_period(context.lines)
    if report is not None:
        plan.last_updated = report.end
        # A period the admin gave is already the plan's (start_document).
        if not context.corrections.period_start:
            _read_plan_period(context, plan, report)
        plan.title = f"{_strategy_title(context.lines) or plan.title}: monitoring report, " + (
            f"{report.start:%B} to {report.end:%B %Y}"
        )
    priorities: dict[str, PriorityInfo] = {}
    for block in _blocks(context, priorities):
        _add_block(context, document, block)
    document.priorities = list(priorities.values())
    return document


def _report_period(lines: list[Line]) -> Span | None:
    """The quarter or months the report covers: a short line near the top ("April to June
    2004"), or a quarter of a financial year ("Quarter 2 2004/05", "2nd Quarter 2004-05")."""
    opening = [clean(line.plain) for line in lines[:40] if 0 < line.word_count <= 8]
    for text in opening:
        period = read_period(text)
        if period and 28 <= (period.end - period.start).days < 180:
            return period
    quarter = next((int(m[1] or m[2]) for m in map(_QUARTER.search, opening) if m), None)
    for text in opening if quarter else []:
        year = _FINANCIAL_YEAR.search(text)
        if year:
            start, end = read_timescale(f"q{quarter}", int(year[1]))
            return Span(start, end)
    return None


def _strategy_period(lines: list[Line], report: Span) -> Span | None:
    """The strategy's years ("2002 - 2005"): the longest period of a short line near the top
    that holds the report's; the financial year a quarter is of ("2004/05") is shorter."""
    periods = [read_period(clean(line.plain)) for line in lines[:40] if 0 < line.word_count <= 8]
    holding = [
        p
        for p in periods
        if p and p.start <= report.start and report.end <= p.end and (p.end - p.start).days >= 180
    ]
    return max(holding, key=lambda p: p.end - p.start, default=None)


def _strategy_title(lines: list[Line]) -> str:
    """ "Crime & Disorder Reduction Strategy 2002 - 2005": the heading naming the strategy
    reported on, with the line of its years under it."""
    for index, line in enumerate(lines[:40]):
        text = clean(line.plain)
        if not re.search(r"\b(?:strategy|plan)\b", text, re.IGNORECASE) or line.word_count > 10:
            continue
        if re.search(r"\b(?:monitoring|report)\b", text, re.IGNORECASE):
            continue
        title = sentence_case(text) if is_shouting(text) else text
        years = clean(lines[index + 1].plain) if index + 1 < len(lines) else ""
        period = read_period(years) if len(years.split()) <= 4 else None
        return f"{title} {years}" if period else title
    return ""


def _blocks(context: Context, priorities: dict[str, PriorityInfo]):
    block: _Block | None = None
    priority: PriorityInfo | None = None
    for line in context.lines:
        context.at(line)
        text = clean(line.plain)
        objective = _OBJECTIVE.match(text) if line.word_count <= 20 else None
        target = _TARGET.match(text)
        if objective and not line.is_row:
            priority = _priority(priorities, objective, line)
            if block:
                yield block
            block = None
        elif target and priority is not None:
            if block:
                yield block
            block = _Block(priority, line, [line])
        elif block is None or not text:
            continue
        elif _COMMENTS.match(text) and not block.in_comments and line.word_count <= 8:
            block.in_comments = True
            rest = _COMMENTS.match(text)["rest"]
            if rest:
                block.rag_cell.append(rest)
        elif not block.in_comments:
            block.target_lines.append(line)
        elif not block.comment_lines and line.word_count <= _RAG_CELL_WORDS:
            block.rag_cell.append(text)  # the RAG column's cell, wrapped over short lines
        else:
            block.comment_lines.append(line)
    if block:
        yield block


def _priority(priorities: dict[str, PriorityInfo], match: re.Match, line: Line) -> PriorityInfo:
    title = match["title"].strip(" .:-")
    title = sentence_case(title) if is_shouting(title) else title
    code = match["code"] or str(len(priorities) + 1)
    if code not in priorities:
        priorities[code] = PriorityInfo(
            code=code, kind="priority", title=title, order=len(priorities) + 1, line=line.number
        )
    return priorities[code]


def _add_block(context: Context, document: ParsedDocument, block: _Block) -> None:
    first = _TARGET.match(clean(block.target_line.plain))["text"]
    wrapped = [first] + [clean(line.plain) for line in block.target_lines[1:]]
    text = " ".join(part for part in wrapped if part)
    number, code = block.target_line.number, block.priority.code
    stated = read_stated_target(text, document.plan.end)
    document.success_criteria.append(target_criterion(code, text, number, stated))
    if stated and stated.value is not None:
        document.targets.append(
            TargetInfo(
                stated.indicator, stated.period.start, stated.period.end, stated.value, number, text
            )
        )
    rag = _rag(block.rag_cell) or _rag_at_end(block.comment_lines)
    if not rag:
        context.warn(number, f'no "on target" rating found for the target "{first_sentence(text)}"')
    progress = [paragraph for _, paragraph in unwrap(block.comment_lines)]
    document.actions.append(
        ActionInfo(
            title=first_sentence(text),
            target=text,
            priority_codes=[code],
            progress=progress,
            rag=rag,
            line=number,
            rows=[number],
        )
    )


def _rag_at_end(comment_lines: list[Line]) -> str:
    """A RAG cell that the extraction put after the comments: short lines of capitals at
    the end of the block ("ON" / "TARGET"), taken off the comments."""
    cell: list[Line] = []
    for line in reversed(comment_lines):
        letters = [c for c in line.plain if c.isalpha()]
        if line.word_count > _RAG_CELL_WORDS or not all(c.isupper() for c in letters):
            break
        cell.insert(0, line)
    rag = _rag([clean(line.plain) for line in cell])
    if rag:
        del comment_lines[len(comment_lines) - len(cell) :]
    return rag


def _rag(cell: list[str]) -> str:
    text = " ".join(cell)
    for pattern, rag in RAG_WORDS:
        if pattern.search(text):
            return rag
    return ""
