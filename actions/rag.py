"""The Red/Amber/Green rating of an action, when its plan has it computed.

A plan chooses (Plan.rag_method) whether people set the rating by hand or it is computed
by the rule below, the one Camms-style performance tools use: compare the progress reported
with the share of the action's time that has passed.

| the action is                                         | rating    |
|-------------------------------------------------------|-----------|
| cancelled                                             | not rated |
| completed                                             | green     |
| past its due date and not completed (overdue)         | red       |
| ongoing, with no percentage complete ever reported    | green     |
| otherwise, behind = % of time elapsed - % complete:   |           |
|   behind by the partnership's red gap or more         | red       |
|   behind by its amber gap or more                     | amber     |
|   less than that (or ahead)                           | green     |

- The time runs from the action's start date (else its plan's start) to its due date (else
  its plan's end). On the first day 0% has elapsed, on the last day 100%; before the start
  0%, after the end 100%.
- "% complete" is the newest percentage reported in a progress update; an action that has
  never reported one counts as 0% (so the rating asks for one), except an ongoing activity,
  which has no end to measure against.
- The gaps are the partnership's settings (default: amber from 10 points, red from 25).
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction

from actions.models import Action, Rag, Status, latest_percent_complete
from plans.models import Plan


@dataclass(frozen=True)
class RagResult:
    rag: str
    reason: str


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date

    def elapsed(self, today: datetime.date) -> Fraction:
        """The share of the window that has passed on `today`, from 0 to 1."""
        if today <= self.start:
            return Fraction(1) if today >= self.end else Fraction(0)
        if today >= self.end:
            return Fraction(1)
        return Fraction((today - self.start).days, (self.end - self.start).days)


def compute(
    *,
    status: str,
    due_date: datetime.date | None,
    window: Window,
    percent_complete: int | None,
    today: datetime.date,
    amber_gap: int,
    red_gap: int,
) -> RagResult:
    if status == Status.CANCELLED:
        return RagResult(Rag.NONE, "Cancelled actions are not rated.")
    if status == Status.COMPLETED:
        return RagResult(Rag.GREEN, "Completed.")
    if due_date is not None and due_date < today:
        return RagResult(Rag.RED, f"Overdue: it was due on {due_date:%-d %B %Y}.")
    if status == Status.ONGOING and percent_complete is None:
        return RagResult(Rag.GREEN, "An ongoing activity with no percentage to measure.")

    elapsed = window.elapsed(today) * 100
    reported = percent_complete or 0
    behind = elapsed - reported
    said_complete = (
        f"{reported}% complete reported"
        if percent_complete is not None
        else "no percentage complete reported (counted as 0%)"
    )
    reason = (
        f"{round(elapsed)}% of the time has passed and {said_complete}: "
        f"{_describe_gap(behind)} (amber from {amber_gap}, red from {red_gap} points behind)."
    )
    if behind >= red_gap:
        return RagResult(Rag.RED, reason)
    if behind >= amber_gap:
        return RagResult(Rag.AMBER, reason)
    return RagResult(Rag.GREEN, reason)


def _describe_gap(behind: Fraction) -> str:
    points = round(abs(behind))
    if behind > 0:
        return f"{points} points behind"
    if behind < 0:
        return f"{points} points ahead"
    return "on time"


def window_of(action: Action) -> Window:
    plan = action.plan
    start = action.start_date or plan.period_start
    end = action.due_date or plan.period_end
    return Window(start, max(start, end))


def for_action(action: Action, today: datetime.date, percent_complete: int | None) -> RagResult:
    """The computed rating of an action (with plan and partnership loaded)."""
    partnership = action.plan.partnership
    return compute(
        status=action.status,
        due_date=action.due_date,
        window=window_of(action),
        percent_complete=percent_complete,
        today=today,
        amber_gap=partnership.rag_amber_gap,
        red_gap=partnership.rag_red_gap,
    )


def latest_percent(action: Action) -> int | None:
    """The percent complete of the action's newest update that reported one (one query)."""
    return action.updates.latest_percent_complete()


def refresh(actions, today: datetime.date) -> int:
    """Recompute the rating of the given actions whose plan computes it; save those that
    changed (each save is recorded in the edit history). Returns how many changed.

    Run daily (manage.py refresh_rag): the rating moves with the calendar, not only with
    edits.
    """
    candidates = (
        actions.filter(plan__rag_method=Plan.RagMethod.COMPUTED)
        .select_related("plan__partnership")
        .annotate(percent_now=latest_percent_complete())
    )
    changed = 0
    for action in candidates.iterator(chunk_size=500):
        result = for_action(action, today, action.percent_now)
        if result.rag != action.rag:
            with transaction.atomic():
                action.rag = result.rag
                action.save(update_fields=["rag", "updated_at"])
            changed += 1
    return changed


@dataclass(frozen=True)
class RagCounts:
    red: int = 0
    amber: int = 0
    green: int = 0
    none: int = 0

    @property
    def total(self):
        return self.red + self.amber + self.green + self.none

    def as_rows(self):
        """(rag, label, count) in the order people read them."""
        return [
            (Rag.RED, Rag.RED.label, self.red),
            (Rag.AMBER, Rag.AMBER.label, self.amber),
            (Rag.GREEN, Rag.GREEN.label, self.green),
            (Rag.NONE, Rag.NONE.label, self.none),
        ]


def rag_counts(actions) -> RagCounts:
    """Count ratings over actions already loaded (no query)."""
    counts = Counter(action.rag for action in actions)
    return RagCounts(
        red=counts[Rag.RED], amber=counts[Rag.AMBER], green=counts[Rag.GREEN], none=counts[Rag.NONE]
    )


# Ratings stop moving with the calendar once a plan has ended; a month of margin covers a
# missed night or two.
ENDED_MARGIN = datetime.timedelta(days=31)


def refresh_current_plans(today: datetime.date) -> int:
    """The daily refresh: recompute ratings in plans running now (or just ended)."""
    return refresh(Action.objects.in_current_plans(today - ENDED_MARGIN), today)
