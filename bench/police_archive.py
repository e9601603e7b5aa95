"""A synthetic police.uk archive for benchmarks: a folder a month, a street file a force.

    .venv/bin/python bench/police_archive.py OUT_DIR [--months 12] [--scale 1.0] [--seed 1]

Rows are the real Hertfordshire rows of ../shared/data/real, moved to every police force area
of England and Wales (the ONS district-to-CSP-to-force lookup in partnerships/data): each
force's file holds about as many rows a month as police.uk publishes for its population
(0.0091 rows a resident a month, 6.5 million a year nationally, times --scale), with its
districts' LSOA names in proportion to their Census 2021 populations. Rows with no location
stay so. Each month also gets an outcomes and a stop-and-search file per force, which an
import skips.
"""

import argparse
import csv
import random
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
TEMPLATES = [REAL / "2018-12-hertfordshire-street.csv", REAL / "2021-12-hertfordshire-street.csv"]
LOOKUP = ROOT / "partnerships" / "data" / "lad17_csp17_pfa17_lookup.csv"
DISTRICTS = ROOT / "partnerships" / "data" / "la_all_codes.csv"
CENSUS = REAL / "census-2011-2021-population-by-lad.csv"
ROWS_PER_RESIDENT_MONTH = 0.0091
# Columns of a street file (see tests/performance/police_files.py).
MONTH, REPORTED_BY, FALLS_WITHIN, LSOA_CODE, LSOA_NAME = 1, 2, 3, 7, 8


def forces() -> dict[str, list[tuple[str, int]]]:
    """Force area name -> [(district name as LSOA names write it, population), ...]."""
    current = {row["LADCD"]: row["LADCD_ACTIVE"] for row in _read(DISTRICTS)}
    population = {row["LAD code"]: int(row["2021"]) for row in _read(CENSUS)}
    districts_now = defaultdict(set)
    for row in _read(LOOKUP):
        districts_now[current.get(row["LAD17CD"], row["LAD17CD"])].add(row["LAD17NM"])
    found = defaultdict(list)
    for row in _read(LOOKUP):
        code = current.get(row["LAD17CD"], row["LAD17CD"])
        # A district merged since shares today's population among its old districts.
        share = population.get(code, 100_000) // len(districts_now[code])
        found[_police_name(row["PFA17NM"])].append((_lsoa_name(row["LAD17NM"]), share))
    return dict(found)


def _lsoa_name(district: str) -> str:
    # ONS writes "Bristol, City of"; police.uk's LSOA names say "Bristol 001A".
    return district.partition(", ")[0]


def _police_name(force: str) -> str:
    # "London, City of" -> "City of London": no commas in the fields written.
    head, _, tail = force.partition(", ")
    return f"{tail} {head}" if tail else head


def template_rows() -> list[list[str]]:
    rows = []
    for path in TEMPLATES:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file)
            next(reader)
            rows.extend(reader)
    return rows


def write_archive(out: Path, months: int = 12, scale: float = 1.0, seed: int = 1) -> int:
    """Write the archive under `out`; returns the number of street rows written."""
    rng = random.Random(seed)
    templates = template_rows()
    header = TEMPLATES[0].read_text(encoding="utf-8-sig").partition("\n")[0]
    written, areas = 0, sorted(forces().items())
    for month in _months(months):
        folder = out / month
        folder.mkdir(parents=True, exist_ok=True)
        for force, districts in areas:
            slug = force.lower().replace(" ", "-").replace(",", "")
            size = int(sum(p for _d, p in districts) * ROWS_PER_RESIDENT_MONTH * scale)
            rows = _force_rows(rng, templates, month, force, districts, size)
            (folder / f"{month}-{slug}-street.csv").write_text(
                "\n".join([header, *rows, ""]), encoding="utf-8"
            )
            (folder / f"{month}-{slug}-outcomes.csv").write_text(
                "Crime ID,Month,Reported by,Falls within,Outcome type\n", encoding="utf-8"
            )
            (folder / f"{month}-{slug}-stop-and-search.csv").write_text(
                "Type,Date,Part of a policing operation\n", encoding="utf-8"
            )
            written += size
    return written


def _force_rows(rng, templates, month, force, districts, size) -> list[str]:
    names = rng.choices([d for d, _p in districts], [p for _d, p in districts], k=size)
    lines = []
    for index, name in enumerate(names):
        row = list(rng.choice(templates))
        row[MONTH] = month
        row[REPORTED_BY] = row[FALLS_WITHIN] = (
            force if force.endswith("Police") else f"{force} Police"
        )
        if row[LSOA_NAME]:
            number = index % 250
            row[LSOA_NAME] = f"{name} {number // 26 + 1:03d}{chr(65 + number % 26)}"
            row[LSOA_CODE] = f"E01{zlib.crc32(row[LSOA_NAME].encode()) % 10**6:06d}"
        lines.append(",".join(row))
    return lines


def _months(count: int) -> list[str]:
    return [f"{2023 + (month // 12)}-{month % 12 + 1:02d}" for month in range(count)]


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = write_archive(args.out, args.months, args.scale, args.seed)
    print(f"{rows:,} street rows in {args.out}")


if __name__ == "__main__":
    main()
