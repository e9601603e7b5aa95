"""The audit of a partnership: every change to its records, from the history simple-history
keeps, newest first, with what each change altered (old and new values).

One UNION over the historical tables that belong to the partnership gives the page of
changes (ordered, counted and sliced in the database), each row carrying the id of the
version before it; then one query per kind of record on the page loads those versions and
the versions before them. A page costs the same whatever the length of the history.
"""

import datetime
import decimal
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.text import capfirst

from actions.history import LINK_FIELDS, Change, author_of

NOBODY_CHOICE = "none"
# Columns not worth a line: bookkeeping, and the partnership (always the one audited). The
# history's own columns (history_*) are left out too.
NOT_SHOWN = {"id", "created_at", "updated_at", "partnership"}
WHAT_HAPPENED = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _plan_ids(partnership):
    return _history("plans.Plan").objects.filter(partnership_id=partnership.pk).values("id")


def _action_ids(partnership):
    return (
        _history("actions.Action").objects.filter(plan_id__in=_plan_ids(partnership)).values("id")
    )


def _period(record) -> str:
    return f"{record.indicator or 'An indicator'}, {_date(record.period_start)} to " + _date(
        record.period_end
    )


@dataclass(frozen=True)
class Kind:
    """One kind of record: its historical table, and which of its rows are the partnership's.

    Rows are found through the history itself (a plan's id from the plan's history), so a
    deleted record's changes still belong to its partnership.
    """

    key: str
    label: str
    model: str
    scope: Callable[..., Q]
    describe: Callable
    related: tuple[str, ...] = ()

    @property
    def history(self):
        return _history(self.model)


