"""Saving a `Tally`: replace the months it read, force by force, in one transaction, and
recompute the partnerships' monthly observations (one a crime type, and "All crime")."""

import datetime
import functools
import operator
from functools import reduce

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from csp import bulk_insert
from performance.models import Indicator, Observation, PoliceCrimeCount
from performance.periods import Period
from performance.police_data.reading import (
    ALL_CRIME,
    ANTI_SOCIAL_BEHAVIOUR,
    CRIME_TYPES,
    SOURCE,
    Tally,
)


def _month_start(month: str) -> datetime.date:
    return datetime.date(int(month[:4]), int(month[5:]), 1)


@transaction.atomic
def save_tally(tally: Tally, batch=None) -> int:
    """Replace the months read, force by force, and recompute the partnerships' monthly
    observations for those months. Returns the number of observations written.

    New rows are streamed with COPY on PostgreSQL, without a model object each: most of the
    time of saving a national archive was making and preparing those objects."""
    touched = set()
    if tally.months:
        old = PoliceCrimeCount.objects.filter(_months_of_forces(tally.months))
        touched.update(old.values_list("partnership_id", "month").distinct().order_by())
        old.delete()
    _write_counts(tally.counts, batch)
    touched.update((pid, _month_start(month)) for (_f, month, pid, _t) in tally.counts)
    written = _recompute_observations(touched, _history_user(batch))
    if batch is not None:
        batch.status = batch.Status.SAVED
        batch.saved_at = timezone.now()
        batch.save(update_fields=["status", "saved_at"])
    return written


# Attribute names (ids for foreign keys), as COPY and the model's constructor both take them.
COUNT_FIELDS = ["force", "month", "partnership_id", "crime_type", "count", "batch_id"]


def _write_counts(counts, batch) -> None:
    batch_id = batch.pk if batch is not None else None
    rows = [
        (force, _month_start(month), partnership_id, crime_type, count, batch_id)
        for (force, month, partnership_id, crime_type), count in counts.items()
    ]
    if connection.vendor == "postgresql":
        bulk_insert.copy_values(PoliceCrimeCount, COUNT_FIELDS, rows)
        return
    PoliceCrimeCount.objects.bulk_create(
        PoliceCrimeCount(**dict(zip(COUNT_FIELDS, row, strict=True))) for row in rows
    )


def _history_user(batch):
    """Who the observations' history names: the signed-in user saving in the admin (through
    simple_history's middleware), else whoever uploaded the batch; nobody from a command."""
    user = Observation.history.model.get_default_history_user(Observation())
    if user is None and batch is not None:
        return batch.created_by
    return user


def _months_of_forces(months) -> Q:
    """Matches the counts of these (force, "YYYY-MM") pairs: one term a force, so that the
    query stays short for an archive of hundreds of files."""
    by_force = {}
    for force, month in months:
        by_force.setdefault(force, []).append(_month_start(month))
    return reduce(
        operator.or_,
        (Q(force=force, month__in=sorted(starts)) for force, starts in sorted(by_force.items())),
    )


def police_indicators(crime_types) -> dict[str, Indicator]:
    """The indicator for each police.uk crime type (by `police_category`), creating any missing
    one so that every type read can be shown."""
    found = {}
    for indicator in Indicator.objects.exclude(police_category="").order_by("pk"):
        found.setdefault(indicator.police_category.casefold(), indicator)
    indicators = {}
    for crime_type in crime_types:
        indicator = found.get(crime_type.casefold())
        if indicator is None:
            name = f"{crime_type} (police.uk)"
            indicator, _ = Indicator.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "police_category": crime_type,
                    "unit": Indicator.Unit.COUNT,
                    "direction": Indicator.Direction.LOWER_IS_BETTER,
                    "description": _description(crime_type),
                },
            )
        indicators[crime_type] = indicator
    return indicators


def _description(crime_type):
    if crime_type == ALL_CRIME:
        return (
            "Street-level crimes of all types from data.police.uk, without anti-social behaviour."
        )
    if crime_type == ANTI_SOCIAL_BEHAVIOUR:
        return "Anti-social behaviour incidents from data.police.uk street-level files."
    return f'Street-level crimes of the type "{crime_type}" from data.police.uk.'


