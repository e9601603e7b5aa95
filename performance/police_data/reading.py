"""Reading data.police.uk street-level crime files into monthly counts per partnership and
crime type (a `Tally`), touching no table but partnerships.

A row belongs to a partnership through its local authority district: the LSOA name starts
with the district's name ("St Albans 012C"); the ONS lookups (partnerships/areas.py) map that
name, and old district codes, to the current code, and districts to Community Safety
Partnerships. A partnership's `ons_code` is either its district's code (any vintage) or its
CSP code. Rows that fall outside every partnership, and rows with no location, are counted,
never dropped silently.
"""

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path

from partnerships.areas import LSOA_NUMBER, AreaLookup, area_lookup, partnership_areas
from partnerships.models import Partnership

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
