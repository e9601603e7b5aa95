"""The page table of docs/performance.md, from the JSON of `manage.py benchmark --json`.

    .venv/bin/python bench/benchmark_table.py PG10.json PG300.json SQLITE10.json [LARGE_N]

LARGE_N (300 unless given) is the number of partnerships of the second PostgreSQL run.

Columns: queries and median (with its multiple of the same run's baseline) at N=10 and
N=300 on PostgreSQL and at N=10 on SQLite, and the goals of issue 11 judged at N=300 on
PostgreSQL (at N=10 where N=300 is missing): at most 15 queries, the same count at N=10 and
N=300, a median at most 3 times the baseline's. A missing run (no such file, or an empty
one) shows as "-".
"""

import json
import sys
from pathlib import Path

MAX_QUERIES = 15
MAX_RATIO = 3


def load(path):
    if not Path(path).exists() or not Path(path).stat().st_size:
        return None  # not run, or still running
    figures = json.loads(Path(path).read_text())
    base = figures["baseline"]["median_ms"]
    rows = {(row["name"], row["user"]): row for row in figures["pages"]}
    return base, rows


def cell(run, key):
    if run is None or key not in run[1]:
        return "-", "-", None
    base, rows = run
    row = rows[key]
    ratio = row["median_ms"] / base
    return str(row["queries"]), f"{row['median_ms']:.0f} ({ratio:.1f}x)", ratio


def verdict(small, large):
    """The goals, judged on the large run where there is one, else on the small one (and
    then saying so: whether the count stays the same cannot be told from one size)."""
    judged, note = (large, "") if large[2] is not None else (small, " (small only)")
    queries, _, ratio = judged
    if ratio is None:
        return "not measured"
    misses = []
    if int(queries) > MAX_QUERIES:
        misses.append("queries")
    if large[2] is not None and small[0] not in ("-", large[0]):
        misses.append("grows")
    if ratio > MAX_RATIO:
        misses.append("time")
    return ("yes" if not misses else "no: " + ", ".join(misses)) + note


def main(pg10, pg300, sqlite10, large="300"):
    runs = [load(pg10), load(pg300), load(sqlite10)]
    keys = next(list(run[1]) for run in runs if run is not None)
    for run, name in zip(runs, ("PG N=10", f"PG N={large}", "SQLite N=10"), strict=True):
        if run is not None:
            print(f"baseline, {name}: {run[0]:.0f} ms")
    print()
    print(
        f"| page | user | queries PG 10 | PG {large} | SQLite 10 | median ms PG 10 | PG {large} "
        "| SQLite 10 | goals met |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for key in keys:
        small, large, lite = (cell(run, key) for run in runs)
        print(
            f"| {key[0]} | {key[1]} | {small[0]} | {large[0]} | {lite[0]} "
            f"| {small[1]} | {large[1]} | {lite[1]} | {verdict(small, large)} |"
        )


if __name__ == "__main__":
    main(*sys.argv[1:5])
