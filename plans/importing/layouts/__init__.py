"""One parser per document layout. Each has `matches(lines)` and `parse(context)`.

The order is the order detection tries them in: the most specific structure first.
"""

from . import (
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
        priority_action_tables,
        coded_action_table,
        success_criteria_plan,
        narrative_strategy,
        # An indicator table with a period in two or more column headers, and no plan:
        # last, so that it claims only what no plan layout claims.
        figure_report,
    )
}
