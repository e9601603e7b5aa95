"""What the plan and priority pages show: one function per page, reading the actions once.

Each reads the same queries however many actions there are: the actions, their lead
agencies (Django skips this one when there are no actions), and on the plan page the
action-priority links and the plan's priorities. Nothing per action is read that the tables
do not show: not the action's plan (it is the page's), and not its priorities as objects
(the plan page groups by their ids; the tables do not list them).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from actions import rag
from actions.models import Action, ActionLead
from partnerships.models import Partnership
from plans.models import Plan, Priority, SuccessCriterion


@dataclass
class Section:
    """A priority of a plan with its actions, as the plan page lists them."""

    priority: Priority | None
    actions: list[Action]

    @property
    def rag_counts(self):
        return rag.rag_counts(self.actions)


def count_late(actions: list[Action]) -> dict[str, int]:
    """How many of these actions (annotated by with_lateness()) are overdue and stale."""
    return {
        "overdue": sum(1 for action in actions if action.is_overdue),
        "stale": sum(1 for action in actions if action.is_stale),
    }


def listed_actions(actions, partnership: Partnership, today: datetime.date) -> list[Action]:
    """Actions of one partnership's plan as its tables list them: with lateness (by that
    partnership's update interval) and lead agencies, in plan order."""
    # Leads in their order within each action: ActionLead's own ordering would sort them by
    # partnership, plan and action too, joining three tables for nothing.
    leads = ActionLead.objects.select_related("agency").order_by("order", "pk")
    listed = actions.with_lateness(today, partnership).prefetch_related(
        Prefetch("leads", queryset=leads)
    )
    return list(listed.order_by("order", "pk"))


def priority_links(plan: Plan) -> list[tuple[int, int]]:
    """(action id, priority id) of every link between an action of `plan` and a priority."""
    links = Action.priorities.through.objects.filter(action__plan=plan)
    return list(links.values_list("action_id", "priority_id"))


def sections_of(
    priorities: list[Priority], actions: list[Action], links: list[tuple[int, int]]
) -> list[Section]:
    """One section per priority in the order given (an action under several priorities
    appears in each, in the actions' order), then the actions under none."""
    priority_ids = {}
    for action_id, priority_id in links:
        priority_ids.setdefault(action_id, []).append(priority_id)
    by_priority = {}
    unlinked = []
    for action in actions:
        linked = priority_ids.get(action.pk, [])
        for priority_id in linked:
            by_priority.setdefault(priority_id, []).append(action)
        if not linked:
            unlinked.append(action)
    sections = [Section(priority, by_priority.get(priority.pk, [])) for priority in priorities]
    if unlinked:
        sections.append(Section(None, unlinked))
    return sections


@dataclass
class PlanPage:
    sections: list[Section]
    totals: rag.RagCounts
    overdue: int
    stale: int
    action_count: int
    is_current: bool


def plan_page(plan: Plan, today: datetime.date) -> PlanPage:
    actions = listed_actions(Action.objects.filter(plan=plan), plan.partnership, today)
    priorities = list(plan.priorities.order_by("order", "code"))
    return PlanPage(
        sections=sections_of(priorities, actions, priority_links(plan)),
        totals=rag.rag_counts(actions),
        action_count=len(actions),
        is_current=plan.period_end >= today,
        **count_late(actions),
    )


@dataclass
class PriorityPage:
    actions: list[Action]
    rag_counts: rag.RagCounts
    primary_criteria: list[SuccessCriterion]
    associated_criteria: list[SuccessCriterion]
    overdue: int
    stale: int


def priority_page(priority: Priority, today: datetime.date) -> PriorityPage:
    actions = listed_actions(priority.actions.all(), priority.plan.partnership, today)
    criteria = list(priority.success_criteria.order_by("associated", "order", "pk"))
    return PriorityPage(
        actions=actions,
        rag_counts=rag.rag_counts(actions),
        primary_criteria=[c for c in criteria if not c.associated],
        associated_criteria=[c for c in criteria if c.associated],
        **count_late(actions),
    )
