"""Recording a progress update, and what it does to its action."""

import datetime

from django.db import transaction

from actions import rag
from actions.models import Action, ProgressUpdate


def record_progress(action: Action, author, values: dict, today: datetime.date) -> ProgressUpdate:
    """Save a progress update and carry its status and RAG rating to the action, in one
    transaction.

    Only the newest update speaks for the action: an update dated before an existing one
    (catching up on the record) is kept in the timeline but leaves the action as it is.
    When the plan computes RAG, the rating is recomputed with the new percentage and stored
    on the update as well, so the timeline shows it. A change to the action raises its
    version, so an edit form opened before the update is refused rather than overwriting it.
    """
    with transaction.atomic():
        locked = (
            Action.objects.select_for_update(of=("self",))
            .select_related("plan__partnership")
            .get(pk=action.pk)
        )
        # The stored date of the newest update, read under the lock, says without a query
        # whether a later update already speaks for the action.
        caught_up = locked.last_update_on is not None and locked.last_update_on > values["date"]
        update = ProgressUpdate.objects.create(action=locked, author=author, **values)
        if caught_up:
            return update
        before = (locked.status, locked.rag)
        locked.status = update.status or locked.status
        if locked.uses_computed_rag:
            locked.rag = rag.for_action(locked, today, rag.latest_percent(locked)).rag
            update.rag = locked.rag
            update.save(update_fields=["rag"])
        elif update.rag:
            locked.rag = update.rag
        if (locked.status, locked.rag) != before:
            locked.version += 1
            locked.save(update_fields=["status", "rag", "version", "updated_at"])
        return update
