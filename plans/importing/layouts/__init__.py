"""One parser per document layout. Each has `matches(lines, corrections)` (layouts that read
action tables honour the admin's column roles; the others take and ignore them) and
`parse(context)`.

DETECTION_ORDER is the order detection tries them in: the first whose `matches` holds claims
the document. Each entry names the later layouts that would also claim documents of its
layout, which is why it stands before them, and says why in words;
tests/plans/importing/test_detection_order.py checks, on a document of each layout, that
its own parser claims it, no earlier one does, and the later ones that also do are exactly
those named.
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

DETECTION_ORDER = (
    # Blocks of OBJECTIVE / TARGET / COMMENTS ON ACTIONS (a monitoring report): first, as
    # the strategy it reports on lists its priorities, which the narrative strategy would
    # take for the document's own list of aims.
    (monitoring_report, ("narrative_strategy",)),
    # "PRIORITY 1" headings, each with its table: the headings give the codes, so it goes
    # before the coded table, which would read the tables' codes without their priorities,
    # and before the action tables, which would read them with none.
    (priority_action_tables, ("coded_action_table", "action_tables")),
    # A codes column ("E 3") linking rows to aims listed above the table: before the
    # narrative strategy, which would read the list of aims and drop the table's actions,
    # and before the action tables, which would drop the codes.
    (coded_action_table, ("narrative_strategy", "action_tables")),
    # Success criteria and activities under each priority: before the narrative strategy,
    # which would claim its list of key priorities.
    (success_criteria_plan, ("narrative_strategy",)),
    # A list of aims or priorities with prose under each: it claims any such list, so only
    # documents none of the above claims come to it; before the figure report, as a
    # strategy often quotes a table of figures by period, and stays a strategy.
    (narrative_strategy, ("figure_report",)),
    # An indicator table with a period in two or more column headers, and no plan: its
    # matches refuses any document with an action table, so without corrections the action
    # tables never claim one of its documents; it goes before them because a column role
    # the admin gives its table (a "title") would let them read its rows as actions.
    (figure_report, ("action_tables",)),
    # Any other action table (objective column, section headings, or no priorities): last,
    # as nearly every plan has some table it could claim.
    (action_tables, ()),
)
LAYOUTS = {module.LAYOUT: module for module, _ in DETECTION_ORDER}
# The later layouts that would also claim each layout's documents, by name.
ALSO_CLAIMED_BY = {module.LAYOUT: later for module, later in DETECTION_ORDER}
