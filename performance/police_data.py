"""data.police.uk street-level crime files -> monthly counts per partnership and crime type.

A row belongs to a partnership through its local authority district: the LSOA name starts
with the district's name ("St Albans 012C"); the ONS lookups (partnerships/areas.py) map that
name, and old district codes, to the current code, and districts to Community Safety
Partnerships. A partnership's `ons_code` is either its district's code (any vintage) or its
CSP code. Rows that fall outside every partnership, and rows with no location, are counted,
never dropped silently.

Reading (`tally_files`) touches no table but partnerships; saving (`save_tally`) replaces
the months it read, force by force, in one transaction.
"""

import csv
import datetime
import functools
import hashlib
import io
import operator
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import methodcaller
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from csp import bulk_insert
from partnerships.areas import LSOA_NUMBER, AreaLookup, area_lookup, partnership_areas
from partnerships.models import Partnership
from performance.models import Indicator, Observation, PoliceCrimeCount
from performance.periods import Period

SOURCE = "data.police.uk street-level crime"
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
# Not a police.uk type: the sum of every crime type, anti-social behaviour excluded.
ALL_CRIME = "All crime"
# The types data.police.uk uses in street files since 2013. A month with none of a type in a
# partnership's area stores 0 for it, so that quarters and years can be summed from months.
CRIME_TYPES = [
    ANTI_SOCIAL_BEHAVIOUR,
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
]
REQUIRED_COLUMNS = ["Crime ID", "Month", "Reported by", "LSOA code", "LSOA name", "Crime type"]
# The columns a row is counted by, in the order of the keys of _count_rows.
KEY_COLUMNS = ["Month", "Reported by", "LSOA code", "LSOA name", "Crime type", "Crime ID"]
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class PoliceDataError(Exception):
    """A file that is not a data.police.uk street-level file, with where it went wrong."""


# Reading


@dataclass
class Tally:
    """What a set of files holds, ready to preview, print or save."""

    files: list[dict] = field(default_factory=list)
    rows: int = 0
    imported: int = 0
    outside_area: int = 0
    no_location: int = 0
    # (force, "YYYY-MM", partnership id, crime type) -> rows
    counts: Counter = field(default_factory=Counter)
    # Every (force, "YYYY-MM") read, even where no row fell in a partnership: saving replaces
    # these months for these forces.
    months: set = field(default_factory=set)
    outside_districts: Counter = field(default_factory=Counter)
    partnerships: dict = field(default_factory=dict)  # id -> Partnership
    # Files in the folders given that were not read: {"file": path, "reason": why}.
    skipped: list[dict] = field(default_factory=list)
    # (force, "YYYY-MM") -> the file that held it, so that no two files hold the same.
    month_files: dict = field(default_factory=dict)

    def by_partnership(self) -> Counter:
        """(partnership id, "YYYY-MM", crime type) -> rows, over all forces."""
        totals = Counter()
        for (_force, month, partnership_id, crime_type), count in self.counts.items():
            totals[partnership_id, month, crime_type] += count
        return totals

    def count_list(self) -> list[dict]:
        rows = [
            {
                "partnership": self.partnerships[partnership_id].name,
                "month": month,
                "crime_type": crime_type,
                "count": count,
            }
            for (partnership_id, month, crime_type), count in self.by_partnership().items()
        ]
        return sorted(rows, key=lambda row: (row["partnership"], row["month"], row["crime_type"]))

    def summary(self, dry_run=False) -> str:
        verb = "Would import" if dry_run else "Imported"
        return (
            f"{verb} {self.imported:,} of {self.rows:,} rows from {len(self.files):,} file(s); "
            f"{self.outside_area:,} outside every partnership's area, "
            f"{self.no_location:,} with no location."
        )

    def to_json(self) -> dict:
        """The object `import_police_data --json` prints."""
        return {
            "files": [file["name"] for file in self.files],
            "skipped": self.skipped,
            "rows": self.rows,
            "imported": self.imported,
            "outside_area": self.outside_area,
            "no_location": self.no_location,
            "counts": self.count_list(),
        }

    def to_storable(self) -> dict:
        """A JSON-safe form kept on a previewed import until it is confirmed."""
        return {
            "counts": [[*key, count] for key, count in sorted(self.counts.items())],
            "months": sorted(self.months),
            "outside_districts": dict(self.outside_districts.most_common()),
        }

    @classmethod
    def from_storable(cls, batch) -> "Tally":
        data = batch.tally
        counts = Counter({tuple(row[:4]): row[4] for row in data.get("counts", [])})
        partnerships = Partnership.objects.in_bulk({key[2] for key in counts})
        # A partnership deleted since the preview takes its rows with it.
        counts = Counter({key: n for key, n in counts.items() if key[2] in partnerships})
        return cls(
            files=batch.files,
            rows=batch.rows,
            imported=batch.imported,
            outside_area=batch.outside_area,
            no_location=batch.no_location,
            counts=counts,
            months={tuple(pair) for pair in data.get("months", [])},
            outside_districts=Counter(data.get("outside_districts", {})),
            partnerships=partnerships,
        )


