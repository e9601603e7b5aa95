"""Write a ParsedDocument to the database in one transaction, recording what it created.

Knows nothing of text layouts. A dry run does the same work and rolls it back, so the
preview shows exactly what the import will create and what it will link to.
"""

import datetime
import hashlib
import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import ProtectedError, Q
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actions.models import Action, ActionLead, ProgressUpdate, Status
from partnerships.models import Agency, AgencyAlias, Membership, Partnership
from performance.models import Indicator, Observation, Target
from plans.models import ImportBatch, ImportedObject, Plan, Priority, SuccessCriterion

from .areas import with_area
from .plan_finding import free_code, holds_a_plan, needs_own_partnership, plan_reported_on
from .structure import DocumentError, ParsedDocument, PartnershipInfo
from .text import is_same_title

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


def _any_name(names, *fields) -> Q:
    """Rows whose fields hold any of the names, ignoring case, as Agency.objects.resolve
    compares them."""
    return reduce(
        operator.or_, (Q(**{f"{field}__iexact": name}) for name in names for field in fields)
    )


def _tidy(name: str) -> str:
    return " ".join(name.split())


def _name_key(name: str) -> str:
    return _tidy(name).lower()


class _Writer:
    def __init__(self, parsed: ParsedDocument, report: ImportReport, user):
        self.parsed = parsed
        self.report = report
        self.user = user
        self.created = []
        self.agencies: dict[str, Agency] = {}  # as the document names them
        self.known_agencies: dict[str, Agency] = {}  # by the lower-case name or alias
        self.priorities: dict[str, Priority] = {}
        self.indicators: dict[str, Indicator] = {}

    def write(self):
        parsed = self.parsed
        if parsed.plan.start is None or parsed.plan.end is None:
            raise DocumentError("the plan's period could not be read", parsed.source)
        self.named_partnerships: dict[str, Partnership] = {}
        self.partnership = (
            self._partnership(parsed.partnership) if needs_own_partnership(parsed) else None
        )
        # A figure report is no plan (plan_finding says why).
        self.plan = self._plan() if holds_a_plan(parsed) else None
        self.attached = self.plan is not None and self.plan.pk not in self._created_pks(Plan)
        self._find_agencies()
        if self.partnership is not None:
            self._members()
        if self.plan is not None:
            self._priorities()
            self._success_criteria()
            self._actions()
        self._figures()
        self._targets()
        self.report.partnership = self.partnership or self._only_named_partnership()
        self._record_batch()

    def _created_pks(self, model) -> set:
        return {obj.pk for obj in self.created if type(obj) is model}

    def _only_named_partnership(self):
        named = set(self.named_partnerships.values())
        return named.pop() if len(named) == 1 else None

    def _plan(self):
        """The plan the document is: for an update or monitoring report, the partnership's
        plan for the period reported on where one exists; otherwise a new plan."""
        info = self.parsed.plan
        existing = None
        if info.kind == Plan.Kind.UPDATE_REPORT:
            existing = plan_reported_on(self.partnership, info.start, info.end)
        if existing is not None:
            self.report.linked.append(f"plan {existing.title}")
            return existing
        return self._create(
            Plan,
            partnership=self.partnership,
            kind=info.kind,
            title=info.title,
            period_start=info.start,
            period_end=info.end,
            status=info.status,
            last_updated=info.last_updated,
            source_document=self.parsed.source,
        )

    def _create(self, model, **values):
        obj = model(**values)
        obj._history_user = self.user  # read by simple-history when it writes the history row
        obj.save(force_insert=True)
        self._record(model, [obj])
        return obj

    def _bulk_create(self, model, objects) -> list:
        """Insert many objects at once, with their history rows where the model keeps history.

        SQLite (3.35 and later) and PostgreSQL give bulk-inserted rows their keys back, which
        the import batch records so that undo can find them.
        """
        objects = list(objects)
        if not objects:
            return objects
        if hasattr(model._meta, "simple_history_manager_attribute"):
            objects = bulk_create_with_history(objects, model, default_user=self.user)
        else:
            objects = model.objects.bulk_create(objects)
        self._record(model, objects)
        return objects

    def _record(self, model, objects):
        self.created.extend(objects)
        self.report.created[str(model._meta.verbose_name_plural)] += len(objects)

    def _partnership(self, info: PartnershipInfo):
        info = with_area(info)
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

    def _partnership_of(self, item):
        """The partnership a figure or target belongs to: its own, by name, in a report
        covering several; else the document's."""
        name = _tidy(item.partnership)
        if not name:
            return self.partnership
        key = _name_key(name)
        if key not in self.named_partnerships:
            info = PartnershipInfo(name=name, kind=self.parsed.partnership.kind)
            self.named_partnerships[key] = self._partnership(info)
        return self.named_partnerships[key]

    def _agency(self, name) -> Agency:
        if name not in self.agencies:
            agency = self.known_agencies.get(_name_key(name))
            if agency is None:
                agency = self.known_agencies[_name_key(name)] = self._create(Agency, name=name)
                self.report.new_agencies.append(name)
            elif agency not in self.agencies.values():
                self.report.linked.append(f"agency {agency.name}")
            self.agencies[name] = agency
        return self.agencies[name]

    def _find_agencies(self):
        """Every agency the document names by its name or an alias, as Agency.objects.resolve
        finds them (ignoring case, the first by name where several match), in one query."""
        parsed = self.parsed
        names = {member.agency for member in parsed.members}
        for action in parsed.actions:
            names.update(action.lead_agencies, action.partner_agencies)
        if not names:
            return
        named = _any_name(map(_tidy, names), "name", "aliases__alias")
        for agency in Agency.objects.filter(named).distinct().prefetch_related("aliases"):
            for written in [agency.name, *(alias.alias for alias in agency.aliases.all())]:
                self.known_agencies.setdefault(_name_key(written), agency)

    def _distinct_agencies(self, names) -> list[Agency]:
        """The agencies of the names, in order, each once (two aliases may name one body)."""
        return list(dict.fromkeys(self._agency(name) for name in names))

    def _members(self):
        start, end = self.parsed.plan.start.year, self.parsed.plan.end.year
        held = set(
            Membership.objects.filter(partnership=self.partnership, from_year=start).values_list(
                "agency_id", "role"
            )
        )
        memberships = []
        for member in self.parsed.members:
            agency = self._agency(member.agency)
            if (agency.pk, member.role) not in held:
                held.add((agency.pk, member.role))
                memberships.append(
                    Membership(
                        partnership=self.partnership,
                        agency=agency,
                        role=member.role,
                        from_year=start,
                        to_year=end,
                    )
                )
        self._bulk_create(Membership, memberships)

    def _priorities(self):
        """The document's priorities; a report on an existing plan reuses the plan's own
        where the title is the same, and gives a new one a code the plan has not used."""
        existing = list(self.plan.priorities.all()) if self.attached else []
        taken = {priority.code for priority in existing}
        new = []
        for order, info in enumerate(self.parsed.priorities):
            same = next((p for p in existing if is_same_title(info.title, p.title)), None)
            if same is not None:
                self.priorities[info.code] = same
                continue
            code = free_code(info.code, taken)
            taken.add(code)
            new.append(
                (
                    info.code,
                    Priority(
                        plan=self.plan,
                        code=code,
                        kind=info.kind,
                        title=info.title,
                        narrative=info.narrative,
                        order=(info.order or order) + len(existing),
                        consultation_rank=info.consultation_rank,
                    ),
                )
            )
        created = self._bulk_create(Priority, (priority for _, priority in new))
        self.priorities.update(zip((code for code, _ in new), created, strict=True))

    def _success_criteria(self):
        # A report on an existing plan repeats the strategy's targets: keep each once.
        held = set(
            SuccessCriterion.objects.filter(priority__plan=self.plan).values_list(
                "priority_id", "text"
            )
            if self.attached
            else ()
        )
        self._bulk_create(
            SuccessCriterion,
            (
                SuccessCriterion(
                    priority=priority,
                    text=info.text,
                    associated=info.associated,
                    laa_target=info.laa,
                    target_value=info.target_value,
                    target_unit=info.target_unit,
                    order=order,
                )
                for order, info in enumerate(self.parsed.success_criteria)
                for priority in [self._priority(info.priority_code, info.line)]
                if (priority.pk, info.text) not in held
            ),
        )

    def _priority(self, code, line):
        try:
            return self.priorities[code]
        except KeyError:
            message = f"no priority {code!r} in the plan"
            raise DocumentError(message, self.parsed.source, line) from None

    def _actions(self):
        # A report on an existing plan adds its progress to the plan's actions of the same
        # title, and adds the actions the plan does not have.
        existing = {}
        if self.attached:
            for action in self.plan.actions.all():
                existing.setdefault(_name_key(action.title), action)
        infos, reported = [], []
        for info in self.parsed.actions:
            action = existing.get(_name_key(info.title))
            if action is None:
                infos.append(info)
            else:
                reported.append((action, info))
        default_rag = Action._meta.get_field("rag").default
        # A document that says nothing of how far an action has got leaves it not known,
        # rather than claiming it has not started.
        default_status = Status.UNKNOWN
        actions = self._bulk_create(
            Action,
            (
                Action(
                    plan=self.plan,
                    title=info.title,
                    description=info.description,
                    target=info.target,
                    timescale=info.timescale,
                    start_date=info.start,
                    due_date=info.due,
                    rag=info.rag or default_rag,
                    status=info.status or default_status,
                    order=order,
                )
                for order, info in enumerate(infos, start=len(existing))
            ),
        )
        pairs = list(zip(actions, infos, strict=True))
        self._link_priorities(pairs)
        self._link_agencies(pairs)
        self._progress(pairs + reported)

    def _progress(self, pairs):
        """The document's progress text as updates dated by the document, each once: a
        report imported again after a new export adds nothing it already added."""
        update_date = self._progress_date()
        held = set(
            ProgressUpdate.objects.filter(
                action__in=[action for action, _ in pairs], date=update_date
            ).values_list("action_id", "text")
        )
        self._bulk_create(
            ProgressUpdate,
            (
                ProgressUpdate(
                    action=action,
                    date=update_date,
                    text=text,
                    rag=info.rag,
                    author_name=f"Imported from {self.parsed.source}",
                )
                for action, info in pairs
                for text in dict.fromkeys(info.progress)
                if (action.pk, text) not in held
            ),
        )
        # Bulk inserts skip ProgressUpdate.save(): keep each action's stored date right here.
        Action.objects.filter(pk__in=[action.pk for action, _ in pairs]).refresh_last_update()

    def _link_priorities(self, pairs):
        # Link rows go with their action when it is deleted: undo need not record them.
        Link = Action.priorities.through
        Link.objects.bulk_create(
            Link(action=action, priority=priority)
            for action, info in pairs
            for priority in dict.fromkeys(
                self._priority(code, info.line) for code in info.priority_codes
            )
        )

    def _link_agencies(self, pairs):
        leads, partners = [], []
        Partner = Action.partner_agencies.through
        for action, info in pairs:
            for order, agency in enumerate(self._distinct_agencies(info.lead_agencies)):
                leads.append(ActionLead(action=action, agency=agency, order=order))
            for agency in self._distinct_agencies(info.partner_agencies):
                partners.append(Partner(action=action, agency=agency))
        self._bulk_create(ActionLead, leads)
        Partner.objects.bulk_create(partners)

    def _progress_date(self) -> datetime.date:
        """Documents do not date each update: use the document's date, never the future."""
        plan = self.parsed.plan
        candidates = [d for d in (plan.last_updated, plan.end) if d is not None]
        return min(candidates[0], timezone.localdate())

    def _indicator(self, name, unit):
        key = name.lower()
        if key not in self.indicators:
            self.indicators[key] = self._create(
                Indicator, name=name, slug=free_slug(Indicator, name), unit=UNITS.get(unit, unit)
            )
        return self.indicators[key]

    def _find_indicators(self, names):
        """Cache the indicators that already have any of the names, ignoring case: one query."""
        if names:
            for indicator in Indicator.objects.filter(_any_name(set(names), "name")):
                self.indicators.setdefault(indicator.name.lower(), indicator)

    def _figures(self):
        figures, source = self.parsed.figures, self.parsed.source
        self._find_indicators([figure.indicator_name for figure in figures])
        self._period_values(
            Observation,
            [
                (self._indicator(figure.indicator_name, figure.unit), figure, {"source": source})
                for figure in figures
            ],
        )

    def _targets(self):
        targets = self.parsed.targets
        self._find_indicators([target.indicator for target in targets])
        self._period_values(
            Target,
            [
                (self._indicator(target.indicator, "count"), target, {"note": target.note})
                for target in targets
            ],
        )

    def _period_values(self, model, items):
        """Save (indicator, figure, extra fields) items as observations or targets. A period
        already recorded keeps its value; where the document differs, the preview warns."""
        if not items:
            return
        items = [
            (self._partnership_of(item), indicator, item, extra) for indicator, item, extra in items
        ]
        recorded = {
            (value.partnership_id, value.indicator_id, value.period_start, value.period_end): value
            for value in model.objects.filter(
                partnership__in={item[0] for item in items},
                indicator__in={item[1] for item in items},
            )
        }
        new = []
        for partnership, indicator, item, extra in items:
            key = (partnership.pk, indicator.pk, item.period_start, item.period_end)
            existing = recorded.get(key)
            if existing is None:
                recorded[key] = model(
                    indicator=indicator,
                    partnership=partnership,
                    period_start=item.period_start,
                    period_end=item.period_end,
                    value=item.value,
                    **extra,
                )
                new.append(recorded[key])
            elif existing.value != item.value:
                message = (
                    f"{indicator.name} {item.period_start} to {item.period_end}: kept the "
                    f"recorded {existing.value.normalize():f}; the document says "
                    f"{item.value.normalize():f}"
                )
                self.report.kept_existing.append(message)
                self.parsed.warn(item.line, message)
        self._bulk_create(model, new)

    def _record_batch(self):
        counts = dict(self.parsed.counts())
        batch = ImportBatch.objects.create(
            file_name=self.parsed.source,
            sha256=self.report.sha256,
            layout=self.parsed.layout,
            imported_by=self.user,
            partnership=self.report.partnership,
            plan=self.plan,
            counts=counts,
            warnings=[{"line": w.line, "message": w.message} for w in self.parsed.warnings],
            corrections=self.parsed.corrections,
        )
        types = ContentType.objects.get_for_models(*{type(obj) for obj in self.created})
        ImportedObject.objects.bulk_create(
            ImportedObject(
                batch=batch, content_type=types[type(obj)], object_id=obj.pk, position=position
            )
            for position, obj in enumerate(self.created)
        )
        self.report.batch = batch
