"""Saving a coordinator's edit of an action, with optimistic locking.

The edit form carries the version it was opened at. The save claims the next version with
a compare-and-set (UPDATE ... WHERE version = the version the form was opened at): if
someone saved in between, no row matches, nothing is written and the caller shows both
versions. The claim and the save are one transaction, and the UPDATE holds the row lock, so
two saves from the same version cannot both succeed. A refused save shows the page of
refused_edit(): both versions, and the form again.
"""

import copy
import datetime
from dataclasses import dataclass

from django.db import transaction

from actions import history, rag
from actions.forms import ActionForm
from actions.models import Action, Rag, Status


@dataclass(frozen=True)
class Difference:
    label: str
    yours: str
    saved: str


def claim_version(action_pk: int, expected_version: int) -> bool:
    claimed = Action.objects.filter(pk=action_pk, version=expected_version).update(
        version=expected_version + 1
    )
    return claimed == 1


def save_action_form(form: ActionForm, today: datetime.date) -> Action:
    """Write a valid form's action and its links, then one historical version that holds
    them all. Call inside a transaction, after claim_version() for an existing action."""
    action = form.instance
    is_new = action.pk is None
    if action.uses_computed_rag:
        percent = None if is_new else rag.latest_percent(action)
        action.rag = rag.for_action(action, today, percent).rag
    if is_new:
        action.save()
    leads = form.ordered_lead_agencies()
    action.set_priorities(list(form.cleaned_data["priorities"]))
    action.partner_agencies.set(form.cleaned_data["partner_agencies"])
    action.set_lead_agencies(leads)
    if is_new:
        action.record_links_in_history()
    else:
        # After the links, so the historical version written by this save records them.
        action.save()
    return action


def save_edit(form: ActionForm, expected_version: int | None, today: datetime.date) -> bool:
    """Save the edit unless the action changed since the form was opened. True if saved."""
    with transaction.atomic():
        if expected_version is None or not claim_version(form.instance.pk, expected_version):
            return False
        form.instance.version = expected_version + 1
        save_action_form(form, today)
    return True


def create_action(form: ActionForm, today: datetime.date) -> Action:
    with transaction.atomic():
        return save_action_form(form, today)


@dataclass(frozen=True)
class Conflict:
    """What the edit page shows when someone else saved first."""

    form: ActionForm
    differences: list[Difference]
    saved: Action
    saved_by: str
    saved_at: datetime.datetime


REFUSED = (
    "Someone else saved this action after you opened it. Your changes have not been "
    "saved: compare the two versions below, then save again to replace theirs with yours."
)


def refused_edit(form: ActionForm, pk: int) -> Conflict:
    """The saved version beside what the user typed, and the form again with their text and
    the saved version's number (so saving again is a deliberate choice to replace it)."""
    saved = Action.objects.select_related("plan__partnership").get(pk=pk)
    latest = saved.history.select_related("history_user").order_by("-history_date").first()
    data = form.data.copy()
    data["version"] = saved.version
    kept = ActionForm(data, instance=copy.copy(saved), plan=saved.plan)
    kept.is_valid()
    kept.add_error(None, REFUSED)
    return Conflict(
        form=kept,
        differences=differences(form, saved),
        saved=saved,
        saved_by=history.author_of(latest) if latest else history.NOBODY,
        saved_at=latest.history_date if latest else saved.updated_at,
    )


def differences(form: ActionForm, saved: Action) -> list[Difference]:
    """The fields where what the user typed differs from the saved action."""
    typed = form.cleaned_data
    rows = []

    def compare(label, yours, theirs):
        if yours != theirs:
            rows.append(Difference(label, yours or "(blank)", theirs or "(blank)"))

    for name in ("title", "description", "target", "timescale"):
        compare(form.fields[name].label, typed.get(name, ""), getattr(saved, name))
    for name in ("start_date", "due_date"):
        compare(form.fields[name].label, _date(typed.get(name)), _date(getattr(saved, name)))
    compare("Status", _label(Status, typed.get("status")), saved.get_status_display())
    if "rag" in form.fields:
        compare("RAG rating", _label(Rag, typed.get("rag")), saved.get_rag_display())
    compare(
        "Priorities",
        ", ".join(p.code for p in typed.get("priorities", [])),
        ", ".join(p.code for p in saved.priorities.order_by("order", "code")),
    )
    compare(
        "Lead agencies",
        ", ".join(a.name for a in form.ordered_lead_agencies()),
        ", ".join(lead.agency.name for lead in saved.leads.select_related("agency")),
    )
    compare(
        "Partner agencies",
        ", ".join(sorted(a.name for a in typed.get("partner_agencies", []))),
        ", ".join(saved.partner_agencies.order_by("name").values_list("name", flat=True)),
    )
    return rows


def _date(value):
    return f"{value:%-d %B %Y}" if value else ""


def _label(choices, value):
    return choices(value).label if value else ""
