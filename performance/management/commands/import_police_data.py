import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from csp.background import BACKGROUND_HELP, enqueue_and_report
from performance import tasks
from performance.police_data import PoliceDataError, import_police_folder


class Command(BaseCommand):
    help = (
        "Import data.police.uk street-level crime CSV files, or folders of them (every "
        "*-street.csv inside, as the police.uk archive unpacks), as monthly counts per "
        "partnership and crime type. Re-importing a month replaces that month for that force. "
        "One bad file stops the import and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="street-level CSV files or folders"
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the result as JSON"
        )
        parser.add_argument("--dry-run", action="store_true", help="count, but save nothing")
        parser.add_argument(
            "--background",
            action="store_true",
            help=f"{BACKGROUND_HELP} The worker must be able to read the paths.",
        )

    def handle(self, *args, paths, as_json: bool, dry_run: bool, verbosity: int, **options):
        if options.get("background"):
            if as_json:
                raise CommandError("--json prints the result here: drop --background.")
            # The worker may run in another folder: it is given absolute paths.
            absolute = [str(Path(path).resolve()) for path in paths]
            enqueue_and_report(self, tasks.import_police_folder, absolute, dry_run=dry_run)
            return
        progress = self._progress if verbosity > 1 else None
        try:
            tally = import_police_folder(paths, dry_run=dry_run, progress=progress)
        except PoliceDataError as error:
            raise CommandError(str(error)) from None
        if as_json:
            self.stdout.write(json.dumps(tally.to_json(), indent=2))
        else:
            self._summarise(tally, dry_run)

    def _progress(self, done, total, message):
        self.stderr.write(f"[{done}/{total}] {message}")

    def _summarise(self, tally, dry_run):
        self.stdout.write(tally.summary(dry_run))
        per_area = Counter()
        for (partnership_id, month, _type), count in tally.by_partnership().items():
            per_area[tally.partnerships[partnership_id].name, month] += count
        for (name, month), count in sorted(per_area.items()):
            self.stdout.write(f"  {name}, {month}: {count}")
        if tally.outside_districts:
            top = ", ".join(f"{name} {n}" for name, n in tally.outside_districts.most_common(10))
            self.stdout.write(f"Outside every partnership's area: {top}")
        self._list_skipped(tally.skipped)

    def _list_skipped(self, skipped):
        by_reason = {}
        for file in skipped:
            by_reason.setdefault(file["reason"], []).append(file["file"])
        for reason, files in by_reason.items():
            shown = ", ".join(files[:3]) + (
                f" and {len(files) - 3:,} more" if len(files) > 3 else ""
            )
            self.stdout.write(f"Skipped {len(files):,} file(s), {reason}: {shown}")