def _recompute_observations(touched, user=None) -> int:
    """Set each touched (partnership, month)'s observations to the sums over forces."""
    if not touched:
        return 0
    months = {month for _pid, month in touched}
    partnership_ids = {pid for pid, _month in touched}
    sums = (
        PoliceCrimeCount.objects.filter(month__in=months, partnership_id__in=partnership_ids)
        .values_list("partnership_id", "month", "crime_type")
        .annotate(total=Sum("count"))
        .order_by()
    )
    totals, crime_types = {}, set(CRIME_TYPES)
    for partnership_id, month, crime_type, total in sums:
        totals[partnership_id, month, crime_type] = total
        crime_types.add(crime_type)
    indicators = police_indicators(sorted(crime_types) + [ALL_CRIME])
    wanted = {}
    for partnership_id, month in {(pid, m) for pid, m, _t in totals}:
        for crime_type in crime_types:
            wanted[indicators[crime_type].pk, partnership_id, month] = totals.get(
                (partnership_id, month, crime_type), 0
            )
        wanted[indicators[ALL_CRIME].pk, partnership_id, month] = sum(
            totals.get((partnership_id, month, crime_type), 0)
            for crime_type in crime_types
            if crime_type != ANTI_SOCIAL_BEHAVIOUR
        )
    return _write_observations(wanted, months, partnership_ids, user)


OBSERVATION_FIELDS = [
    "id",
    "indicator_id",
    "partnership_id",
    "period_start",
    "period_end",
    "value",
    "source",
]
HISTORY_FIELDS = ["history_date", "history_type", "history_change_reason", "history_user_id"]


@functools.cache
def _month_end(start: datetime.date) -> datetime.date:
    return Period.month(start.year, start.month).end


def _write_observations(wanted, months, partnership_ids, user) -> int:
    """Create, change and delete monthly observations to match `wanted`, each with its
    history row naming `user`. Existing ones are read as values, not model objects: those of
    every police.uk indicator, so that a crime type the months no longer hold loses its
    figures too."""
    police = Observation.objects.exclude(indicator__police_category="")
    existing = {}
    for row in police.filter(
        partnership_id__in=partnership_ids, period_start__in=months
    ).values_list(*OBSERVATION_FIELDS):
        _pk, indicator_id, partnership_id, start, end, _value, _source = row
        if end == _month_end(start):
            existing[indicator_id, partnership_id, start] = row
    to_update, to_create = [], []
    for (indicator_id, partnership_id, month), value in wanted.items():
        row = existing.pop((indicator_id, partnership_id, month), None)
        if row is None:
            to_create.append((indicator_id, partnership_id, month, _month_end(month), value))
        elif row[5] != value or row[6] != SOURCE:
            to_update.append(_observation(*row[:5], value))
    create_observations(to_create, user)
    if to_update:
        bulk_update_with_history(to_update, Observation, ["value", "source"], default_user=user)
    # Months a re-import no longer puts in a partnership's area.
    stale = [row[0] for row in existing.values() if row[6] == SOURCE]
    Observation.objects.filter(pk__in=stale).delete()
    return len(to_create) + len(to_update)


def create_observations(rows, user) -> None:
    """New observations from (indicator_id, partnership_id, start, end, value) rows, each
    with its "created" history row by `user`: COPY on PostgreSQL."""
    if connection.vendor != "postgresql":
        observations = [_observation(None, *row) for row in rows]
        bulk_create_with_history(observations, Observation, default_user=user)
        return
    if not rows:
        return
    ids = bulk_insert.new_ids(Observation, len(rows))
    full_rows = [(pk, *row, SOURCE) for pk, row in zip(ids, rows, strict=True)]
    bulk_insert.copy_values(Observation, OBSERVATION_FIELDS, full_rows)
    now, user_id = timezone.now(), user.pk if user is not None else None
    bulk_insert.copy_values(
        Observation.history.model,
        [*OBSERVATION_FIELDS, *HISTORY_FIELDS],
        ((*row, now, "+", "", user_id) for row in full_rows),
    )


def _observation(pk, indicator_id, partnership_id, start, end, value) -> Observation:
    return Observation(
        pk=pk,
        indicator_id=indicator_id,
        partnership_id=partnership_id,
        period_start=start,
        period_end=end,
        value=value,
        source=SOURCE,
    )
