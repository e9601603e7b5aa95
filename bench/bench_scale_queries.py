"""EXPLAIN ANALYZE and time the queries issue 11 changed, before and after, at one size.

    .venv/bin/python bench/bench_scale_queries.py [--partnerships N]   # SQLite, in memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp \
        .venv/bin/python bench/bench_scale_queries.py --partnerships 300

Data: manage.py generate_scale_data's (partnerships/scale_data.py) in a throw-away test
database, N partnerships x 5 years: a plan a year of about 60 actions, about 8 updates an
action, one or two leads each; about 2% of titles say "patrol". Each query
runs 5 times after a warm-up; the median is printed, and on PostgreSQL the plan's first
lines. "Before" is the old query (or, for the search, the same query with the trigram
indexes dropped inside a transaction that is rolled back).
"""

import argparse
import statistics
import time

from _performance_db import django_setup, test_database

django_setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Exists, F, Max, OuterRef, Q  # noqa: E402

YEARS = 5
REPEAT = 5


def build(partnerships):
    """The generated national dataset (partnerships.scale_data), over YEARS years."""
    from actions.models import Action
    from partnerships.scale_data import generate

    generate(partnerships, YEARS)
    return Action.objects.count()


def measure(name, queryset_of):
    def run():
        return list(queryset_of())

    run()
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {name:58} {statistics.median(times):8.1f} ms  ({len(rows)} rows)")
    if connection.vendor == "postgresql":
        plan = queryset_of().explain(analyze=True).splitlines()
        for line in plan[:6]:
            print(f"      {line[:150]}")


def search(queryset):
    return queryset.filter(
        Q(title__icontains="patrol")
        | Q(description__icontains="patrol")
        | Q(target__icontains="patrol")
        | Q(timescale__icontains="patrol")
    )


def main():
    from actions.models import Action, ActionLead, last_update_date
    from partnerships.models import Agency

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=30)
    partnerships = parser.parse_args().partnerships
    with test_database() as vendor:
        start = time.perf_counter()
        count = build(partnerships)
        print(
            f"{vendor}: {partnerships} partnerships, {count} actions, about {count * 8} updates "
            f"built in {time.perf_counter() - start:.0f} s"
        )
        actions = Action.objects.order_by()
        print("Search ?q=patrol (title, description, target, timescale):")
        if vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for name in ("title", "description", "target", "timescale"):
                        cursor.execute(f'DROP INDEX "action_{name}_trgm"')
                measure("before: no trigram index", lambda: search(actions).values("pk"))
                transaction.set_rollback(True)
        measure(
            "after: pg_trgm GIN indexes" if vendor == "postgresql" else "icontains",
            lambda: search(actions).values("pk"),
        )
        print("Sorted by last update, newest first, page 50 (50 a page):")
        measure(
            "before: subquery per action",
            lambda: (
                actions.annotate(newest=last_update_date())
                .order_by(F("newest").desc(nulls_last=True), "pk")
                .values("pk")[2450:2500]
            ),
        )
        measure(
            "after: stored last_update_on, index DESC NULLS LAST",
            lambda: actions.order_by(F("last_update_on").desc(nulls_last=True), "pk").values("pk")[
                2450:2500
            ],
        )
        print("Admin action list, first page of 100 by last update:")
        measure(
            "before: Max(updates__date)",
            lambda: (
                actions.annotate(newest=Max("updates__date"))
                .order_by("-newest", "-pk")
                .values("pk", "newest")[:100]
            ),
        )
        measure(
            "after: stored last_update_on",
            lambda: actions.order_by("-last_update_on", "-pk").values("pk", "last_update_on")[:100],
        )
        print("Lead-agency choices:")
        measure(
            "before: DISTINCT over every lead",
            lambda: (
                Agency.objects.filter(action_leads__action__in=actions).distinct().order_by("name")
            ),
        )
        leads = ActionLead.objects.filter(agency=OuterRef("pk"), action__in=actions)
        measure(
            "after: EXISTS per agency",
            lambda: Agency.objects.filter(Exists(leads)).order_by("name"),
        )


if __name__ == "__main__":
    main()