def tally_files(files, lookup: AreaLookup | None = None, on_file=None) -> Tally:
    """Count the rows of (name, binary file) pairs. Raises PoliceDataError on a bad file.
    `on_file(tally)`, if given, is called after each file."""
    lookup = lookup or area_lookup()
    partnerships = list(Partnership.objects.exclude(ons_code=""))
    areas = partnership_areas(lookup, partnerships)
    tally = Tally(partnerships={p.pk: p for p in partnerships})
    places = _Places(lookup, areas)
    for name, binary in files:
        _tally_file(name, binary, places, tally)
        if on_file is not None:
            on_file(tally)
    return tally


def tally_paths(paths, lookup: AreaLookup | None = None, on_file=None) -> Tally:
    return tally_files(_opened(paths), lookup, on_file)


def _opened(paths):
    # One file open at a time: an archive holds hundreds.
    for path in paths:
        with open(path, "rb") as handle:
            yield str(path), handle


def _tally_file(name, binary, places, tally):
    data = binary.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise PoliceDataError(f"{name}: the file is over 50 MB; split it by month.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PoliceDataError(f"{name}: not UTF-8 text ({error.reason}).") from None
    if not text or text.isspace():
        raise PoliceDataError(f"{name}: the file is empty.")
    try:
        counts = _count_rows(name, _rows(text), places)
    except csv.Error as error:
        raise PoliceDataError(f"{name}: not a readable CSV file ({error}).") from None
    rows_before = tally.rows
    _add_counts(name, counts, tally)
    tally.files.append(
        {
            "name": Path(name).name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "rows": tally.rows - rows_before,
        }
    )


def _rows(text):
    """The file's rows as lists of fields. police.uk writes no quotes and no field holds a
    comma, so splitting lines at commas reads it exactly, at twice the csv module's speed;
    any other file goes through the csv module."""
    if '"' in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return csv.reader(io.StringIO(text, newline=""))
    # A "\r" left at the end of a line is in the last column, which is never read.
    return map(methodcaller("split", ","), text.split("\n"))


def _count_rows(name, rows, places) -> dict:
    """(month, force, place, crime type, without crime id) -> rows, with the fields as the
    file writes them and the place as `places` finds it. This is all the work done per row,
    for speed; the rest is done per key, of which a file has a few hundred."""
    header = next(rows)
    column = _columns(name, header)
    width = len(header)
    month, force, code, lsoa, crime_type, crime_id = (column[title] for title in KEY_COLUMNS)
    counts, months, known = {}, set(), places.known
    count_of, place_of = counts.get, known.get
    for line, row in enumerate(rows, start=2):
        if len(row) < width:
            if "".join(row).strip():
                raise PoliceDataError(f"{name}, line {line}: the row has too few columns.")
            continue  # a blank line
        if row[month] not in months:
            _check_month(name, line, row[month].strip())
            months.add(row[month])
        place = place_of(row[lsoa], _UNKNOWN)
        if place is _UNKNOWN:
            place = places.find(row[lsoa], row[code])
        key = (row[month], row[force], place, row[crime_type], not row[crime_id].strip())
        counts[key] = count_of(key, 0) + 1
    return counts


_UNKNOWN = object()


class _Places:
    """Where an LSOA name is: a partnership's id, the name of a district outside every
    partnership, or None for a row with no location. Kept for a whole import, since every
    month's files name the same LSOAs."""

    def __init__(self, lookup, areas):
        self.lookup, self.areas, self.known = lookup, areas, {}

    def find(self, lsoa_field, code_field):
        lsoa = lsoa_field.strip()
        if not lsoa:
            # Not kept: whether the row has a location depends on its code.
            return None if not code_field.strip() else "(no LSOA name)"
        partnership = self.areas.get(self.lookup.district_of_lsoa(lsoa))
        place = partnership.pk if partnership else LSOA_NUMBER.sub("", lsoa)
        self.known[lsoa_field] = place
        return place


def _columns(name, header) -> dict[str, int]:
    column = {title.strip(): index for index, title in enumerate(header)}
    missing = [title for title in REQUIRED_COLUMNS if title not in column]
    if missing:
        raise PoliceDataError(
            f"{name}: not a data.police.uk street-level crime file "
            f"(no column {', '.join(repr(title) for title in missing)})."
        )
    return column


def _check_month(name, line, month):
    if not MONTH.match(month) or not 1 <= int(month[5:]) <= 12:
        raise PoliceDataError(f"{name}, line {line}: {month!r} is not a month like 2021-12.")


def _add_counts(name, counts, tally):
    for (month, force, place, crime_type, without_id), rows in counts.items():
        month, force = month.strip(), force.strip()
        _claim_month(name, force, month, tally)
        tally.rows += rows
        if place is None:
            tally.no_location += rows
        elif isinstance(place, str):
            tally.outside_area += rows
            tally.outside_districts[place] += rows
        else:
            # Anti-social behaviour incidents are the rows without a crime id.
            crime_type = ANTI_SOCIAL_BEHAVIOUR if without_id else crime_type.strip()
            tally.imported += rows
            tally.counts[force, month, place, crime_type] += rows


def _claim_month(name, force, month, tally):
    """Saving replaces a force's month with what was read: two files holding the same force's
    month would be summed, so that is refused."""
    other = tally.month_files.setdefault((force, month), name)
    if other != name:
        raise PoliceDataError(
            f"{name}: {force} {month} is also in {other}; import one file per force and month."
        )
    tally.months.add((force, month))


# Folders, as the police.uk archive unpacks: a folder a month, a file a force and a kind


STREET_FILE_END = "-street.csv"
OTHER_KINDS = {
    "-outcomes.csv": "an outcomes file, not street-level crime",
    "-stop-and-search.csv": "a stop and search file, not street-level crime",
}
PROGRESS_SECONDS = 2.0


def import_police_folder(paths, *, dry_run=False, progress=None) -> Tally:
    """Read every street-level file in `paths` (files, and folders searched through for
    *-street.csv), then, unless `dry_run`, save them all in one transaction. A bad file
    raises PoliceDataError naming it and its line, before anything is saved.

    `progress(done, total, message)`, if given, is called as the work starts, as each phase
    begins and ends, and while reading at most every PROGRESS_SECONDS, with files read
    out of files to read."""
    files, skipped = find_street_files(paths)
    report = _Progress(progress, len(files))
    report.say(f"Reading {len(files):,} street-level file(s); {len(skipped):,} skipped.")
    tally = tally_paths(files, on_file=report.file_read)
    tally.skipped = skipped
    if not dry_run:
        report.say(f"Saving the counts of {tally.rows:,} rows.")
        save_tally(tally)
    report.say(tally.summary(dry_run))
    return tally


def find_street_files(paths) -> tuple[list[Path], list[dict]]:
    """The files to read, each once, and the files skipped in the folders, with why. A file
    named itself is read whatever its name; one in a folder only if it is *-street.csv."""
    missing = [str(path) for path in paths if not Path(path).exists()]
    if missing:
        raise PoliceDataError(f"No such file or folder: {', '.join(missing)}")
    files, skipped, seen = [], [], set()
    for path in map(Path, paths):
        for found in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if found.resolve() in seen or found.is_dir():
                continue
            seen.add(found.resolve())
            reason = _skip_reason(found) if found != path else None
            if reason:
                skipped.append({"file": str(found), "reason": reason})
            else:
                files.append(found)
    if not files:
        raise PoliceDataError(
            f"No street-level file (*{STREET_FILE_END}) in {', '.join(map(str, paths))}."
        )
    return files, skipped


def _skip_reason(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(STREET_FILE_END):
        return None
    for end, reason in OTHER_KINDS.items():
        if name.endswith(end):
            return reason
    return f"not a street-level file (its name does not end {STREET_FILE_END})"


class _Progress:
    """Passes progress on to a callback, at most every PROGRESS_SECONDS while reading."""

    def __init__(self, callback, total):
        self.callback, self.total, self.done, self.last = callback, total, 0, 0.0

    def say(self, message):
        if self.callback is not None:
            self.last = time.monotonic()
            self.callback(self.done, self.total, message)

    def file_read(self, tally):
        self.done += 1
        if time.monotonic() - self.last >= PROGRESS_SECONDS:
            self.say(f"Read {self.done:,} of {self.total:,} files, {tally.rows:,} rows.")


# Saving


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
    return _write_observations(wanted, indicators.values(), months, partnership_ids, user)


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


def _write_observations(wanted, indicators, months, partnership_ids, user) -> int:
    """Create, change and delete monthly observations to match `wanted`, each with its
    history row naming `user`. Existing ones are read as values, not model objects."""
    existing = {}
    for row in Observation.objects.filter(
        indicator__in=indicators,
        partnership_id__in=partnership_ids,
        period_start__in=months,
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
