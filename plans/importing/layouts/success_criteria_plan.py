"""A community safety plan with key priorities, a consultation ranking of them, and for each
priority its success criteria, associated success criteria and activities; perhaps also the
Hallmarks of Effective Partnership Working with actions of their own."""

import re
from decimal import Decimal

from ..context import Context
from ..lines import Line, clean, emphasised_tail, item_text, next_filled
from ..structure import ActionInfo, CriterionInfo, ParsedDocument, PriorityInfo
from ..text import best_match, words
from .common import (
    add_figures,
    check_stated_count,
    find_priority_list,
    numbered_priorities,
    start_document,
    text_action,
)

LAYOUT = "success_criteria_plan"
HALLMARK_CODE = "H"

_PRIORITY_HEADING = re.compile(
    r"^priority(?:\s+(?P<code>\w{1,2}))?\s*[-\u2013:]\s*(?P<title>\S.*)$", re.IGNORECASE
)
_CRITERIA = re.compile(r"^(?P<associated>associated\s+)?success\s+criteria\s*:?$", re.IGNORECASE)
_ACTIVITIES = re.compile(r"^(?:key\s+)?(?:activities|actions)\s*:?$", re.IGNORECASE)
_HALLMARK = re.compile(r"\bhallmarks?\b", re.IGNORECASE)
_ACTION_PLAN = re.compile(r"[\s,:\-\u2013]*\baction\s+plan\s*$", re.IGNORECASE)
_LAA = re.compile(r"\(\s*LAA(?:\s+target)?\s*\)|\bLAA\s+target\b", re.IGNORECASE)
_BY_PERCENT = re.compile(r"\bby\s+(?P<number>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bto be (?:identified|agreed|confirmed|decided|determined)\b", re.I)


def matches(lines: list[Line], corrections=None) -> bool:
    texts = [clean(line.plain) for line in lines]
    return any(_CRITERIA.match(text) for text in texts) and any(
        _ACTIVITIES.match(text) for text in texts
    )


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "community_safety_plan")
    listed = find_priority_list(context.lines)
    if listed is not None:
        kind = "key_priority" if re.search(r"\bkey\b", listed.intro, re.I) else "priority"
        document.priorities = numbered_priorities(listed, kind)
        check_stated_count(context, listed, len(document.priorities))
        _rank_by_consultation(context, document.priorities)
    _read_priority_sections(context, document)
    _read_hallmarks(context, document)
    add_figures(context, document)
    return document


def _rank_by_consultation(context: Context, priorities: list[PriorityInfo]) -> None:
    """A numbered list whose items each name a priority ranks them."""
    titles = [priority.title for priority in priorities]
    for run in _numbered_runs(context.lines):
        matched = [best_match(text, titles) for _, _, text in run]
        if len(run) < 2 or None in matched or len(set(matched)) != len(matched):
            continue
        for (_, rank, _), index in zip(run, matched, strict=True):
            priorities[index].consultation_rank = rank
        return


def _numbered_runs(lines: list[Line]):
    run = []
    for line in lines:
        if line.is_blank:
            continue
        if line.numbered is not None:
            run.append((line.number, line.numbered[0], clean(line.numbered[1])))
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _read_priority_sections(context: Context, document: ParsedDocument) -> None:
    """Under "Priority - <title>": success criteria, associated ones, and activities."""
    priority, mode = None, ""
    for line in context.lines:
        context.at(line)
        text = item_text(line)
        if not text:
            continue
        heading = _PRIORITY_HEADING.match(text) if not line.is_row else None
        if heading:
            priority, mode = _priority_for(context, document, heading, line), ""
        elif _HALLMARK.search(text) and line.word_count <= 10:
            priority, mode = None, ""  # the hallmarks follow; they are read on their own
        elif _CRITERIA.match(text):
            mode = "associated" if _CRITERIA.match(text)["associated"] else "criteria"
        elif _ACTIVITIES.match(text):
            mode = "activities"
        elif priority is not None and mode:
            _add_item(context, document, priority, mode, line, text)


def _priority_for(context, document, heading: re.Match, line: Line) -> PriorityInfo:
    title = clean(heading["title"])
    titles = [priority.title for priority in document.priorities]
    index = best_match(title, titles, minimum=0.4)
    if index is not None:
        priority = document.priorities[index]
        # A heading that says more than the listed title ("..., particularly where ...").
        if len(set(words(title)) - set(words(priority.title))) >= 3:
            priority.narrative = title
        return priority
    code = str(len(document.priorities) + 1)
    context.warn(line.number, f'"{title}" is not one of the listed priorities; added as {code}')
    priority = PriorityInfo(code, "priority", title, order=int(code), line=line.number)
    document.priorities.append(priority)
    return priority


def _add_item(context, document, priority: PriorityInfo, mode: str, line: Line, text: str):
    if mode == "activities":
        document.actions.append(text_action(text, [priority.code], line.number))
        return
    if _PLACEHOLDER.search(text):
        context.warn(line.number, f'"{text}" is a placeholder, not a success criterion; skipped')
        return
    document.success_criteria.append(_criterion(priority.code, text, mode == "associated", line))


def _criterion(code: str, text: str, associated: bool, line: Line) -> CriterionInfo:
    laa = bool(_LAA.search(text))
    text = clean(_LAA.sub("", text))
    target = _BY_PERCENT.search(text)
    return CriterionInfo(
        priority_code=code,
        text=text,
        associated=associated,
        laa=laa,
        target_value=Decimal(target["number"]) if target else None,
        target_unit="percent" if target else "",
        line=line.number,
    )


def _read_hallmarks(context: Context, document: ParsedDocument) -> None:
    """The hallmarks' action plan (a list under its heading) and their descriptions."""
    lines = context.lines
    heading_index = next(
        (
            index
            for index, line in enumerate(lines)
            if _HALLMARK.search(line.plain) and _ACTION_PLAN.search(line.plain)
        ),
        None,
    )
    if heading_index is None:
        return
    heading = lines[heading_index]
    priority = PriorityInfo(
        code=HALLMARK_CODE,
        kind="hallmark",
        title=clean(_ACTION_PLAN.sub("", heading.plain)),
        order=len(document.priorities) + 1,
        narrative=_hallmark_descriptions(lines, heading_index),
        line=heading.number,
    )
    document.priorities.append(priority)
    document.actions += _hallmark_actions(context, heading_index)


def _hallmark_actions(context: Context, heading_index: int) -> list[ActionInfo]:
    actions = []
    index = next_filled(context.lines, heading_index + 1)
    while index is not None and context.lines[index].bullet is not None:
        line = context.at(context.lines[index])
        text, note = emphasised_tail(line.bullet)
        action = text_action(text, [HALLMARK_CODE], line.number)
        if note:
            action.description = f"{action.description or action.title}\n\n{note}".strip()
        actions.append(action)
        index = next_filled(context.lines, index + 1)
    return actions


def _hallmark_descriptions(lines: list[Line], after: int) -> str:
    """ "Heading: paragraph" for each hallmark under a later heading naming the hallmarks."""
    start = next(
        (
            index
            for index in range(after + 1, len(lines))
            if _HALLMARK.search(lines[index].plain) and 0 < lines[index].word_count <= 8
        ),
        None,
    )
    if start is None:
        return ""
    parts, heading = [], ""
    for line in lines[start + 1 :]:
        text = clean(line.plain)
        if not text:
            continue
        if _PRIORITY_HEADING.match(text):
            break
        if line.word_count <= 8 and not text.endswith("."):
            heading = text
        else:
            parts.append(f"{heading}: {text}" if heading else text)
            heading = ""
    return "\n\n".join(parts)
