from django.core.management import BaseCommand, CommandError
from django.db import DatabaseError

from partnerships.backup import BackupError, export_all


class Command(BaseCommand):
    help = (
        "Write every table (users, roles, plans, actions, figures, history, import batches) "
        "to one gzip'd file that restore_all loads."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. backup-2026-12-01.jsonl.gz")

    def handle(self, *args, path, **options):
        try:
            counts = export_all(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"The database could not be read: {str(error).strip()}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {sum(counts.values())} rows of {len(counts)} tables to {path}."
            )
        )
