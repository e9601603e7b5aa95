"""Rows per second importing a whole police.uk archive folder, every force of England and Wales.

    .venv/bin/python bench/bench_police_folder.py [--archive DIR] [--months 12] [--scale 1.0]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_police \\
        .venv/bin/python bench/bench_police_folder.py [--profile]

The archive (bench/police_archive.py) is written to DIR first if DIR does not exist. Every
partnership is set up by `load_areas`. Then, in a throw-away test database: reading alone
(a dry run), saving that tally into the empty database, and a whole re-import of the folder
(reading, and saving over the months already there). Wall-clock seconds and this process's
CPU seconds are printed for each: the machine may be shared, and CPU time is what another
process cannot slow down. On PostgreSQL (on this machine) the CPU seconds include the
database server process serving this connection, read from /proc; SQLite runs in this
process. --profile prints the top functions of reading and of saving.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

from _performance_db import django_setup, test_database

django_setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--archive", type=Path, default=Path("/tmp/police-archive-12"))
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if not args.archive.exists():
        from police_archive import write_archive

        print(f"writing {write_archive(args.archive, args.months, args.scale):,} rows")

    from django.core.management import call_command

    from performance.police_data import import_police_folder, save_tally

    with test_database() as vendor:
        call_command("load_areas", stdout=io.StringIO())
        print(f"database: {vendor}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()}")
        tally, read = timed(import_police_folder, [args.archive], dry_run=True)
        print(f"{args.archive}: {len(tally.files)} street files, {len(tally.skipped)} skipped")
        print(
            f"rows: {tally.rows:,} (imported {tally.imported:,}, outside {tally.outside_area:,},"
            f" no location {tally.no_location:,}); {len(tally.counts):,} force counts"
        )
        written, save = timed(save_tally, tally)
        print(f"observations written: {written:,}")
        _again, whole = timed(import_police_folder, [args.archive])
        report("read", tally.rows, read)
        report("save", tally.rows, save)
        report("read + save", tally.rows, (read[0] + save[0], read[1] + save[1]))
        report("re-import", tally.rows, whole)
        if args.profile:
            profile("reading", import_police_folder, [args.archive], dry_run=True)
            profile("saving", save_tally, tally)


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - wall, cpu_seconds() - cpu)


def cpu_seconds():
    """This process's CPU time, plus the PostgreSQL backend's serving its connection."""
    from django.db import connection

    seconds = time.process_time()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        # utime and stime, fields 14 and 15 of proc(5), counted after the command name.
        seconds += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def report(name, rows, seconds):
    wall, cpu = seconds
    print(
        f"{name:12} {wall:7.2f} s wall {rows / wall:10,.0f} rows/s   "
        f"{cpu:7.2f} s CPU {rows / cpu:10,.0f} rows/s"
    )


def profile(name, function, *args, **kwargs):
    profiler = cProfile.Profile()
    profiler.runcall(function, *args, **kwargs)
    print(f"\nprofile of {name}:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
