"""Write a ParsedDocument to the database in one transaction, recording what it created.

Knows nothing of text layouts. A dry run does the same work and rolls it back, so the
preview shows exactly what the import will create and what it will link to. The work of
each kind of record is in plans/importing/writing/; undo is in undo.py.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from partnerships.models import Agency, AgencyAlias, Partnership
from plans.models import ImportBatch, ImportedObject, Plan

from .plan_finding import holds_a_plan, needs_own_partnership
from .structure import DocumentError, ParsedDocument
from .undo import UndoReport, undo_batch
from .writing.action_writer import ActionWriter
from .writing.agency_writer import AgencyWriter
from .writing.figure_writer import FigureWriter
from .writing.fits import check_fits
from .writing.partnership_writer import PartnershipWriter
from .writing.plan_writer import PlanWriter
from .writing.recorder import Recorder, free_slug

__all__ = [
    "ImportReport",
    "UndoReport",
    "alias_table",
    "free_slug",
    "sha256_of",
    "undo_batch",
    "write_document",
]


@dataclass
class ImportReport:
    """What an import did, or in a dry run would do."""

    parsed: ParsedDocument
    sha256: str
    dry_run: bool
    batch: ImportBatch | None = None
    partnership: Partnership | None = None  # found or (in a dry run, would be) created
    already_imported: ImportBatch | Plan | None = None
    created: Counter = field(default_factory=Counter)
    linked: list[str] = field(default_factory=list)
    new_agencies: list[str] = field(default_factory=list)
    kept_existing: list[str] = field(default_factory=list)


class _Rollback(Exception):
    """Raised to roll back a dry run."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def alias_table() -> dict[str, str]:
    """Every agency name and alias in the database -> the agency's canonical name."""
    table = {name: name for name in Agency.objects.values_list("name", flat=True)}
    table.update(AgencyAlias.objects.values_list("alias", "agency__name"))
    return table


def write_document(parsed, data: bytes, *, user=None, dry_run=False) -> ImportReport:
    """Save the parsed document, all or nothing. Nothing new if it was imported before."""
    report = ImportReport(parsed=parsed, sha256=sha256_of(data), dry_run=dry_run)
    report.already_imported = _previous_import(parsed, report.sha256)
    if report.already_imported is not None:
        return report
    try:
        with transaction.atomic():
            _write(parsed, report, user)
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    return report


def _previous_import(parsed, sha256):
    batch = ImportBatch.objects.filter(sha256=sha256, undone_at__isnull=True).first()
    if batch is not None:
        return batch
    return Plan.objects.filter(
        partnership__name__iexact=parsed.partnership.name,
        title=parsed.plan.title,
        period_start=parsed.plan.start,
    ).first()


def _write(parsed: ParsedDocument, report: ImportReport, user):
    """Every part in turn, in the order undo relies on (it deletes the newest first)."""
    if parsed.plan.start is None or parsed.plan.end is None:
        raise DocumentError("the plan's period could not be read", parsed.source)
    check_fits(parsed)
    recorder = Recorder(report, user)
    partnerships = PartnershipWriter(recorder, parsed)
    if needs_own_partnership(parsed):
        partnerships.write_own()
    # A figure report is no plan (plan_finding says why).
    plans = PlanWriter(recorder, parsed, partnerships.own)
    if holds_a_plan(parsed):
        plans.write_plan()
    agencies = AgencyWriter(recorder, parsed)
    agencies.find_named()
    if partnerships.own is not None:
        partnerships.write_members(agencies)
    if plans.plan is not None:
        plans.write_parts()
        ActionWriter(recorder, parsed, plans, agencies).write()
    FigureWriter(recorder, parsed, partnerships).write()
    report.partnership = partnerships.own or partnerships.only_named()
    _record_batch(recorder, parsed, plans.plan)


def _record_batch(recorder: Recorder, parsed: ParsedDocument, plan):
    report = recorder.report
    batch = ImportBatch.objects.create(
        file_name=parsed.source,
        sha256=report.sha256,
        layout=parsed.layout,
        imported_by=recorder.user,
        partnership=report.partnership,
        plan=plan,
        counts=dict(parsed.counts()),
        warnings=[{"line": w.line, "message": w.message} for w in parsed.warnings],
        corrections=parsed.corrections,
    )
    types = ContentType.objects.get_for_models(*{type(obj) for obj in recorder.created})
    ImportedObject.objects.bulk_create(
        ImportedObject(
            batch=batch, content_type=types[type(obj)], object_id=obj.pk, position=position
        )
        for position, obj in enumerate(recorder.created)
    )
    report.batch = batch
