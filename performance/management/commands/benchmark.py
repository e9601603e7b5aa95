import json

from django.core.management.base import BaseCommand, CommandError

from performance.benchmark import BenchmarkError, run, table


class Command(BaseCommand):
    help = (
        "Time the main pages on whatever the database holds, as a superuser, a county-wide "
        "viewer and a coordinator, against a bare list of 50 actions. Changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--repeats", type=int, default=7, help="Timed requests per page, after a warm-up."
        )
        parser.add_argument("--only", default="", help="Only pages whose name contains this.")

    def handle(self, *args, json: bool, repeats: int, only: str, **options):
        try:
            figures = run(repeats=repeats, only=only)
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_dumps(figures) if json else table(figures))


def _dumps(figures):
    return json.dumps(figures, indent=1)
