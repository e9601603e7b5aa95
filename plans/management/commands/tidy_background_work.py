from django.core.management.base import BaseCommand

from csp.background import BACKGROUND_HELP, enqueue_and_report
from plans import tasks
from plans.background_tidy import Tidied, tidy_background_work


class Command(BaseCommand):
    help = (
        "Mark failed the document imports, county exports (and other tasks) whose worker was "
        "lost, so that they can be tried again, and remove import reviews nobody finished and "
        "old county exports. Run every few minutes, from cron (README, 'Background tasks and "
        "workers')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--background", action="store_true", help=BACKGROUND_HELP)

    def handle(self, *args, background=False, **options):
        if background:
            enqueue_and_report(
                self, tasks.tidy_background_work, describe=lambda done: Tidied(**done).summary()
            )
            return
        self.stdout.write(tidy_background_work().summary())
