"""How long the seed documents take to import: parse alone, then parse and write; and how
long the seeds saved as PDF (../shared/documents/seeds-pdf) take to parse.

    DEBUG=1 .venv/bin/python bench/bench_import.py            # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_bench DEBUG=1 \
        .venv/bin/python bench/bench_import.py                 # PostgreSQL (database is created)

Each round starts from an empty, migrated database; the figures are the median of the rounds.
The five seed PDFs must parse in under 2 s together.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csp.settings")
os.environ.setdefault("DEBUG", "1")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from plans.importing import parse_document  # noqa: E402
from plans.importing.service import import_document  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "documents").glob("*.txt"))
SEED_PDFS = sorted((ROOT.parent / "shared" / "documents" / "seeds-pdf").glob("*.pdf"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main():
    print(f"database: {connection.vendor}; {len(SEEDS)} documents; median of {ROUNDS} rounds")
    parse = [sum(timed(lambda p=p: parse_document(p)) for p in SEEDS) for _ in range(ROUNDS)]
    print(f"parse only:        {statistics.median(parse):.3f} s for all documents")
    if SEED_PDFS:
        pdfs = timed_rounds(SEED_PDFS, parse_document)
        print(f"parse the PDFs:    {pdfs:.3f} s for {len(SEED_PDFS)} seed PDFs (must be < 2 s)")
        # On a machine shared with other work the wall clock waits for the CPU; the CPU time
        # (the PDF reader's child processes included) is what the parsing itself costs.
        used = [cpu_seconds(lambda: [parse_document(p) for p in SEED_PDFS]) for _ in range(ROUNDS)]
        load = os.getloadavg()[0]
        print(f"  of which CPU:    {statistics.median(used):.3f} s (load average {load:.1f})")
    else:
        print("seed PDFs: none (../shared/documents/seeds-pdf is not beside the project)")
    written = timed_rounds(
        SEEDS,
        import_document,
        # Each round starts from an empty, migrated database.
        before=lambda: setup_databases(verbosity=0, interactive=False),
        after=lambda config: teardown_databases(config, verbosity=0),
    )
    print(f"parse and write:   {written:.3f} s for all documents")
    call_command("check", verbosity=0)


def cpu_seconds(function) -> float:
    before = os.times()
    function()
    after = os.times()
    fields = ("user", "system", "children_user", "children_system")
    return sum(getattr(after, name) - getattr(before, name) for name in fields)


def timed_rounds(paths, work, before=None, after=None) -> float:
    """Run `work` on each path, ROUNDS times; print each path's median, return the total's."""
    per_path = {path.name: [] for path in paths}
    totals = []
    for _ in range(ROUNDS):
        state = before() if before else None
        try:
            total = 0.0
            for path in paths:
                seconds = timed(lambda p=path: work(p))
                per_path[path.name].append(seconds)
                total += seconds
            totals.append(total)
        finally:
            if after:
                after(state)
    for name, seconds in per_path.items():
        print(f"  {name:40s} {statistics.median(seconds):.3f} s")
    return statistics.median(totals)


if __name__ == "__main__":
    main()
