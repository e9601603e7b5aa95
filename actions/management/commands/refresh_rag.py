import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from actions import rag
from actions.models import Action

# Ratings stop moving with the calendar once a plan has ended; a month of margin covers a
# missed night or two.
ENDED_MARGIN = datetime.timedelta(days=31)


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

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        actions = Action.objects.in_current_plans(today - ENDED_MARGIN)
        changed = rag.refresh(actions, today)
        self.stdout.write(f"{changed} rating(s) changed.")
