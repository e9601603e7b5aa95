"""Aims and priorities listed with codes ("(A) ...", "(1) ..."), then one action table whose
rows name the codes they serve ("E 3", "B, D,2")."""

import re

from ..context import Context
from ..corrections import Corrections
from ..lines import Line, clean
from ..structure import ParsedDocument, PriorityInfo
from ..tables import TablePriorities, each_table, merge_repeated, row_action, table_headers
from .common import add_figures, financial_year, start_document

LAYOUT = "coded_action_table"

_CODED_ITEM = re.compile(r"^\(?(?P<code>[A-Z]|\d{1,2})[).:]\s+(?P<title>\S.*)$")
_SECTION_KIND = (
    ("aim", re.compile(r"\baims?\b", re.I)),
    ("priority", re.compile(r"priorit", re.I)),
)


def matches(lines: list[Line], corrections: Corrections | None = None) -> bool:
    """An action table with a column of aim or priority codes (by its header, or by what an
    objective column holds: "B, D,2")."""
    return any(
        any(column.role == "codes" for column in columns)
        for _, columns in table_headers(lines, corrections)
    )


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "action_plan")
    first = next(
        (index for index, _ in table_headers(context.lines, context.corrections)),
        len(context.lines),
    )
    document.priorities = coded_priorities(context, context.lines[:first])
    known = document.priority_codes()
    # Objectives written out in a column are matched to the listed aims, never added to them.
    priorities = TablePriorities(document.priorities) if document.priorities else None
    year = financial_year(document.plan)
    actions = []
    for table in each_table(context):
        document.tables.append(table.info())
        for row in table.rows:
            action = row_action(context, row, [], known, year, priorities)
            if action:
                actions.append(action)
    document.actions = merge_repeated(context, actions)
    add_figures(context, document)
    return document


def coded_priorities(context: Context, lines: list[Line]) -> list[PriorityInfo]:
    """Items such as "- (A) To tackle ..." under headings naming aims or priorities."""
    priorities: dict[str, PriorityInfo] = {}
    heading_kind = ""
    for line in lines:
        context.at(line)
        # The code is part of the item ("(5) To engage ..."), so only a bullet is taken off.
        text = clean(line.bullet if line.bullet is not None else line.plain)
        match = _CODED_ITEM.match(text) if not line.is_row else None
        if not match:
            heading_kind = _kind_of_heading(line) or heading_kind
            continue
        code = match["code"]
        if code in priorities:
            context.warn(line.number, f"code {code} is used twice; the second is skipped")
            continue
        kind = heading_kind or ("aim" if code.isalpha() else "priority")
        priorities[code] = PriorityInfo(
            code=code,
            kind=kind,
            title=clean(match["title"]),
            order=len(priorities) + 1,
            line=line.number,
        )
    return list(priorities.values())


def _kind_of_heading(line: Line) -> str:
    if line.is_blank or line.word_count > 8:
        return ""
    for kind, pattern in _SECTION_KIND:
        if pattern.search(line.plain):
            return kind
    return ""
