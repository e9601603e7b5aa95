"""Recording a progress update, and what it does to its action."""

import datetime

from django.db import transaction

from actions import rag
from actions.models import Action, ProgressUpdate

# What record_progress writes to the action when the update changes its status or rating.
CARRIED_FIELDS = ["status", "rag", "version", "updated_at", "last_update_on"]


def record_progress(action: Action, author, values: dict, today: datetime.date) -> ProgressUpdate:
    """Save a progress update and carry its status and RAG rating to the action, in one
    transaction.

    Only the newest update speaks for the action: an update dated before an existing one
    (catching up on the record) is kept in the timeline but leaves the action's status as it
    is. When the plan computes RAG, the rating is recomputed with the newest percentage and
    stored on the update as well, so the timeline shows it. A change to the action raises its
    version, so an edit form opened before the update is refused rather than overwriting it.

    What the action stores from its updates (the date of the newest, the rating) is worked out
    here from the row read under the lock, and written in the action's own UPDATE, rather than
    re-read from every update by ActionQuerySet.refresh_latest().
    """
    with transaction.atomic():
        locked = (
            Action.objects.select_for_update(of=("self",))
            .select_related("plan__partnership")
            .get(pk=action.pk)
        )
        update = ProgressUpdate(action=locked, author=author, **values)
        # The stored date of the newest update, read under the lock, says without a query
        # whether a later update already speaks for the action.
        newest = locked.last_update_on is None or update.date >= locked.last_update_on
        before = (locked.status, locked.rag, locked.last_update_on)
        if newest:
            locked.status = update.status or locked.status
            locked.last_update_on = update.date
        if locked.uses_computed_rag:
            locked.rag = rag.for_action(locked, today, _newest_percent(locked, update)).rag
            if newest:
                update.rag = locked.rag
        elif newest and update.rag:
            locked.rag = update.rag
        update.save(refresh_action=False)
        _write_action(locked, before)
        return update


def _newest_percent(action: Action, update: ProgressUpdate) -> int | None:
    """The newest percent complete reported, counting the update not saved yet: it is the
    newest of its date (written last), so it wins over a stored one of the same date."""
    stored = (
        action.updates.reporting_percent_newest_first()
        .values_list("date", "percent_complete")
        .first()
    )
    if update.percent_complete is not None and (stored is None or stored[0] <= update.date):
        return update.percent_complete
    return stored[1] if stored else None


def _write_action(action: Action, before: tuple) -> None:
    """One UPDATE of what changed: a new status or rating is an edit, with its version and its
    row in the edit history; a new date of the last update alone is neither."""
    status, rating, last_update_on = before
    if (action.status, action.rag) != (status, rating):
        action.version += 1
        action.save(update_fields=CARRIED_FIELDS)
    elif action.last_update_on != last_update_on:
        Action.objects.filter(pk=action.pk).update(last_update_on=action.last_update_on)
