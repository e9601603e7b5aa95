import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from actions.rerating import save_plan
from plans.access import plan_for_user, priority_for_user
from plans.forms import PlanForm
from plans.pages import plan_page, priority_page


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = plan_for_user(request, pk)
    plan = access.plan
    context = {
        "plan": plan,
        "partnership": plan.partnership,
        "access": access,
        **vars(plan_page(plan, timezone.localdate())),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = priority_for_user(request, pk).priority
    context = {
        "priority": priority,
        "plan": priority.plan,
        **vars(priority_page(priority, timezone.localdate())),
    }
    return render(request, "plans/priority_detail.html", context)


@login_required
def edit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(request, pk, need="can_edit").plan
    # The form works on a copy: the page keeps showing the saved title whatever is typed.
    form = PlanForm(request.POST or None, instance=copy.copy(plan))
    if request.method == "POST" and form.is_valid():
        plan = save_plan(form, timezone.localdate())
        messages.success(request, "The plan has been saved.")
        return redirect(plan)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})
