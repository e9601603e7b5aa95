"""Steps every layout shares: the document's frame, lists of priorities, figures at the end."""

import re
from dataclasses import dataclass

from ..context import Context
from ..document_info import (
    fill_from_file_name,
    read_members,
    read_partnership,
    read_plan,
    read_title,
)
from ..figures import read_figures
from ..lines import Line, clean, item_text, next_filled
from ..prose_figures import read_prose_figures
from ..structure import ActionInfo, ParsedDocument, PlanInfo, PriorityInfo
from ..text import first_sentence, stated_count
from ..timescales import financial_year_of

_LIST_HEADING = re.compile(
    r"^(?:our\s+|key\s+|strategic\s+|the\s+)?(?:aims|priorities|objectives)"
    r"(?:\s+for\s+[\w/ -]+)?\s*:?$",
    re.IGNORECASE,
)
_LIST_WORD = re.compile(r"\b(?:aims|priorities|objectives)\b", re.IGNORECASE)


def start_document(context: Context, layout: str, default_kind: str) -> ParsedDocument:
    title = read_title(context.lines)
    document = ParsedDocument(
        source=context.source,
        layout=layout,
        partnership=read_partnership(context.lines, title),
        plan=read_plan(context.lines, title, default_kind),
        members=read_members(context),
        warnings=context.warnings,
    )
    corrections = context.corrections
    if corrections.period_start and corrections.period_end:
        # The admin's period is the plan's from the start, so that what the layout reads
        # against it (a timescale with no year, a table's undated figures) takes it.
        document.plan.start, document.plan.end = corrections.period_start, corrections.period_end
    fill_from_file_name(document, corrections)
    return document


def add_figures(context: Context, document: ParsedDocument) -> None:
    document.figures, document.targets = read_figures(context, document.plan)
    document.figures += read_prose_figures(context)


def financial_year(plan: PlanInfo) -> int | None:
    return financial_year_of(plan.start) if plan.start else None


@dataclass
class ListedPriorities:
    intro: str  # the line before the list: "Key Priorities:", "... the following five aims;"
    kind_word: str  # "aims", "priorities" or "objectives", as the document calls them
    items: list[Line]
    texts: list[str]
    end: int  # index of the line after the list
    stated: int | None  # "the following five aims": how many the document says there are


def find_priority_list(lines: list[Line]) -> ListedPriorities | None:
    """The first list of aims or priorities: bullets after "... the following five aims;",
    or short lines under a heading such as "Priorities" or "Key Priorities:"."""
    for index, line in enumerate(lines):
        text = clean(line.plain)
        if line.is_row or not _LIST_WORD.search(text):
            continue
        heading = _LIST_HEADING.match(text)
        if not heading and not text.endswith((":", ";")) and not _numbers_follow(lines, index):
            continue
        items, end = _list_after(lines, index + 1, bullets_only=not heading)
        if len(items) >= 2:
            # The word nearest the list names its items: "... local priorities. ... our
            # Strategic Aims for the period ...".
            word = _LIST_WORD.findall(text)[-1].lower()
            texts = [item_text(item) for item in items]
            return ListedPriorities(text, word, items, texts, end, stated_count(text))
    return None


def _numbers_follow(lines: list[Line], index: int) -> bool:
    """ "... our Strategic Aims for the period April 2005 to March 2008." and then "1. To
    prevent ...": a sentence that ends with a full stop, then a list numbered from 1."""
    following = next_filled(lines, index + 1)
    if not clean(lines[index].plain).endswith(".") or following is None:
        return False
    numbered = lines[following].numbered
    return numbered is not None and numbered[0] == 1


def _list_after(lines: list[Line], start: int, bullets_only: bool):
    """The items after `start`: bulleted or numbered lines, or else short lines of their own."""
    items: list[Line] = []
    index = next_filled(lines, start)
    while index is not None:
        line = lines[index]
        is_item = line.bullet is not None or line.numbered is not None
        if bullets_only and not is_item:
            break
        if not is_item and not _is_short_item(line):
            break
        items.append(line)
        # A list that starts with bullets ends with them.
        bullets_only = bullets_only or is_item
        index = next_filled(lines, index + 1)
    return items, (index if index is not None else len(lines))


def _is_short_item(line: Line) -> bool:
    # A list item written as a line of its own; a line about the list ends it.
    text = clean(line.plain)
    return (
        0 < line.word_count <= 30
        and not _LIST_WORD.search(text)
        and not text.endswith(":")
        and len(line.filled_cells) <= 1
    )


def check_stated_count(context: Context, listed: ListedPriorities, found: int) -> None:
    if listed.stated is not None and listed.stated != found:
        context.warn(
            listed.items[0].number,
            f"the document speaks of {listed.stated} {listed.kind_word} but lists {found}",
        )


def priority_kind(word: str) -> str:
    return "aim" if word.startswith("aim") else "priority"


def numbered_priorities(listed: ListedPriorities, kind: str) -> list[PriorityInfo]:
    return [
        PriorityInfo(code=str(order), kind=kind, title=text, order=order, line=item.number)
        for order, (item, text) in enumerate(zip(listed.items, listed.texts, strict=True), start=1)
        if text
    ]


def text_action(text: str, codes: list[str], line: int) -> ActionInfo:
    """An action written as a sentence or paragraph: its first sentence is the title."""
    title = first_sentence(text)
    return ActionInfo(
        title=title,
        description=text if text != title else "",
        priority_codes=codes,
        line=line,
        rows=[line],
    )


# Words a sentence does not end on: a line ending with one goes on in the next line.
_CARRIES_ON = re.compile(
    r"(?:\b(?:a|an|the|of|and|or|to|for|with|in|on|by|from|at|as|into|includes?|including)"
    r"|\d|[,&/(\u2013-])$",
    re.IGNORECASE,
)
# Of the widest line: a line this full was wrapped by the page, not ended by the writer.
_FULL_LINE = 0.88


def unwrap(lines: list[Line]) -> list[tuple[int, str]]:
    """Paragraphs (first line number, text) of lines a PDF extraction wrapped at the page's
    width, with the bullets that separated them lost.

    A line goes on from the one before when it opens in lower case, when the line before
    ends on a word no sentence ends on ("of", "the", "6"), or when the line before is full
    and ends a sentence or a capitalised name ("... Community" / "Committee areas ...").
    A full line ending on a lower-case word is an item without a full stop: the next
    capitalised line starts a new one.
    """
    filled = [line for line in lines if not line.is_blank]
    width = max((len(clean(line.plain)) for line in filled), default=0)
    paragraphs: list[tuple[int, str]] = []
    previous = ""  # the line before, as printed
    for line in filled:
        text = clean(line.plain)
        if paragraphs and _goes_on(previous, text, width):
            number, paragraph = paragraphs[-1]
            paragraphs[-1] = (number, f"{paragraph} {text}")
        else:
            paragraphs.append((line.number, text))
        previous = text
    return paragraphs


def _goes_on(previous: str, text: str, width: int) -> bool:
    opening = text.lstrip("'\"\u2018\u201c(")
    if opening[:1].islower() or _CARRIES_ON.search(previous):
        return True
    full = width >= 60 and len(previous) >= _FULL_LINE * width
    last_word = previous.split()[-1]
    return full and (previous.endswith(".") or last_word[:1].isupper())
