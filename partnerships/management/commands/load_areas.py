from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partnerships.national_areas import load_areas
from performance.populations import PopulationFileError, import_populations

CENSUS_FILE = (
    Path(settings.BASE_DIR).parent / "shared/data/real/census-2011-2021-population-by-lad.csv"
)


class Command(BaseCommand):
    help = (
        "Set up every Community Safety Partnership in England and Wales from the ONS "
        "district-to-CSP-to-police-force lookup, with Census 2011 and 2021 populations. "
        "Running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--populations",
            metavar="PATH",
            help=f"population CSV by ONS district code (default {CENSUS_FILE})",
        )

    def handle(self, *args, populations=None, **options):
        path = Path(populations) if populations else CENSUS_FILE
        if populations and not path.exists():
            raise CommandError(f"{path}: no such file")
        # A bad population file leaves the partnerships as they were, too.
        with transaction.atomic():
            result = load_areas()
            counts = self._populations(path) if path.exists() else None
        self.stdout.write(
            f"{result.created} partnerships added, {result.updated} completed, "
            f"{result.unchanged} unchanged."
        )
        if counts is None:
            self.stdout.write(f"No populations loaded: {path} is not here.")
        else:
            self.stdout.write(
                f"Populations: {counts.created} added, {counts.updated} changed, "
                f"{counts.unchanged} unchanged."
            )

    def _populations(self, path):
        try:
            return import_populations(path.read_text(encoding="utf-8-sig"))
        except (PopulationFileError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from None
