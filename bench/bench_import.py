"""How long the seed documents take to import: parse alone, then parse and write.

    DEBUG=1 .venv/bin/python bench/bench_import.py            # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_bench DEBUG=1 \
        .venv/bin/python bench/bench_import.py                 # PostgreSQL (database is created)

Each round starts from an empty, migrated database; the figures are the median of the rounds.
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
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main():
    print(f"database: {connection.vendor}; {len(SEEDS)} documents; median of {ROUNDS} rounds")
    parse = [sum(timed(lambda p=p: parse_document(p)) for p in SEEDS) for _ in range(ROUNDS)]
    print(f"parse only:        {statistics.median(parse):.3f} s for all documents")
    per_document = {seed.name: [] for seed in SEEDS}
    totals = []
    for _ in range(ROUNDS):
        config = setup_databases(verbosity=0, interactive=False)
        try:
            total = 0.0
            for seed in SEEDS:
                seconds = timed(lambda s=seed: import_document(s))
                per_document[seed.name].append(seconds)
                total += seconds
            totals.append(total)
        finally:
            teardown_databases(config, verbosity=0)
    for name, seconds in per_document.items():
        print(f"  {name:40s} {statistics.median(seconds):.3f} s")
    print(f"parse and write:   {statistics.median(totals):.3f} s for all documents")
    call_command("check", verbosity=0)


if __name__ == "__main__":
    main()
