import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions import tasks
from actions.reminders import build_digests, send_digests
from csp.background import BACKGROUND_HELP, enqueue_and_report


class Command(BaseCommand):
    help = (
        "E-mail each agency officer and coordinator one digest of their overdue and stale "
        "actions (plans running now). Nobody with nothing due gets an e-mail. Run weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get what; send nothing."
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Count lateness as on this day (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument("--background", action="store_true", help=BACKGROUND_HELP)

    def handle(self, *args, dry_run=False, date=None, background=False, **options):
        if background:
            if dry_run:
                raise CommandError("--dry-run runs here and sends nothing: drop --background.")
            day = date.isoformat() if date else None
            enqueue_and_report(self, tasks.send_reminders, day, describe=self._sent)
            return
        today = date or timezone.localdate()
        digests = build_digests(today)
        for digest in digests:
            self.stdout.write(
                f"{digest.user.get_username()} <{digest.user.email}>: "
                f"{len(digest.overdue)} overdue, {len(digest.stale)} with no recent update"
            )
        if dry_run:
            self.stdout.write(f"Dry run: {len(digests)} reminder(s) would be sent.")
            return
        self.stdout.write(self._sent(send_digests(digests, today)))

    def _sent(self, count):
        return f"Sent {count} reminder(s)."
