"""One parser per document layout. Each has `matches(lines)` and `parse(context)`.

The order is the order detection tries them in: the most specific structure first.
"""

from . import coded_action_table, narrative_strategy, priority_action_tables, success_criteria_plan

LAYOUTS = {
    module.LAYOUT: module
    for module in (
        priority_action_tables,
        coded_action_table,
        success_criteria_plan,
        narrative_strategy,
    )
}
