"""A quarter of example activity for the demo, so a new user's first pages are not empty.

Every update made here is marked is_example (the action page says so) and is written through
record_progress, like a real one; none is recorded in an import batch, so undoing an import
leaves them alone (an action they belong to is kept, and the undo report says so), and
re-importing a document never sees them.
"""

import datetime
from dataclasses import dataclass

from actions.models import Action, ProgressUpdate, Rag, Status
from actions.progress import record_progress
from plans.models import Plan

# One update a month for three months; every fifth action slips to amber, every seventh to
# red, the rest stay green: enough for the dashboard's red and amber list.
MONTHS_BACK = (3, 2, 1)
TEXTS = {
    Rag.GREEN: "Example activity: work is on track; the next step is booked.",
    Rag.AMBER: "Example activity: behind plan, waiting on a partner's data.",
    Rag.RED: "Example activity: stalled, no lead officer in post since last month.",
}


@dataclass
class ExampleActivity:
    plan: Plan | None
    updates: int = 0
    already_there: bool = False


def running_plan(partnership_name: str, today: datetime.date) -> Plan | None:
    """The partnership's plan whose period includes today."""
    return (
        Plan.objects.filter(
            partnership__name__icontains=partnership_name,
            period_start__lte=today,
            period_end__gte=today,
        )
        .order_by("-period_start")
        .first()
    )


def rating_for(position: int) -> str:
    if position % 7 == 6:
        return Rag.RED
    if position % 5 == 4:
        return Rag.AMBER
    return Rag.GREEN


def add_example_activity(plan: Plan, authors: dict, today: datetime.date) -> ExampleActivity:
    """Three monthly updates per action of `plan`, by the demo users: an action led by the
    police officer's agency is updated by them, the others by the coordinator. Does nothing
    if the plan already has example activity, so load_demo can run again."""
    result = ExampleActivity(plan)
    if ProgressUpdate.objects.filter(action__plan=plan, is_example=True).exists():
        result.already_there = True
        return result
    police_agency = authors.get("police_agency")
    actions = Action.objects.filter(plan=plan).prefetch_related("leads").order_by("order", "pk")
    for position, action in enumerate(actions):
        led_by_police = any(
            lead.agency_id == getattr(police_agency, "pk", None) for lead in action.leads.all()
        )
        author = authors["police.officer"] if led_by_police else authors["coordinator"]
        final = rating_for(position)
        for step, months in enumerate(MONTHS_BACK):
            rating = final if step == len(MONTHS_BACK) - 1 else Rag.GREEN
            values = {
                "date": today - datetime.timedelta(days=30 * months - 1),
                "text": TEXTS[rating],
                "status": Status.IN_PROGRESS,
                "rag": rating,
                "percent_complete": min(100, 10 * (step + 1) + position % 4 * 5),
                "is_example": True,
            }
            record_progress(action, author, values, today)
            result.updates += 1
    return result
