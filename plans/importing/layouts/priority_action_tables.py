"""Numbered priority headings ("PRIORITY 1" and its title), each followed by its own action
table; the same action may appear under several priorities."""

import re

from ..context import Context
from ..corrections import Corrections
from ..lines import Line, clean, next_filled
from ..structure import ParsedDocument, PriorityInfo
from ..tables import TablePriorities, column_roles, merge_repeated, read_table, row_action
from ..text import tidy_heading
from .common import add_figures, financial_year, start_document

LAYOUT = "priority_action_tables"

_HEADING = re.compile(
    r"^priority\s+(?P<code>\d{1,2}|[A-Z])\b\s*[:.\-\u2013]?\s*(?P<title>.*)$", re.IGNORECASE
)


def matches(lines: list[Line], corrections: Corrections | None = None) -> bool:
    """Priority headings with action tables under them."""
    has_heading = any(_heading(line) for line in lines)
    return has_heading and any(column_roles(line, corrections) for line in lines)


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "action_plan")
    document.priorities = _priorities(context)
    known = document.priority_codes()
    # An objective column is matched to the numbered priorities, never added to them.
    priorities = TablePriorities(document.priorities) if document.priorities else None
    year = financial_year(document.plan)
    actions, section = [], []
    index = 0
    while index < len(context.lines):
        line = context.at(context.lines[index])
        heading = _heading(line)
        if heading:
            section = [heading["code"].upper()]
        if column_roles(line, context.corrections):
            table = read_table(context, index)
            document.tables.append(table.info())
            for row in table.rows:
                action = row_action(context, row, section, known, year, priorities)
                if action:
                    actions.append(action)
            index = table.end
            continue
        index += 1
    document.actions = merge_repeated(context, actions)
    add_figures(context, document)
    return document


def _heading(line: Line) -> re.Match | None:
    if line.is_row or line.word_count > 15:
        return None
    return _HEADING.match(clean(line.plain))


def _priorities(context: Context) -> list[PriorityInfo]:
    priorities: dict[str, PriorityInfo] = {}
    lines = context.lines
    for index, line in enumerate(lines):
        heading = _heading(line)
        if not heading:
            continue
        code = heading["code"].upper()
        title = heading["title"].strip() or _title_below(lines, index)
        if code in priorities:
            context.warn(line.number, f"priority {code} appears twice; the first is kept")
            continue
        if not title:
            context.warn(line.number, f"priority {code} has no title")
        priorities[code] = PriorityInfo(
            code=code,
            kind="priority",
            title=tidy_heading(title) if title else f"Priority {code}",
            order=len(priorities) + 1,
            line=line.number,
        )
    return list(priorities.values())


def _title_below(lines: list[Line], index: int) -> str:
    # The title is the next line of text, unless that is already the table.
    following = next_filled(lines, index + 1)
    if following is None:
        return ""
    line = lines[following]
    if line.is_row or _heading(line) or line.word_count > 15:
        return ""
    return clean(line.plain)
