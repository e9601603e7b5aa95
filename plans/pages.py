"""What the plan and priority pages show: one function per page, reading the actions once."""

import datetime
from dataclasses import dataclass

from actions import rag
from actions.models import Action
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


def listed_actions(actions, today: datetime.date) -> list[Action]:
    """Actions as a page's table lists them: with lateness, plan order."""
    return list(actions.with_lateness(today).for_lists().order_by("order", "pk"))


def sections_of(priorities: list[Priority], actions: list[Action]) -> list[Section]:
    """One section per priority in the order given (an action under several priorities
    appears in each), then the actions under none."""
    by_priority = {}
    unlinked = []
    for action in actions:
        linked = action.priorities.all()
        for priority in linked:
            by_priority.setdefault(priority.pk, []).append(action)
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
    actions = listed_actions(Action.objects.filter(plan=plan), today)
    priorities = list(plan.priorities.order_by("order", "code"))
    return PlanPage(
        sections=sections_of(priorities, actions),
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
    actions = listed_actions(priority.actions.all(), today)
    criteria = list(priority.success_criteria.order_by("associated", "order", "pk"))
    return PriorityPage(
        actions=actions,
        rag_counts=rag.rag_counts(actions),
        primary_criteria=[c for c in criteria if not c.associated],
        associated_criteria=[c for c in criteria if c.associated],
        **count_late(actions),
    )
