"""What the action page shows, read in one place (the access helper has fetched the action
with its plan and lead agencies)."""

import datetime

from actions import history, rag
from actions.models import Action


def action_page(action: Action, today: datetime.date) -> dict:
    lateness = Action.objects.with_lateness(today).values("is_overdue", "is_stale")
    updates = list(action.updates.select_related("author"))
    page = {
        "priorities": action.priorities.order_by("order", "code"),
        "leads": action.leads.all(),
        "partners": action.partner_agencies.order_by("name"),
        "timeline": history.progress_timeline(updates),
        "edits": history.edit_history(action),
        "lateness": lateness.get(pk=action.pk),
    }
    if action.uses_computed_rag:
        page["computed_rag"] = rag.for_action(action, today, history.latest_percent(updates))
    return page
