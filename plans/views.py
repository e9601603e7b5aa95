import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from actions import rag
from actions.models import Action
from partnerships.access import object_for_user
from plans.forms import PlanForm
from plans.models import Plan, Priority


def get_plan_for_user(request: HttpRequest, pk: int, permission=None) -> Plan:
    plans = Plan.objects.select_related("partnership")
    return object_for_user(request, plans, permission, pk=pk)


@dataclass
class Section:
    """A priority of a plan with its actions, as the plan page lists them."""

    priority: Priority | None
    actions: list[Action]

    @property
    def rag_counts(self):
        return rag.rag_counts(self.actions)


def plan_actions(plan: Plan, today):
    return list(
        Action.objects.filter(plan=plan).with_lateness(today).for_lists().order_by("order", "pk")
    )


def sections_of(plan: Plan, actions: list[Action]) -> list[Section]:
    """One section per priority in plan order (an action under several priorities appears
    in each), then the actions under none."""
    by_priority = {}
    unlinked = []
    for action in actions:
        linked = action.priorities.all()
        for priority in linked:
            by_priority.setdefault(priority.pk, []).append(action)
        if not linked:
            unlinked.append(action)
    sections = [
        Section(priority, by_priority.get(priority.pk, []))
        for priority in plan.priorities.order_by("order", "code")
    ]
    if unlinked:
        sections.append(Section(None, unlinked))
    return sections


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    today = timezone.localdate()
    actions = plan_actions(plan, today)
    context = {
        "plan": plan,
        "partnership": plan.partnership,
        "sections": sections_of(plan, actions),
        "totals": rag.rag_counts(actions),
        "overdue": sum(1 for action in actions if action.is_overdue),
        "stale": sum(1 for action in actions if action.is_stale),
        "action_count": len(actions),
        "can_edit": request.user.has_perm("plans.edit_plan", plan),
        "can_add_action": request.user.has_perm("actions.add_action", plan),
        "is_current": plan.period_end >= today,
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority.objects.select_related("plan__partnership"), pk=pk)
    if not request.user.has_perm("partnerships.view_partnership", priority):
        raise PermissionDenied
    today = timezone.localdate()
    actions = list(priority.actions.with_lateness(today).for_lists().order_by("order", "pk"))
    criteria = list(priority.success_criteria.order_by("associated", "order", "pk"))
    context = {
        "priority": priority,
        "plan": priority.plan,
        "actions": actions,
        "rag_counts": rag.rag_counts(actions),
        "primary_criteria": [c for c in criteria if not c.associated],
        "associated_criteria": [c for c in criteria if c.associated],
        "overdue": sum(1 for action in actions if action.is_overdue),
        "stale": sum(1 for action in actions if action.is_stale),
    }
    return render(request, "plans/priority_detail.html", context)


@login_required
def edit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, "plans.edit_plan")
    # The form works on a copy: the page keeps showing the saved title whatever is typed.
    form = PlanForm(request.POST or None, instance=copy.copy(plan))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save()
            if "rag_method" in form.changed_data or {"period_start", "period_end"} & set(
                form.changed_data
            ):
                # A plan that starts computing RAG, or whose period moved, is rated at once.
                rag.refresh(plan.actions.all(), timezone.localdate())
        messages.success(request, "The plan has been saved.")
        return redirect(plan)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})
