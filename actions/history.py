"""What an action page shows of its past: the progress timeline and the history of edits.

Both are built from rows loaded in one query each; the differences are worked out here in
Python, so the page costs the same whatever the length of the history.
"""

import datetime
from dataclasses import dataclass, field

from actions.models import (
    Action,
    ProgressUpdate,
    Rag,
    Status,
    latest_percent_of,
    newest_updates_first,
)

# (field on the historical action, label) in the order the action page shows them.
TRACKED_FIELDS = [
    ("title", "Action"),
    ("description", "Description"),
    ("priority_codes", "Priorities"),
    ("lead_agency_names", "Lead agencies"),
    ("partner_agency_names", "Partner agencies"),
    ("target", "Target or output measure"),
    ("timescale", "Timescale"),
    ("start_date", "Start date"),
    ("due_date", "Due date"),
    ("status", "Status"),
    ("rag", "RAG rating"),
]
# Links are recorded as text; None means this version did not record them.
LINK_FIELDS = {"priority_codes", "lead_agency_names", "partner_agency_names"}
NOBODY = "No one signed in (an automatic change or an import)"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Edit:
    when: datetime.datetime
    who: str
    created: bool
    changes: list[Change] = field(default_factory=list)


def edit_history(action: Action) -> list[Edit]:
    """Every saved version of the action that changed something, newest first."""
    versions = action.history.select_related("history_user").order_by("history_date", "pk")
    edits = []
    previous = None
    for version in versions:
        if previous is None:
            edits.append(Edit(version.history_date, author_of(version), created=True))
        else:
            changes = _changes(previous, version)
            if changes:
                edits.append(Edit(version.history_date, author_of(version), False, changes))
        previous = version
    edits.reverse()
    return edits


def _changes(before, after) -> list[Change]:
    changes = []
    for name, label in TRACKED_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if name in LINK_FIELDS and (old is None or new is None):
            continue
        if old != new:
            changes.append(Change(label, _show(name, old), _show(name, new)))
    return changes


def _show(name, value) -> str:
    if value in (None, ""):
        return "(blank)"
    if name == "status":
        return Status(value).label
    if name == "rag":
        return Rag(value).label
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def author_of(version) -> str:
    user = version.history_user
    if user is None:
        return NOBODY
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class TimelineEntry:
    update: ProgressUpdate
    status_before: str | None
    rag_before: str | None

    @property
    def status_changed(self):
        return bool(self.update.status) and self.status_before not in (None, self.update.status)

    @property
    def rag_changed(self):
        return bool(self.update.rag) and self.rag_before not in (None, self.update.rag)

    @property
    def status_before_label(self):
        return Status(self.status_before).label if self.status_before else ""

    @property
    def rag_before_label(self):
        return Rag(self.rag_before).label if self.rag_before else ""


def progress_timeline(updates: list[ProgressUpdate]) -> list[TimelineEntry]:
    """Updates newest first, each knowing the status and RAG the one before it reported, so
    the page can say "In progress (was Not started)"."""
    entries = []
    status, rating = None, None
    for update in reversed(newest_updates_first(updates)):
        entries.append(TimelineEntry(update, status, rating))
        status = update.status or status
        rating = update.rag or rating
    entries.reverse()
    return entries


def latest_percent(updates: list[ProgressUpdate]) -> int | None:
    """The newest reported percentage, from updates already loaded."""
    return latest_percent_of(updates)
