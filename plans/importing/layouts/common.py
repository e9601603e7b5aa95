"""Steps every layout shares: the document's frame, lists of priorities, figures at the end."""

import re
from dataclasses import dataclass

from ..context import Context
from ..document_info import read_members, read_partnership, read_plan, read_title
from ..figures import read_figures
from ..lines import Line, clean, item_text, next_filled
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
    return ParsedDocument(
        source=context.source,
        layout=layout,
        partnership=read_partnership(context.lines, title),
        plan=read_plan(context.lines, title, default_kind),
        members=read_members(context),
        warnings=context.warnings,
    )


def add_figures(context: Context, document: ParsedDocument) -> None:
    document.figures, document.targets = read_figures(context, document.plan)


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
        if not heading and not text.endswith((":", ";")):
            continue
        items, end = _list_after(lines, index + 1, bullets_only=not heading)
        if len(items) >= 2:
            word = _LIST_WORD.search(text).group(0).lower()
            texts = [item_text(item) for item in items]
            return ListedPriorities(text, word, items, texts, end, stated_count(text))
    return None


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
