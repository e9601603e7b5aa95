"""Refuse, before anything is written, a value longer than its column holds: PostgreSQL would
refuse the insert part-way through (SQLite keeps it whole), and the admin would see a server
error rather than the line to look at. A name that long is a misreading (a sentence taken for
an agency), so the document is refused, not cut."""

from actions.models import Action, ProgressUpdate
from partnerships.models import Agency, Partnership
from performance.models import Indicator, Observation
from plans.models import ImportBatch, Plan, Priority, SuccessCriterion

from ..structure import DocumentError, ParsedDocument

_SHOWN = 60  # characters of a long value quoted in the message


def imported_from(source: str) -> str:
    """Who an imported progress update is signed by."""
    return f"Imported from {source}"


def check_fits(parsed: ParsedDocument) -> None:
    for model, name, value, line in _bounded_values(parsed):
        field = model._meta.get_field(name)
        if len(value) > field.max_length:
            shown = value if len(value) <= _SHOWN else value[:_SHOWN].rstrip() + "..."
            label = f"{model._meta.verbose_name} {field.verbose_name}"
            raise DocumentError(
                f'the {label} "{shown}" is {len(value)} characters long, more than the '
                f"{field.max_length} it may have; check what the line holds",
                parsed.source,
                line,
            )


def _bounded_values(parsed: ParsedDocument):
    """(model, field name, value, line) of every text the import saves in a bounded column."""
    source = parsed.source
    yield Partnership, "name", parsed.partnership.name, None
    yield Plan, "title", parsed.plan.title, None
    yield Plan, "source_document", source, None
    yield ImportBatch, "file_name", source, None
    yield ProgressUpdate, "author_name", imported_from(source), None
    for member in parsed.members:
        yield Agency, "name", member.agency, member.line
    for priority in parsed.priorities:
        yield Priority, "code", priority.code, priority.line
    for criterion in parsed.success_criteria:
        yield SuccessCriterion, "target_unit", criterion.target_unit, criterion.line
    for action in parsed.actions:
        yield Action, "timescale", action.timescale, action.line
        for agency in [*action.lead_agencies, *action.partner_agencies]:
            yield Agency, "name", agency, action.line
    for figure in parsed.figures:
        yield Indicator, "name", figure.indicator_name, figure.line
        yield Partnership, "name", figure.partnership, figure.line
        yield Observation, "source", source, figure.line
    for target in parsed.targets:
        yield Indicator, "name", target.indicator, target.line
        yield Partnership, "name", target.partnership, target.line
