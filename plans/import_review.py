"""The admin's review of an imported document: what the importer read, and the corrections.

`read_pending` reads the document as a dry run with the corrections made so far; the
ReviewForm shows what was read (partnership, kind, period, every table column's role) and
turns the admin's changes into new Corrections, which the next reading applies.
"""

from dataclasses import dataclass
from datetime import date

from django import forms

from partnerships.models import Partnership
from plans.importing.corrections import COLUMN_ROLES, PLAN_KINDS, Corrections, header_key
from plans.importing.service import import_document
from plans.importing.structure import DocumentError, TableInfo
from plans.importing.writer import ImportReport

NEW_PARTNERSHIP = "__new__"

# What each layout is, in the admin's words rather than the parser's name.
LAYOUT_WORDS = {
    "monitoring_report": "a monitoring report: objectives, targets, comments on actions and "
    "whether each target is on target",
    "priority_action_tables": "numbered priorities, each with a table of actions",
    "coded_action_table": "aims or priorities listed with codes, then a table of actions "
    "naming the codes they serve",
    "success_criteria_plan": "priorities with success criteria and activities under each",
    "narrative_strategy": "a strategy: a list of aims or priorities, with what is promised "
    "under each",
    "figure_report": "a report of performance figures only: no plan is created",
    "action_tables": "a table of actions (priorities from its objective column or the "
    "headings above it)",
}


@dataclass
class Reading:
    """One reading of the pending document: a report, or the error that stopped it."""

    corrections: Corrections
    report: ImportReport | None = None
    error: DocumentError | None = None

    @property
    def tables(self) -> list[TableInfo]:
        return self.report.parsed.tables if self.report else self.error.tables

    @property
    def checks(self):
        return [w for w in self.report.parsed.warnings if w.check] if self.report else []

    @property
    def other_warnings(self):
        return [w for w in self.report.parsed.warnings if not w.check] if self.report else []

    @property
    def partnership_is_new(self) -> bool:
        # A dry run creates the new partnership, then rolls back: it has a pk all the same.
        return not any(item.startswith("partnership ") for item in self.report.linked)

    @property
    def layout_in_words(self) -> str:
        layout = self.report.parsed.layout
        return LAYOUT_WORDS.get(layout, layout.replace("_", " "))


def read_pending(filename: str, data: bytes, corrections: Corrections, user) -> Reading:
    """Read the document as a dry run: nothing is saved."""
    try:
        report = import_document(data, filename, user=user, dry_run=True, corrections=corrections)
    except DocumentError as error:
        return Reading(corrections, error=error)
    return Reading(corrections, report=report)


class ReviewForm(forms.Form):
    """What the importer read, each part changeable; columns get a field each."""

    partnership = forms.ChoiceField(label="Partnership", required=False)
    new_partnership = forms.CharField(
        label="New partnership's name",
        required=False,
        max_length=200,
        help_text="Used when the partnership above is a new one. Leave it blank to keep the "
        "name the document gives.",
    )
    kind = forms.ChoiceField(label="Kind of document", choices=PLAN_KINDS.items())
    period_start = forms.DateField(
        label="Period starts", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label="Period ends", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, reading: Reading, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading
        self._shown = _shown_values(reading)
        names = list(Partnership.objects.order_by("name").values_list("name", flat=True))
        self.fields["partnership"].choices = [(NEW_PARTNERSHIP, "A new partnership")] + [
            (name, name) for name in names
        ]
        found = self._shown["partnership"]
        existing = next((name for name in names if name.lower() == found.lower()), None)
        self.initial.update(
            partnership=existing or NEW_PARTNERSHIP,
            new_partnership="" if existing else found,
            kind=self._shown["kind"] or "action_plan",
            period_start=self._shown["period_start"],
            period_end=self._shown["period_end"],
        )
        # One field per distinct header: corrections name columns by their header, so the
        # same header in several tables (one table per priority) takes one role.
        self.columns = []  # (field name, header) for the template
        for header, role, lines in _distinct_headers(reading.tables):
            name = f"column_{len(self.columns)}"
            self.fields[name] = forms.ChoiceField(
                label=header,
                choices=COLUMN_ROLES.items(),
                initial=role,
                help_text=f"In the table{'s' if len(lines) > 1 else ''} on line "
                + ", ".join(str(line) for line in lines),
            )
            self.columns.append((name, header))

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if bool(start) != bool(end):
            self.add_error("period_end" if start else "period_start", "Enter both dates")
        elif start and end and end < start:
            self.add_error("period_end", "The period must end after it starts")
        for bound in (start, end):
            if bound and not date(1995, 1, 1) <= bound <= date(2040, 12, 31):
                self.add_error("period_start", "Enter dates between 1995 and 2040")
                break
        return data

    def corrections(self) -> Corrections:
        """The corrections so far, with what the admin changed on this form added."""
        data, shown = self.cleaned_data, self._shown
        result = Corrections.from_json(self.reading.corrections.to_json())
        partnership = (
            data["new_partnership"].strip()
            if data["partnership"] == NEW_PARTNERSHIP
            else data["partnership"]
        )
        if partnership and partnership != shown["partnership"]:
            result.partnership = partnership
        if data["kind"] != shown["kind"]:
            result.kind = data["kind"]
        period = (data.get("period_start"), data.get("period_end"))
        if all(period) and period != (shown["period_start"], shown["period_end"]):
            result.period_start, result.period_end = period
        for name, header in self.columns:
            role = data[name]
            if role != self.fields[name].initial:
                result.columns = {
                    written: given
                    for written, given in result.columns.items()
                    if header_key(written) != header_key(header)
                }
                result.columns[header] = role
        return result


def _shown_values(reading: Reading) -> dict:
    if reading.report is None:
        corrections = reading.corrections
        return {
            "partnership": corrections.partnership,
            "kind": corrections.kind or "action_plan",
            "period_start": corrections.period_start,
            "period_end": corrections.period_end,
        }
    parsed = reading.report.parsed
    return {
        "partnership": parsed.partnership.name,
        "kind": parsed.plan.kind,
        "period_start": parsed.plan.start,
        "period_end": parsed.plan.end,
    }


def _distinct_headers(tables: list[TableInfo]):
    """(header, role, lines of the tables it heads) for each header with text, in order."""
    found: dict[str, list] = {}
    for table in tables:
        for header, role in zip(table.headers, table.roles, strict=False):
            if header.strip():
                entry = found.setdefault(header_key(header), [header, role, []])
                if table.line not in entry[2]:
                    entry[2].append(table.line)
    return [tuple(entry) for entry in found.values()]
