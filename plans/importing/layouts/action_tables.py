"""Action tables with no aim codes and no numbered priority headings: the priorities are the
table's objective (or priority-area) column, else the section heading above each table;
a document with neither gives actions linked to no priority."""

from ..context import Context
from ..corrections import Corrections
from ..lines import Line
from ..structure import ParsedDocument
from ..tables import TablePriorities, column_roles, each_table, merge_repeated, row_action
from .common import add_figures, financial_year, start_document

LAYOUT = "action_tables"


def matches(lines: list[Line], corrections: Corrections | None = None) -> bool:
    """Any action table: a header row with an action column and another known column."""
    return any(column_roles(line, corrections) for line in lines)


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "action_plan")
    priorities = TablePriorities(document.priorities)
    year = financial_year(document.plan)
    actions = []
    for table in each_table(context):
        document.tables.append(table.info())
        by_heading = "priority" not in table.roles and table.heading
        section = [priorities.code_for(table.heading, table.header_line)] if by_heading else []
        for row in table.rows:
            action = row_action(context, row, section, set(), year, priorities)
            if action:
                actions.append(action)
    document.actions = merge_repeated(context, actions)
    add_figures(context, document)
    return document
