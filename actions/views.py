from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from actions.models import Action


def get_action_for_user(request, pk):
    action = get_object_or_404(Action.objects.select_related("plan__partnership"), pk=pk)
    if not request.user.has_perm("partnerships.view_partnership", action):
        raise PermissionDenied
    return action


@login_required
def action_detail(request, pk):
    action = get_action_for_user(request, pk)
    context = {
        "action": action,
        "plan": action.plan,
        "priorities": action.priorities.all(),
        "leads": action.leads.select_related("agency"),
        "updates": action.updates.select_related("author"),
    }
    return render(request, "actions/action_detail.html", context)
