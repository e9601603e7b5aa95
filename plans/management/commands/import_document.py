import json

from django.core.management import BaseCommand, CommandError

from plans.importing.service import import_document
from plans.importing.structure import DocumentError

LISTS = ["members", "priorities", "actions", "success_criteria", "figures", "warnings"]


class Command(BaseCommand):
    help = (
        "Import partnership documents (text or .docx): strategies, action plans, update "
        "reports. Each document is saved whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse, validate and report; save nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON array.")

    def handle(self, *args, paths, dry_run, **options):
        results = [self._import(path, dry_run) for path in paths]
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, default=str))
        else:
            for result in results:
                self._print(result, dry_run)
        failed = [r for r in results if r["error"]]
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} documents failed", returncode=1)

    def _import(self, path, dry_run):
        try:
            report = import_document(path, dry_run=dry_run)
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
        for warning in result["warnings"]:
            line = f"line {warning['line']}: " if warning["line"] else ""
            self.stdout.write(f"  warning: {line}{warning['message']}")


def failure(path, error):
    """The --json object for a document that could not be imported."""
    result = {"source": str(path), "layout": None, "partnership": None, "plan": None}
    result.update({name: [] for name in LISTS})
    result.update(counts=dict.fromkeys(LISTS, 0), error=str(error))
    return result