KINDS = [
    Kind(
        "partnership",
        "Partnership",
        "partnerships.Partnership",
        lambda p: Q(id=p.pk),
        lambda partnership: partnership.name,
    ),
    Kind(
        "role",
        "Role",
        "partnerships.Role",
        lambda p: Q(partnership_id=p.pk),
        lambda r: f"{r.user or 'A deleted user'}: {r.get_name_display()}",
        ("user", "agency"),
    ),
    Kind(
        "membership",
        "Member agency",
        "partnerships.Membership",
        lambda p: Q(partnership_id=p.pk),
        lambda m: f"{m.agency or 'A deleted agency'} ({m.get_role_display()})",
        ("agency",),
    ),
    Kind("plan", "Plan", "plans.Plan", lambda p: Q(partnership_id=p.pk), lambda plan: plan.title),
    Kind(
        "priority",
        "Priority",
        "plans.Priority",
        lambda p: Q(plan_id__in=_plan_ids(p)),
        lambda priority: f"{priority.code}: {_short(priority.title)}",
        ("plan",),
    ),
    Kind(
        "action",
        "Action",
        "actions.Action",
        lambda p: Q(plan_id__in=_plan_ids(p)),
        lambda action: _short(action.title),
        ("plan",),
    ),
    Kind(
        "update",
        "Progress update",
        "actions.ProgressUpdate",
        lambda p: Q(action_id__in=_action_ids(p)),
        lambda u: f"{_date(u.date)} on {_short(str(u.action or 'a deleted action'))}",
        ("action", "author"),
    ),
    Kind(
        "observation",
        "Figure",
        "performance.Observation",
        lambda p: Q(partnership_id=p.pk),
        _period,
        ("indicator",),
    ),
    Kind(
        "target",
        "Target",
        "performance.Target",
        lambda p: Q(partnership_id=p.pk),
        _period,
        ("indicator",),
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def _history(label):
    return apps.get_model(label).history.model


@dataclass(frozen=True)
class Filters:
    person: str = ""  # a user's pk, NOBODY_CHOICE or "" for anyone
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def q(self) -> Q:
        condition = Q()
        if self.person == NOBODY_CHOICE:
            condition &= Q(history_user__isnull=True)
        elif self.person:
            condition &= Q(history_user_id=self.person)
        if self.date_from:
            condition &= Q(history_date__gte=_start_of(self.date_from))
        if self.date_to:
            condition &= Q(history_date__lt=_start_of(self.date_to + datetime.timedelta(days=1)))
        return condition

    def kinds(self) -> list[Kind]:
        return [KINDS_BY_KEY[self.kind]] if self.kind in KINDS_BY_KEY else KINDS


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _branch(kind: Kind, partnership, filters: Filters) -> QuerySet:
    return (
        kind.history.objects.filter(kind.scope(partnership) & filters.q())
        .order_by()
        .annotate(record_kind=Value(kind.key, output_field=CharField()))
        .values("history_date", "history_id", "record_kind", "history_user_id")
    )


def changes_in(partnership, filters: Filters = Filters()) -> QuerySet:
    """The partnership's changes as light rows (kind, history id, date, author), newest
    first: a queryset to count and slice, e.g. with a Paginator. The versions before them
    are found for one page at a time, by explain()."""
    branches = [_branch(kind, partnership, filters) for kind in filters.kinds()]
    union = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    return union.order_by("-history_date", "-history_id", "record_kind")


def people_in(partnership):
    """Everyone who has changed something in the partnership, for the person filter."""
    made = [
        Q(pk__in=kind.history.objects.filter(kind.scope(partnership)).values("history_user_id"))
        for kind in KINDS
    ]
    users = get_user_model().objects.filter(reduce(or_, made))
    return users.order_by("last_name", "first_name", "username")


@dataclass(frozen=True)
class Entry:
    """One change of one record; its differences are actions.history's (label, old, new)."""

    when: datetime.datetime
    who: str
    kind: str
    what: str
    happened: str
    differences: list[Change] = field(default_factory=list)


def explain(rows) -> list[Entry]:
    """The light rows of one page, as changes with their old and new values."""
    rows = list(rows)
    wanted = {}
    for row in rows:
        wanted.setdefault(row["record_kind"], set()).add(row["history_id"])
    versions = {key: _versions(KINDS_BY_KEY[key], ids) for key, ids in wanted.items()}
    changes = []
    for row in rows:
        kind = KINDS_BY_KEY[row["record_kind"]]
        loaded = versions[kind.key]
        version = loaded[row["history_id"]]
        changes.append(_change(kind, version, _before(version, loaded.values())))
    return changes


def _order(version):
    return (version.history_date, version.history_id)


def _versions(kind: Kind, ids) -> dict:
    """The versions `ids` and, in the same query, the version before each of them."""
    history = kind.history.objects
    earlier = history.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    previous = earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
    previous_ids = history.filter(history_id__in=ids).annotate(previous=Subquery(previous))
    loaded = history.filter(
        Q(history_id__in=ids) | Q(history_id__in=previous_ids.values("previous"))
    ).select_related("history_user", *kind.related)
    return {version.history_id: version for version in loaded}


def _before(version, loaded):
    """The version just before `version` among those loaded: as the one before each page
    row was loaded, the latest earlier one of the same record is it."""
    earlier = [
        other for other in loaded if other.id == version.id and _order(other) < _order(version)
    ]
    return max(earlier, key=_order, default=None)


def _change(kind: Kind, version, before) -> Entry:
    happened = WHAT_HAPPENED.get(version.history_type, "Changed")
    if happened == "Deleted":
        differences = []
    else:
        differences = _differences(kind, before if happened == "Changed" else None, version)
    return Entry(
        when=version.history_date,
        who=author_of(version),
        kind=kind.label,
        what=kind.describe(version),
        happened=happened,
        differences=differences,
    )


def _tracked_fields(history_model):
    for model_field in history_model._meta.concrete_fields:
        if model_field.name in NOT_SHOWN or model_field.name.startswith("history_"):
            continue
        yield model_field


def _differences(kind: Kind, before, after) -> list[Change]:
    differences = []
    for model_field in _tracked_fields(kind.history):
        new = getattr(after, model_field.attname)
        old = getattr(before, model_field.attname) if before is not None else None
        if model_field.name in LINK_FIELDS and None in (old, new) and before is not None:
            continue  # the action's links were not recorded in one of the two versions
        if old != new and not (before is None and new in (None, "")):
            label = capfirst(str(model_field.verbose_name))
            shown_old = _show(model_field, before) if before is not None else ""
            differences.append(Change(label, shown_old, _show(model_field, after)))
    return differences


def _show(model_field, version) -> str:
    value = getattr(version, model_field.attname)
    if value in (None, ""):
        return "(blank)"
    if model_field.is_relation:
        # Only what _versions loaded with select_related: never a query per row.
        if not model_field.is_cached(version):
            return f"number {value}"
        related = model_field.get_cached_value(version)
        return str(related) if related is not None else f"(deleted, number {value})"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%-d %B %Y %H:%M}"
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else "(no date)"


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


CSV_HEADER = ["When", "Who", "Kind", "Record", "Change", "Field", "Old value", "New value"]


def csv_rows(partnership, filters: Filters, chunk=500) -> Iterator[list[str]]:
    """Every change matching the filters, one row per field changed, a chunk at a time."""
    changes = changes_in(partnership, filters)
    start = 0
    while True:
        page = explain(changes[start : start + chunk])
        for change in page:
            when = f"{timezone.localtime(change.when):%Y-%m-%d %H:%M:%S}"
            lead = [when, change.who, change.kind, change.what, change.happened]
            if not change.differences:
                yield lead + ["", "", ""]
            for difference in change.differences:
                yield lead + [difference.label, difference.before, difference.after]
        if len(page) < chunk:
            return
        start += chunk
