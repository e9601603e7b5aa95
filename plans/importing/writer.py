"""Write a ParsedDocument to the database in one transaction, recording what it created.

Knows nothing of text layouts. A dry run does the same work and rolls it back, so the
preview shows exactly what the import will create and what it will link to.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.models import Agency, AgencyAlias, Membership, Partnership
from performance.models import Indicator, Observation, Target
from plans.models import ImportBatch, ImportedObject, Plan, Priority, SuccessCriterion

from .agencies import DEFAULT_AGENCIES
from .structure import DocumentError, ParsedDocument

UNITS = {
    "count": Indicator.Unit.COUNT,
    "percent": Indicator.Unit.PERCENT,
    "rate_per_1000": Indicator.Unit.RATE_PER_1000,
    "rank": Indicator.Unit.RANK,
}


@dataclass
class ImportReport:
    """What an import did, or in a dry run would do."""

    parsed: ParsedDocument
    sha256: str
    dry_run: bool
    batch: ImportBatch | None = None
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


def seed_default_agencies() -> int:
    """Create the known agencies and aliases that are missing; returns how many were added."""
    added = 0
    for known in DEFAULT_AGENCIES:
        agency = Agency.objects.resolve(known.name)
        if agency is None:
            agency = Agency.objects.create(name=known.name, sector=known.sector)
            added += 1
        for alias in known.aliases:
            if Agency.objects.resolve(alias) is None:
                AgencyAlias.objects.create(agency=agency, alias=alias)
    return added


def write_document(parsed, data: bytes, *, user=None, dry_run=False) -> ImportReport:
    """Save the parsed document, all or nothing. Nothing new if it was imported before."""
    report = ImportReport(parsed=parsed, sha256=sha256_of(data), dry_run=dry_run)
    report.already_imported = _previous_import(parsed, report.sha256)
    if report.already_imported is not None:
        return report
    try:
        with transaction.atomic():
            _Writer(parsed, report, user).write()
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    return report


@dataclass
class UndoReport:
    removed: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)


def undo_batch(batch: ImportBatch) -> UndoReport:
    """Delete what the batch created, newest first, and nothing else.

    An object that others now depend on (a partnership another import added a plan to, an
    agency a later action names) is kept, and the report says so.
    """
    if batch.undone_at is not None:
        raise DocumentError("this import has already been undone", batch.file_name)
    report = UndoReport()
    with transaction.atomic():
        records = list(batch.created.select_related("content_type").order_by("-position"))
        own = {(r.content_type.model_class(), r.object_id) for r in records}
        for record in records:
            model = record.content_type.model_class()
            obj = model.objects.filter(pk=record.object_id).first()
            if obj is None:
                continue
            if _deletes_only(obj, own):
                obj.delete()
                report.removed[str(model._meta.verbose_name_plural)] += 1
            else:
                report.kept.append(f"{model._meta.verbose_name} {obj}")
        batch.created.all().delete()
        batch.undone_at = timezone.now()
        batch.save(update_fields=["undone_at"])
    return report


def _deletes_only(obj, own) -> bool:
    """Whether deleting obj would remove only objects in `own` (and link rows)."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except ProtectedError:
        return False
    for model, instances in collector.data.items():
        if model._meta.auto_created:
            continue
        if any((model, instance.pk) not in own for instance in instances):
            return False
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.auto_created or model.__name__.startswith("Historical"):
            continue
        own_pks = [pk for own_model, pk in own if own_model is model]
        if queryset.exclude(pk__in=own_pks).exists():
            return False
    return True


def free_slug(model, name):
    """A slug from the name that no row of the model has yet ("st-albans", "st-albans-2")."""
    max_length = model._meta.get_field("slug").max_length - 4
    base = slugify(name)[:max_length] or model._meta.model_name
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _previous_import(parsed, sha256):
    batch = ImportBatch.objects.filter(sha256=sha256, undone_at__isnull=True).first()
    if batch is not None:
        return batch
    return Plan.objects.filter(
        partnership__name__iexact=parsed.partnership.name,
        title=parsed.plan.title,
        period_start=parsed.plan.start,
    ).first()


