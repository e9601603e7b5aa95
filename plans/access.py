"""The plan and priority pages' access helpers: the object and what the user may do."""

from dataclasses import dataclass
from typing import ClassVar

from partnerships.access import Access
from plans.models import Plan, Priority


@dataclass(frozen=True)
class PlanAccess(Access):
    FLAGS: ClassVar[dict[str, str]] = {
        "can_edit": "plans.edit_plan",
        "can_add_action": "actions.add_action",
        "can_issue_pack": "performance.issue_meeting_pack",
    }

    plan: Plan
    can_edit: bool
    can_add_action: bool
    can_issue_pack: bool


@dataclass(frozen=True)
class PriorityAccess(Access):
    priority: Priority


def plan_for_user(request, pk: int, need: str | None = None) -> PlanAccess:
    plans = Plan.objects.select_related("partnership")
    return PlanAccess.for_user(request, plans, need, pk=pk)


def priority_for_user(request, pk: int) -> PriorityAccess:
    priorities = Priority.objects.select_related("plan__partnership")
    return PriorityAccess.for_user(request, priorities, pk=pk)
