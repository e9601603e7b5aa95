"""RAG ratings and statuses as they stood at a moment, read from the actions' history
(django-simple-history): what the dashboard's "since the last quarter" and a first meeting
pack compare with."""

import datetime

from django.utils import timezone

from actions.models import Action


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, in the site's time zone."""
    moment = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def ratings_at(plan, moment: datetime.datetime) -> dict[int, dict]:
    """{action id: {"rag", "status"}} as each action of the plan stood just before `moment`;
    actions made later are not in it."""
    rows = (
        Action.history.filter(plan_id=plan.pk, history_date__lt=moment)
        .exclude(history_type="-")
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "rag", "status")
    )
    ratings = {}
    for action_id, rag, status in rows:
        ratings.setdefault(action_id, {"rag": rag, "status": status})
    return ratings
