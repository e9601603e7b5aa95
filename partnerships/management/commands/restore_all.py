from django.core.management import BaseCommand, CommandError
from django.db import DatabaseError

from partnerships.backup import BackupError, restore_all


class Command(BaseCommand):
    help = (
        "Load a file written by export_all into an empty, migrated database, in one "
        "transaction: everything or, on any problem, nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_all")

    def handle(self, *args, path, **options):
        try:
            restored = restore_all(path)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was loaded.") from None
        except DatabaseError as error:
            raise CommandError(
                f"The database could not be used ({str(error).strip()}). Nothing was loaded."
            ) from None
        counts = restored.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(counts.values())} rows of {len(counts)} tables from {path}; "
                "every table's checksum matches the file."
            )
        )
