"""One parser per document layout. Each has `matches(lines, corrections)` (layouts that read
action tables honour the admin's column roles; the others take and ignore them) and
`parse(context)`.

The order is the order detection tries them in: the first whose `matches` holds claims the
document, so a layout comes before every layout that would also claim its documents. Each
entry says why it stands where it does; tests/plans/importing/test_detection.py checks that
each seed and each other council's document is claimed by its own parser.
"""

from . import (
    action_tables,
    coded_action_table,
    figure_report,
    monitoring_report,
    narrative_strategy,
    priority_action_tables,
    success_criteria_plan,
)

LAYOUTS = {
    module.LAYOUT: module
    for module in (
        # Blocks of OBJECTIVE / TARGET / COMMENTS ON ACTIONS (a monitoring report): first,
        # as its objectives would otherwise be read as a strategy's list of aims.
        monitoring_report,
        # "PRIORITY 1" headings, each with its table: the headings give the codes, so it
        # goes before the coded table, which would read the tables without their priorities.
        priority_action_tables,
        # A codes column ("E 3") linking rows to aims listed above the table: before the
        # strategies, whose lists of aims such a document also has.
        coded_action_table,
        # Success criteria and activities under each priority: before the narrative
        # strategy, which would claim its list of key priorities.
        success_criteria_plan,
        # A list of aims or priorities with prose under each: it claims any such list, so
        # only documents none of the above claims come to it.
        narrative_strategy,
        # An indicator table with a period in two or more column headers, and no plan:
        # before the action tables, which would read its rows as actions.
        figure_report,
        # Any other action table (objective column, section headings, or no priorities):
        # last, as nearly every plan has some table it could claim.
        action_tables,
    )
}
