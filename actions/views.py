import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from actions import editing, history, rag
from actions.filters import ActionFilter, Period, sortable
from actions.forms import ActionForm, ProgressUpdateForm
from actions.models import Action
from actions.progress import record_progress
from partnerships.access import object_for_user
from plans.models import Plan

PAGE_SIZE = 50


def get_action_for_user(request: HttpRequest, pk: int, permission=None) -> Action:
    actions = Action.objects.select_related("plan__partnership")
    return object_for_user(request, actions, permission, pk=pk)


def permissions_on(user, action: Action) -> dict:
    return {
        "add_progress": user.has_perm("actions.add_progress", action),
        "edit": user.has_perm("actions.edit_action", action),
    }


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """The actions the user can update in plans running now, late ones first."""
    today = timezone.localdate()
    actions = Action.objects.updatable_by(request.user).in_current_plans(today)
    actions = actions.with_lateness(today)
    counts = actions.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(is_overdue=True)),
        stale=Count("pk", filter=Q(is_stale=True)),
    )
    page = paginate(request, actions.late_first().for_lists())
    context = {
        "page_obj": page,
        "actions": page.object_list,
        "counts": counts,
        "today": today,
        "ended_plans_query": f"period={Period.ENDED}&mine=on",
    }
    return render(request, "actions/my_actions.html", context)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("period", Period.CURRENT)
    queryset = sortable(Action.objects.visible_to(request.user).with_lateness(today))
    filterset = ActionFilter(data, queryset, request=request, today=today)
    page = paginate(request, filterset.qs.for_lists())
    context = {
        "filter": filterset,
        "page_obj": page,
        "actions": page.object_list,
        "today": today,
        "ordering": data.get("o", ""),
    }
    return render(request, "actions/action_list.html", context)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    today = timezone.localdate()
    lateness = Action.objects.with_lateness(today).values("is_overdue", "is_stale").get(pk=pk)
    updates = list(action.updates.select_related("author"))
    context = {
        "action": action,
        "plan": action.plan,
        "partnership": action.plan.partnership,
        "priorities": action.priorities.order_by("order", "code"),
        "leads": action.leads.select_related("agency"),
        "partners": action.partner_agencies.order_by("name"),
        "timeline": history.progress_timeline(updates),
        "edits": history.edit_history(action),
        "lateness": lateness,
        "can": permissions_on(request.user, action),
        "today": today,
    }
    if action.uses_computed_rag:
        context["computed_rag"] = rag.for_action(action, today, history.latest_percent(updates))
    return render(request, "actions/action_detail.html", context)


@login_required
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, "actions.add_progress")
    today = timezone.localdate()
    form = ProgressUpdateForm(request.POST or None, action=action, today=today)
    if request.method == "POST" and form.is_valid():
        record_progress(action, request.user, form.cleaned_data, today)
        messages.success(request, "Your progress update has been saved.")
        return redirect(action)
    return render(request, "actions/add_update.html", {"action": action, "form": form})


@login_required
def edit_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, "actions.edit_action")
    today = timezone.localdate()
    # The form works on a copy: the page keeps showing the saved title whatever is typed.
    form = ActionForm(request.POST or None, instance=copy.copy(action), plan=action.plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        if editing.save_edit(form, form.cleaned_data.get("version"), today):
            messages.success(request, "The action has been saved.")
            return redirect(action)
        conflict = refused_edit(form, pk)
        form = conflict["form"]
    context = {"action": action, "plan": action.plan, "form": form, "conflict": conflict}
    return render(request, "actions/edit_action.html", context, status=409 if conflict else 200)


def refused_edit(form: ActionForm, pk: int) -> dict:
    """What the page shows when someone else saved first: the saved version beside what
    the user typed, and the form again with their text and the saved version's number (so
    saving again is a deliberate choice to replace it)."""
    saved = Action.objects.select_related("plan__partnership").get(pk=pk)
    differences = editing.differences(form, saved)
    latest = saved.history.select_related("history_user").order_by("-history_date").first()
    data = form.data.copy()
    data["version"] = saved.version
    kept = ActionForm(data, instance=copy.copy(saved), plan=saved.plan)
    kept.is_valid()
    kept.add_error(
        None,
        "Someone else saved this action after you opened it. Your changes have not been "
        "saved: compare the two versions below, then save again to replace theirs with yours.",
    )
    return {
        "form": kept,
        "differences": differences,
        "saved": saved,
        "saved_by": history.author_of(latest) if latest else history.NOBODY,
        "saved_at": latest.history_date if latest else saved.updated_at,
    }


@login_required
def add_action(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("partnership"), pk=plan_pk)
    if not request.user.has_perm("partnerships.view_partnership", plan):
        raise PermissionDenied
    if not request.user.has_perm("actions.add_action", plan):
        raise PermissionDenied
    form = ActionForm(request.POST or None, instance=Action(plan=plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        action = editing.create_action(form, timezone.localdate())
        messages.success(request, "The action has been added.")
        return redirect(action)
    return render(request, "actions/add_action.html", {"plan": plan, "form": form})