class _Writer:
    def __init__(self, parsed: ParsedDocument, report: ImportReport, user):
        self.parsed = parsed
        self.report = report
        self.user = user
        self.created = []
        self.agencies: dict[str, Agency] = {}
        self.priorities: dict[str, Priority] = {}

    def write(self):
        parsed = self.parsed
        if parsed.plan.start is None or parsed.plan.end is None:
            raise DocumentError("the plan's period could not be read", parsed.source)
        self.partnership = self._partnership()
        self.plan = self._create(
            Plan,
            partnership=self.partnership,
            kind=parsed.plan.kind,
            title=parsed.plan.title,
            period_start=parsed.plan.start,
            period_end=parsed.plan.end,
            status=parsed.plan.status,
            last_updated=parsed.plan.last_updated,
            source_document=parsed.source,
        )
        self._members()
        self._priorities()
        self._success_criteria()
        self._actions()
        self._figures()
        self._targets()
        self._record_batch()

    def _create(self, model, **values):
        obj = model.objects.create(**values)
        self.created.append(obj)
        self.report.created[str(model._meta.verbose_name_plural)] += 1
        return obj

    def _partnership(self):
        info = self.parsed.partnership
        existing = Partnership.objects.filter(name__iexact=info.name).first()
        if existing is None and info.ons_code:
            existing = Partnership.objects.filter(ons_code=info.ons_code).first()
        if existing is not None:
            self.report.linked.append(f"partnership {existing.name}")
            return existing
        return self._create(
            Partnership,
            name=info.name,
            slug=free_slug(Partnership, info.name),
            kind=info.kind,
            area=info.area,
            county=info.county,
            vision=info.vision,
            mission=info.mission,
            ons_code=info.ons_code,
        )

    def _agency(self, name) -> Agency:
        if name not in self.agencies:
            agency = Agency.objects.resolve(name)
            if agency is None:
                agency = self._create(Agency, name=name)
                self.report.new_agencies.append(name)
            elif agency not in self.agencies.values():
                self.report.linked.append(f"agency {agency.name}")
            self.agencies[name] = agency
        return self.agencies[name]

    def _members(self):
        year = self.parsed.plan.start.year
        for member in self.parsed.members:
            agency = self._agency(member.agency)
            exists = Membership.objects.filter(
                partnership=self.partnership, agency=agency, role=member.role, from_year=year
            ).exists()
            if not exists:
                self._create(
                    Membership,
                    partnership=self.partnership,
                    agency=agency,
                    role=member.role,
                    from_year=year,
                    to_year=self.parsed.plan.end.year,
                )

    def _priorities(self):
        for order, info in enumerate(self.parsed.priorities):
            self.priorities[info.code] = self._create(
                Priority,
                plan=self.plan,
                code=info.code,
                kind=info.kind,
                title=info.title,
                narrative=info.narrative,
                order=info.order or order,
                consultation_rank=info.consultation_rank,
            )

    def _success_criteria(self):
        for order, info in enumerate(self.parsed.success_criteria):
            self._create(
                SuccessCriterion,
                priority=self._priority(info.priority_code, info.line),
                text=info.text,
                associated=info.associated,
                laa_target=info.laa,
                target_value=info.target_value,
                target_unit=info.target_unit,
                order=order,
            )

    def _priority(self, code, line):
        try:
            return self.priorities[code]
        except KeyError:
            message = f"no priority {code!r} in the plan"
            raise DocumentError(message, self.parsed.source, line) from None

    def _actions(self):
        update_date = self._progress_date()
        for order, info in enumerate(self.parsed.actions):
            action = self._create(
                Action,
                plan=self.plan,
                title=info.title,
                description=info.description,
                target=info.target,
                timescale=info.timescale,
                start_date=info.start,
                due_date=info.due,
                rag=info.rag or Action._meta.get_field("rag").default,
                order=order,
            )
            action.priorities.set([self._priority(code, info.line) for code in info.priority_codes])
            for position, name in enumerate(dict.fromkeys(info.lead_agencies)):
                self._create(ActionLead, action=action, agency=self._agency(name), order=position)
            action.partner_agencies.set([self._agency(name) for name in info.partner_agencies])
            for text in info.progress:
                self._create(
                    ProgressUpdate,
                    action=action,
                    date=update_date,
                    text=text,
                    author_name=f"Imported from {self.parsed.source}",
                )

    def _progress_date(self) -> datetime.date:
        """Documents do not date each update: use the document's date, never the future."""
        plan = self.parsed.plan
        candidates = [d for d in (plan.last_updated, plan.end) if d is not None]
        return min(candidates[0], timezone.localdate())

    def _indicator(self, name, unit):
        indicator = Indicator.objects.filter(name__iexact=name).first()
        if indicator is None:
            indicator = self._create(
                Indicator, name=name, slug=free_slug(Indicator, name), unit=UNITS.get(unit, unit)
            )
        return indicator

    def _figures(self):
        for figure in self.parsed.figures:
            indicator = self._indicator(figure.indicator_name, figure.unit)
            self._period_value(Observation, indicator, figure, source=self.parsed.source)

    def _targets(self):
        for target in self.parsed.targets:
            indicator = self._indicator(target.indicator, "count")
            self._period_value(Target, indicator, target, note=target.note)

    def _period_value(self, model, indicator, item, **extra):
        existing = model.objects.filter(
            indicator=indicator,
            partnership=self.partnership,
            period_start=item.period_start,
            period_end=item.period_end,
        ).first()
        if existing is None:
            self._create(
                model,
                indicator=indicator,
                partnership=self.partnership,
                period_start=item.period_start,
                period_end=item.period_end,
                value=item.value,
                **extra,
            )
        elif existing.value != item.value:
            message = (
                f"{indicator.name} {item.period_start} to {item.period_end}: kept the recorded "
                f"{existing.value.normalize():f}; the document says {item.value.normalize():f}"
            )
            self.report.kept_existing.append(message)
            self.parsed.warn(item.line, message)

    def _record_batch(self):
        counts = dict(self.parsed.counts())
        batch = ImportBatch.objects.create(
            file_name=self.parsed.source,
            sha256=self.report.sha256,
            layout=self.parsed.layout,
            imported_by=self.user,
            partnership=self.partnership,
            plan=self.plan,
            counts=counts,
            warnings=[{"line": w.line, "message": w.message} for w in self.parsed.warnings],
        )
        types = ContentType.objects.get_for_models(*{type(obj) for obj in self.created})
        ImportedObject.objects.bulk_create(
            ImportedObject(
                batch=batch, content_type=types[type(obj)], object_id=obj.pk, position=position
            )
            for position, obj in enumerate(self.created)
        )
        self.report.batch = batch
