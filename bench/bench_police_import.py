"""Rows per second importing the real data.police.uk street files (../shared/data/real).

    .venv/bin/python bench/bench_police_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp \\
        .venv/bin/python bench/bench_police_import.py

Ten Hertfordshire partnerships are created with their district codes, so every
Hertfordshire row is imported. Reading (counting rows) and saving (replacing the months and
writing observations) are timed apart; each run re-imports the same files, so the later runs
also measure the replacing of what is there. The median of 5 runs is printed.
"""

import statistics
import sys
import time
from pathlib import Path

from _performance_db import ROOT, django_setup, test_database

django_setup()

REAL = ROOT.parent / "shared" / "data" / "real"
FILES = [REAL / "2018-12-hertfordshire-street.csv", REAL / "2021-12-hertfordshire-street.csv"]
DISTRICTS = {
    "Broxbourne": "E07000095",
    "Dacorum": "E07000096",
    "East Hertfordshire": "E07000242",
    "Hertsmere": "E07000098",
    "North Hertfordshire": "E07000099",
    "St Albans": "E07000240",
    "Stevenage": "E07000243",
    "Three Rivers": "E07000102",
    "Watford": "E07000103",
    "Welwyn Hatfield": "E07000241",
}
RUNS = 5


def main():
    missing = [str(path) for path in FILES if not path.exists()]
    if missing:
        sys.exit(f"Missing: {', '.join(missing)}")
    from partnerships.models import Partnership
    from performance.police_data import save_tally, tally_paths

    with test_database() as vendor:
        for name, code in DISTRICTS.items():
            Partnership.objects.create(
                name=name, slug=name.lower().replace(" ", "-"), ons_code=code
            )
        reading, saving, writes = [], [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            tally = tally_paths(FILES)
            read = time.perf_counter()
            writes.append(save_tally(tally))
            saved = time.perf_counter()
            reading.append(read - started)
            saving.append(saved - read)
        rows = tally.rows
        read_s, save_s = statistics.median(reading), statistics.median(saving)
        print(f"database: {vendor}")
        print(f"files: {', '.join(Path(f).name for f in FILES)}")
        print(
            f"rows: {rows} (imported {tally.imported}, outside {tally.outside_area}, "
            f"no location {tally.no_location})"
        )
        print(
            f"observations written: {writes[0]} on the first run, "
            f"{writes[-1]} on a re-import of the same files"
        )
        print(f"read:  {read_s * 1000:8.1f} ms  {rows / read_s:10.0f} rows/s")
        print(f"save:  {save_s * 1000:8.1f} ms")
        total = read_s + save_s
        print(f"total: {total * 1000:8.1f} ms  {rows / total:10.0f} rows/s (median of {RUNS} runs)")


if __name__ == "__main__":
    main()
