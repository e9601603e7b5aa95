import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from actions import editing, publication, returning
from actions.access import action_for_user, require_publication_reviewer, update_for_user
from actions.filters import ActionFilter, PlanPeriodChoice, sortable
from actions.forms import ActionForm, ProgressUpdateForm
from actions.models import Action, ProgressUpdate, Publication
from actions.pages import action_page
from actions.paging import BoundedPaginator
from actions.progress import record_progress
from plans.access import plan_for_user

PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """The actions the user can update in plans running now, late ones first. Each "Add
    update" link comes back here, to this page, with the rest of the page queued for "Save
    and next"."""
    today = timezone.localdate()
    actions = Action.objects.mine_now(request.user, today)
    page = paginate(request, actions.late_first().for_lists())
    listed = list(page.object_list)
    returning.link_in_turn(listed, request.get_full_path())
    context = {
        "page_obj": page,
        "actions": listed,
        "counts": actions.attention_counts(),
        "requests_waiting": ProgressUpdate.objects.awaiting_approval_for(request.user).count(),
        "today": today,
        "ended_plans_query": f"period={PlanPeriodChoice.ENDED}&mine=on",
    }
    return render(request, "actions/my_actions.html", context)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("period", PlanPeriodChoice.CURRENT)
    queryset = sortable(Action.objects.visible_to(request.user).with_lateness(today))
    filterset = ActionFilter(data, queryset, request=request, today=today)
    paginator = BoundedPaginator(filterset.qs.for_lists(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
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
    access = action_for_user(request, pk)
    action = access.action
    today = timezone.localdate()
    back = returning.safe_next(request)
    context = {
        "back": back,
        "add_update_url": returning.add_update_url(action.pk, back),
        "action": action,
        "plan": action.plan,
        "partnership": action.plan.partnership,
        "access": access,
        "today": today,
        **action_page(action, today),
    }
    return render(request, "actions/action_detail.html", context)


@login_required
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    access = action_for_user(request, pk, need="can_add_progress")
    action = access.action
    today = timezone.localdate()
    form = ProgressUpdateForm(
        request.POST or None, action=action, today=today, can_publish=access.can_publish
    )
    back = returning.safe_next(request)
    then = returning.queued(request)
    if request.method == "POST" and form.is_valid():
        values = form.progress_values()
        values["publication"] = publication.on_saving(
            request.user, action, form.cleaned_data["show_publicly"]
        )
        record_progress(action, request.user, values, today)
        messages.success(request, publication.saved_message(values["publication"]))
        if "save_and_next" in request.POST:
            return redirect(next_in_turn(request, then, back))
        return redirect(back or action.get_absolute_url())
    context = {
        "action": action,
        "form": form,
        "back": back,
        "then": ",".join(str(pk) for pk in then),
        "next_action": _first_updatable(request.user, then),
    }
    return render(request, "actions/add_update.html", context)


def _first_updatable(user, then: list[int]) -> Action | None:
    """The first queued action the user may still update (roles change, actions go)."""
    if not then:
        return None
    found = {a.pk: a for a in Action.objects.updatable_by(user).filter(pk__in=then)}
    return next((found[pk] for pk in then if pk in found), None)


def next_in_turn(request: HttpRequest, then: list[int], back: str) -> str:
    """The form of the next queued action, keeping the rest of the queue; or, at the end of
    the queue, the list the user started from."""
    following = _first_updatable(request.user, then)
    if following is None:
        messages.info(request, "That was the last action of the list.")
        return back or reverse("actions:mine")
    rest = then[then.index(following.pk) + 1 :]
    return returning.add_update_url(following.pk, back, rest)


@login_required
def update_publication(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or withdraw an update, approve or decline a request: a page that asks, and
    the buttons of the action page and of the requests page, which post here directly."""
    update = update_for_user(request, pk, need="can_publish").update
    back = returning.safe_next(request, update.action.get_absolute_url())
    error = None
    if request.method == "POST":
        chosen = request.POST.get("publication", "")
        if chosen in (Publication.PUBLISHED, Publication.INTERNAL):
            was = update.publication
            if publication.change(update, chosen):
                messages.success(request, publication.changed_message(update, was))
            return redirect(back)
        error = "Choose whether to show the update on the public summary"
    context = {"update": update, "action": update.action, "back": back, "error": error}
    return render(request, "actions/update_publication.html", context, status=400 if error else 200)


@login_required
def publication_requests(request: HttpRequest) -> HttpResponse:
    """Requests to publish waiting for approval, in the partnerships the user coordinates."""
    require_publication_reviewer(request)
    waiting = (
        ProgressUpdate.objects.awaiting_approval_for(request.user)
        .select_related("action__plan__partnership", "author")
        .order_by("action__plan__partnership__name", "date", "pk")
    )
    page = paginate(request, waiting)
    context = {"page_obj": page, "updates": page.object_list, "here": request.get_full_path()}
    return render(request, "actions/publication_requests.html", context)


@login_required
def edit_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_for_user(request, pk, need="can_edit").action
    today = timezone.localdate()
    # The form works on a copy: the page keeps showing the saved title whatever is typed.
    form = ActionForm(request.POST or None, instance=copy.copy(action), plan=action.plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        if editing.save_edit(form, form.cleaned_data.get("version"), today):
            messages.success(request, "The action has been saved.")
            return redirect(action)
        conflict = editing.refused_edit(form, pk)
        form = conflict.form
    context = {"action": action, "plan": action.plan, "form": form, "conflict": conflict}
    return render(request, "actions/edit_action.html", context, status=409 if conflict else 200)


@login_required
def add_action(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = plan_for_user(request, plan_pk, need="can_add_action").plan
    form = ActionForm(request.POST or None, instance=Action(plan=plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        action = editing.create_action(form, timezone.localdate())
        messages.success(request, "The action has been added.")
        return redirect(action)
    return render(request, "actions/add_action.html", {"plan": plan, "form": form})
