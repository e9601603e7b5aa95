from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from actions.models import Action
from plans.models import Plan, Priority


def get_plan_for_user(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("partnership"), pk=pk)
    if not request.user.has_perm("partnerships.view_partnership", plan):
        raise PermissionDenied
    return plan


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request, pk)
    actions = Action.objects.order_by("order", "pk").prefetch_related("leads__agency")
    priorities = plan.priorities.prefetch_related(Prefetch("actions", queryset=actions))
    return render(request, "plans/plan_detail.html", {"plan": plan, "priorities": priorities})


@login_required
def priority_detail(request, pk):
    priority = get_object_or_404(Priority.objects.select_related("plan__partnership"), pk=pk)
    if not request.user.has_perm("partnerships.view_partnership", priority):
        raise PermissionDenied
    actions = priority.actions.order_by("order", "pk").prefetch_related("leads__agency")
    return render(
        request,
        "plans/priority_detail.html",
        {"priority": priority, "plan": priority.plan, "actions": actions},
    )
