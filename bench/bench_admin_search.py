"""EXPLAIN ANALYZE and time the admin searches at one size: Django's search (one query over
every searched join, with DISTINCT) against csp.admin_search (one query per searched table,
united), and that with and without pg_trgm indexes on the joined tables' columns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_h5 DEBUG=1 \\
        .venv/bin/python bench/bench_admin_search.py --partnerships 300

The data is bench_scale_queries.py's (N partnerships x 5 plans x 60 actions x 8 updates),
with 6 priorities a plan (each action under 2), and 2 aliases an agency; about 2% of
action titles, priority titles and narratives say "patrol". "Without" drops the joined
tables' trigram indexes (migrations) inside a transaction that is rolled back.
"""

import argparse
import random
import statistics
import time

from _performance_db import django_setup, test_database

django_setup()

from bench_scale_queries import WORDS, build  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

# (index name, table, column): those the migrations add for the joined columns.
JOINED_INDEXES = [
    ("plan_title_trgm", "plans_plan", "title"),
    ("priority_title_trgm", "plans_priority", "title"),
    ("priority_narrative_trgm", "plans_priority", "narrative"),
    ("partnership_name_trgm", "partnerships_partnership", "name"),
    ("agency_name_trgm", "partnerships_agency", "name"),
    ("agency_alias_trgm", "partnerships_agencyalias", "alias"),
]


def add_priorities_and_aliases():
    from actions.models import Action
    from partnerships.models import Agency, AgencyAlias
    from plans.models import Plan, Priority

    rng = random.Random(5)
    priorities = Priority.objects.bulk_create(
        Priority(plan=plan, code=f"P{n}", title=_text(rng, 4), narrative=_text(rng, 40), order=n)
        for plan in Plan.objects.all()
        for n in range(1, 7)
    )
    by_plan = {}
    for priority in priorities:
        by_plan.setdefault(priority.plan_id, []).append(priority)
    Link = Action.priorities.through
    Link.objects.bulk_create(
        Link(action_id=pk, priority=priority)
        for pk, plan_id in Action.objects.values_list("pk", "plan_id")
        for priority in rng.sample(by_plan[plan_id], 2)
    )
    AgencyAlias.objects.bulk_create(
        AgencyAlias(agency=agency, alias=f"{agency.name} {suffix}")
        for agency in Agency.objects.all()
        for suffix in ("service", "team")
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(priorities)


def _text(rng, words):
    chosen = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.02:
        chosen.insert(1, "patrol")
    return " ".join(chosen)


def changelist_queryset(model, term, *, django_search):
    """The page's query as the changelist builds it, first 100 rows."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/", {"q": term})
    queryset = model_admin.get_queryset(request)
    if django_search:
        queryset, duplicates = admin.ModelAdmin.get_search_results(
            model_admin, request, queryset, term
        )
    else:
        queryset, duplicates = model_admin.get_search_results(request, queryset, term)
    if duplicates:
        queryset = queryset.distinct()
    return queryset.order_by("-pk").values("pk")[:100]


def measure(name, queryset_of, repeat):
    list(queryset_of())
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = list(queryset_of())
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {name:62} {statistics.median(times):9.1f} ms  ({len(rows)} rows)")
    if connection.vendor == "postgresql":
        for line in queryset_of().explain(analyze=True).splitlines()[:8]:
            print(f"      {line[:160]}")


def with_joined_indexes(present):
    """Create (or drop) the joined tables' trigram indexes; call inside a transaction that
    is rolled back."""
    with connection.cursor() as cursor:
        for name, table, column in JOINED_INDEXES:
            if present:
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                    f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
                )
            else:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute("ANALYZE")


def compare(model, term, repeat):
    print(f"Admin {model._meta.verbose_name} search ?q={term}:")

    def ours():
        return changelist_queryset(model, term, django_search=False)

    measure(
        "Django's search (joins, DISTINCT)",
        lambda: changelist_queryset(model, term, django_search=True),
        1,
    )
    if connection.vendor != "postgresql":
        measure("one query per table", ours, repeat)
        return
    for present in (False, True):
        with transaction.atomic():
            with_joined_indexes(present)
            label = "with" if present else "without"
            measure(f"one query per table, {label} joined trigram indexes", ours, repeat)
            transaction.set_rollback(True)


def main():
    from actions.models import Action, ProgressUpdate
    from plans.models import Plan, Priority

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with test_database() as vendor:
        start = time.perf_counter()
        count = build(arguments.partnerships)
        priorities = add_priorities_and_aliases()
        print(
            f"{vendor}: {arguments.partnerships} partnerships, {count} actions, "
            f"{count * 8} updates, {priorities} priorities, built in "
            f"{time.perf_counter() - start:.0f} s"
        )
        for model in (Action, ProgressUpdate, Plan, Priority):
            compare(model, "patrol", arguments.repeat)
        compare(Action, "agency 7", arguments.repeat)


if __name__ == "__main__":
    main()
