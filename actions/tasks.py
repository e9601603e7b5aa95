"""Background tasks of the actions app: what a scheduler enqueues (README, "Background tasks
and workers"). A day given as YYYY-MM-DD stands in for today; without one, today is the day
the task runs, not the day it was enqueued."""

import datetime

from django.utils import timezone
from django_tasks import task

from actions import rag, reminders


def _day(iso_date: str | None) -> datetime.date:
    return datetime.date.fromisoformat(iso_date) if iso_date else timezone.localdate()


@task()
def refresh_rag(day: str | None = None) -> int:
    """Recompute the computed ratings in current plans; the number that changed."""
    return rag.refresh_current_plans(_day(day))


@task()
def send_reminders(day: str | None = None) -> int:
    """E-mail every reminder digest due; the number sent."""
    return reminders.send_reminders(_day(day))
