import json

from django.core.management import BaseCommand, CommandError

from plans.importing.corrections import (
    COLUMN_ROLES,
    PLAN_KINDS,
    Corrections,
    check,
    parse_column,
    parse_period,
)
from plans.importing.service import import_document
from plans.importing.structure import DocumentError

LISTS = ["members", "priorities", "actions", "success_criteria", "figures", "warnings"]


class Command(BaseCommand):
    help = (
        "Import partnership documents (text, .docx or PDF): strategies, action plans, update "
        "and monitoring reports, figure reports. Each document is saved whole or not at all. "
        "--partnership, --kind, --period and --column correct what the importer would guess, "
        "as the admin's review does."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse, validate and report; save nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON array.")
        parser.add_argument(
            "--partnership", default="", metavar="NAME", help="The partnership's name."
        )
        parser.add_argument(
            "--kind", default="", choices=sorted(PLAN_KINDS), help="The plan's kind."
        )
        parser.add_argument(
            "--period", default="", metavar="YYYY-MM-DD:YYYY-MM-DD", help="The plan's period."
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="HEADER=ROLE",
            help=f"Give a table column a role, one of: {', '.join(COLUMN_ROLES)}. Repeatable.",
        )

    def handle(self, *args, paths, dry_run, **options):
        corrections = self._corrections(options)
        results = [self._import(path, dry_run, corrections) for path in paths]
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, default=str))
        else:
            for result in results:
                self._print(result, dry_run)
        failed = [r for r in results if r["error"]]
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} documents failed", returncode=1)

    def _corrections(self, options) -> Corrections | None:
        """The corrections given on the command line; None to use the stored ones."""
        try:
            corrections = Corrections(
                partnership=options["partnership"].strip(),
                kind=options["kind"],
                columns=dict(parse_column(text) for text in options["column"]),
            )
            if options["period"]:
                corrections.period_start, corrections.period_end = parse_period(options["period"])
            check(corrections)
        except DocumentError as error:
            raise CommandError(f"Nothing was imported: {error.message}", returncode=2) from None
        return corrections or None

    def _import(self, path, dry_run, corrections):
        try:
            report = import_document(path, dry_run=dry_run, corrections=corrections)
        except DocumentError as error:
            return failure(path, error)
        result = report.parsed.to_json()
        result["already_imported"] = report.already_imported is not None
        result["created"] = dict(report.created)
        result["new_agencies"] = report.new_agencies
        return result

    def _print(self, result, dry_run):
        if result["error"]:
            self.stderr.write(self.style.ERROR(f"Failed: {result['error']}"))
            return
        source = result["source"]
        if result["already_imported"]:
            self.stdout.write(f"{source}: already imported, nothing new created")
            return
        verb = "would create" if dry_run else "created"
        created = ", ".join(f"{n} {what}" for what, n in result["created"].items())
        self.stdout.write(self.style.SUCCESS(f"{source} ({result['layout']}): {verb} {created}"))
        if result["corrections"]:
            self.stdout.write(f"  corrections applied: {json.dumps(result['corrections'])}")
        for warning in result["warnings"]:
            line = f"line {warning['line']}: " if warning["line"] else ""
            label = "check" if warning.get("check") else "warning"
            self.stdout.write(f"  {label}: {line}{warning['message']}")


def failure(path, error):
    """The --json object for a document that could not be imported."""
    result = {"source": str(path), "layout": None, "partnership": None, "plan": None}
    result.update({name: [] for name in LISTS})
    result.update(counts=dict.fromkeys(LISTS, 0), error=str(error))
    return result
