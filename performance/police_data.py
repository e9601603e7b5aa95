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
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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

    def to_json(self) -> dict:
        """The object `import_police_data --json` prints."""
        return {
            "files": [file["name"] for file in self.files],
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


def tally_files(files, lookup: AreaLookup | None = None) -> Tally:
    """Count the rows of (name, binary file) pairs. Raises PoliceDataError on a bad file."""
    lookup = lookup or area_lookup()
    partnerships = list(Partnership.objects.exclude(ons_code=""))
    areas = partnership_areas(lookup, partnerships)
    tally = Tally(partnerships={p.pk: p for p in partnerships})
    for name, binary in files:
        _tally_file(name, binary, lookup, areas, tally)
    return tally


def tally_paths(paths, lookup: AreaLookup | None = None) -> Tally:
    handles = [open(path, "rb") for path in paths]  # noqa: SIM115 - closed below
    try:
        named = [(str(path), handle) for path, handle in zip(paths, handles, strict=True)]
        return tally_files(named, lookup)
    finally:
        for handle in handles:
            handle.close()


def _tally_file(name, binary, lookup, areas, tally):
    digest = hashlib.sha256()
    hashing = io.BufferedReader(_HashingReader(name, binary, digest))
    text = io.TextIOWrapper(hashing, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text)
        header = next(reader, None)
        column = _columns(name, header)
        rows_before = tally.rows
        district_cache = {}
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) < len(header):
                raise PoliceDataError(f"{name}, line {line}: the row has too few columns.")
            _tally_row(name, line, row, column, lookup, areas, tally, district_cache)
    except UnicodeDecodeError as error:
        raise PoliceDataError(f"{name}: not UTF-8 text ({error.reason}).") from None
    except csv.Error as error:
        raise PoliceDataError(f"{name}: not a readable CSV file ({error}).") from None
    finally:
        text.detach()
    tally.files.append(
        {"name": Path(name).name, "sha256": digest.hexdigest(), "rows": tally.rows - rows_before}
    )


def _columns(name, header) -> dict[str, int]:
    if not header:
        raise PoliceDataError(f"{name}: the file is empty.")
    column = {title.strip(): index for index, title in enumerate(header)}
    missing = [title for title in REQUIRED_COLUMNS if title not in column]
    if missing:
        raise PoliceDataError(
            f"{name}: not a data.police.uk street-level crime file "
            f"(no column {', '.join(repr(title) for title in missing)})."
        )
    return column


def _tally_row(name, line, row, column, lookup, areas, tally, district_cache):
    month = row[column["Month"]].strip()
    if not MONTH.match(month) or not 1 <= int(month[5:]) <= 12:
        raise PoliceDataError(f"{name}, line {line}: {month!r} is not a month like 2021-12.")
    force = row[column["Reported by"]].strip()
    tally.rows += 1
    tally.months.add((force, month))
    lsoa_name = row[column["LSOA name"]].strip()
    if not lsoa_name and not row[column["LSOA code"]].strip():
        tally.no_location += 1
        return
    if lsoa_name not in district_cache:
        district = lookup.district_of_lsoa(lsoa_name)
        district_cache[lsoa_name] = areas.get(district)
    partnership = district_cache[lsoa_name]
    if partnership is None:
        tally.outside_area += 1
        tally.outside_districts[LSOA_NUMBER.sub("", lsoa_name) or "(no LSOA name)"] += 1
        return
    # Anti-social behaviour incidents are the rows without a crime id.
    crime_type = row[column["Crime type"]].strip()
    if not row[column["Crime ID"]].strip():
        crime_type = ANTI_SOCIAL_BEHAVIOUR
    tally.imported += 1
    tally.counts[force, month, partnership.pk, crime_type] += 1


class _HashingReader(io.RawIOBase):
    """Passes a binary file through while hashing it, so each file is read once."""

    def __init__(self, name, binary, digest):
        self.name, self.binary, self.digest, self.size = name, binary, digest, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.binary.read(len(buffer))
        self.size += len(data)
        if self.size > MAX_UPLOAD_BYTES:
            raise PoliceDataError(f"{self.name}: the file is over 50 MB; split it by month.")
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


# Saving


def _month_start(month: str) -> datetime.date:
    return datetime.date(int(month[:4]), int(month[5:]), 1)


@transaction.atomic
def save_tally(tally: Tally, batch=None) -> int:
    """Replace the months read, force by force, and recompute the partnerships' monthly
    observations for those months. Returns the number of observations written."""
    touched = set()
    for force, month in tally.months:
        old = PoliceCrimeCount.objects.filter(force=force, month=_month_start(month))
        touched.update((pid, month) for pid in old.values_list("partnership_id", flat=True))
        old.delete()
    PoliceCrimeCount.objects.bulk_create(
        PoliceCrimeCount(
            force=force,
            month=_month_start(month),
            partnership_id=partnership_id,
            crime_type=crime_type,
            count=count,
            batch=batch,
        )
        for (force, month, partnership_id, crime_type), count in tally.counts.items()
    )
    touched.update((pid, month) for (_f, month, pid, _t) in tally.counts)
    written = _recompute_observations(touched)
    if batch is not None:
        batch.status = batch.Status.SAVED
        batch.saved_at = timezone.now()
        batch.save(update_fields=["status", "saved_at"])
    return written


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


def _recompute_observations(touched) -> int:
    """Set each touched (partnership, month)'s observations to the sums over forces."""
    if not touched:
        return 0
    months = {_month_start(month) for _pid, month in touched}
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
    return _write_observations(wanted, indicators.values(), months, partnership_ids)


def _write_observations(wanted, indicators, months, partnership_ids) -> int:
    existing = {
        (obs.indicator_id, obs.partnership_id, obs.period_start): obs
        for obs in Observation.objects.filter(
            indicator__in=indicators,
            partnership_id__in=partnership_ids,
            period_start__in=months,
        )
        if obs.period_end == Period.month(obs.period_start.year, obs.period_start.month).end
    }
    to_update, to_create = [], []
    for (indicator_id, partnership_id, month), value in wanted.items():
        observation = existing.pop((indicator_id, partnership_id, month), None)
        if observation is None:
            to_create.append(
                Observation(
                    indicator_id=indicator_id,
                    partnership_id=partnership_id,
                    period_start=month,
                    period_end=Period.month(month.year, month.month).end,
                    value=value,
                    source=SOURCE,
                )
            )
        elif observation.value != value or observation.source != SOURCE:
            observation.value, observation.source = value, SOURCE
            to_update.append(observation)
    bulk_create_with_history(to_create, Observation)
    if to_update:
        bulk_update_with_history(to_update, Observation, ["value", "source"])
    # Months a re-import no longer puts in a partnership's area.
    stale = [obs.pk for obs in existing.values() if obs.source == SOURCE]
    Observation.objects.filter(pk__in=stale).delete()
    return len(to_create) + len(to_update)
