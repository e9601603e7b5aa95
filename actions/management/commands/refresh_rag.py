import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from actions import rag, tasks
from csp.background import BACKGROUND_HELP, enqueue_and_report


class Command(BaseCommand):
    help = (
        "Recompute the RAG rating of actions in plans that compute it (the rating follows "
        "the calendar as well as the updates). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Rate as on this day (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument("--background", action="store_true", help=BACKGROUND_HELP)

    def handle(self, *args, date=None, background=False, **options):
        if background:
            day = date.isoformat() if date else None
            enqueue_and_report(self, tasks.refresh_rag, day, describe=self._changed)
            return
        self.stdout.write(self._changed(rag.refresh_current_plans(date or timezone.localdate())))

    def _changed(self, count):
        return f"{count} rating(s) changed."
