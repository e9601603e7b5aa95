from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.populations import PopulationFileError, import_populations


class Command(BaseCommand):
    help = (
        "Import population estimates (for rates per 1,000) from a CSV file: a column of ONS "
        "area codes and either year and population columns or one column per year."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, path, **options):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
            result = import_populations(text)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except (PopulationFileError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(
            f"{result.created} estimates added, {result.updated} changed, "
            f"{result.unchanged} unchanged."
        )
        if result.not_partnerships:
            codes = ", ".join(sorted(result.not_partnerships)[:20])
            self.stdout.write(
                f"{len(result.not_partnerships)} area codes are no partnership's: {codes}"
            )
