import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.police_data import PoliceDataError, save_tally, tally_paths


class Command(BaseCommand):
    help = (
        "Import data.police.uk street-level crime CSV files as monthly counts per partnership "
        "and crime type. Re-importing a month replaces that month for that force."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="street-level CSV files")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the result as JSON"
        )
        parser.add_argument("--dry-run", action="store_true", help="count, but save nothing")

    def handle(self, *args, paths, as_json: bool, dry_run: bool, **options):
        missing = [path for path in paths if not Path(path).is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        try:
            tally = tally_paths(paths)
        except PoliceDataError as error:
            raise CommandError(str(error)) from None
        if not dry_run:
            save_tally(tally)
        if as_json:
            self.stdout.write(json.dumps(tally.to_json(), indent=2))
        else:
            self._summarise(tally, dry_run)

    def _summarise(self, tally, dry_run):
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {tally.imported} of {tally.rows} rows from {len(tally.files)} file(s); "
            f"{tally.outside_area} outside every partnership's area, "
            f"{tally.no_location} with no location."
        )
        per_area = {}
        for (partnership_id, month, _type), count in tally.by_partnership().items():
            key = (tally.partnerships[partnership_id].name, month)
            per_area[key] = per_area.get(key, 0) + count
        for (name, month), count in sorted(per_area.items()):
            self.stdout.write(f"  {name}, {month}: {count}")
        if tally.outside_districts:
            top = ", ".join(f"{name} {n}" for name, n in tally.outside_districts.most_common(10))
            self.stdout.write(f"Outside every partnership's area: {top}")
