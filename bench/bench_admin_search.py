"""EXPLAIN ANALYZE and time the admin searches at one size: Django's search (one query over
every searched join, with DISTINCT) against csp.admin_search (many-valued relations as
subqueries, no DISTINCT), with and without pg_trgm indexes on the joined tables' columns.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_h5 DEBUG=1 \\
        .venv/bin/python bench/bench_admin_search.py --partnerships 300

The data is bench_scale_queries.py's (manage.py generate_scale_data's, N partnerships x 5
years), with 2 aliases an agency where it has none; about 2% of action titles say "patrol",
and most lead agencies' names "police". "Without" drops the joined tables' trigram indexes
(migrations) inside a transaction that is rolled back; "with" creates them likewise.
"""

import argparse
import statistics
import time

from _performance_db import django_setup, test_database

django_setup()

from bench_scale_queries import YEARS, build  # noqa: E402
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


def add_aliases():
    """Two aliases an agency, where the generated data has none: the search reads them."""
    from partnerships.models import Agency, AgencyAlias

    if not AgencyAlias.objects.exists():
        AgencyAlias.objects.bulk_create(
            AgencyAlias(agency=agency, alias=f"{agency.name} {suffix}")
            for agency in Agency.objects.all()
            for suffix in ("service", "team")
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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
        measure("subqueries, no DISTINCT", ours, repeat)
        return
    for present in (False, True):
        with transaction.atomic():
            with_joined_indexes(present)
            label = "with" if present else "without"
            measure(f"subqueries, no DISTINCT, {label} joined trigram indexes", ours, repeat)
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
        add_aliases()
        print(
            f"{vendor}: {arguments.partnerships} partnerships x {YEARS} years, {count} actions, "
            f"{ProgressUpdate.objects.count()} updates, {Priority.objects.count()} priorities, "
            f"built in {time.perf_counter() - start:.0f} s"
        )
        for model in (Action, ProgressUpdate, Plan, Priority):
            compare(model, "patrol", arguments.repeat)
        compare(Action, "police", arguments.repeat)


if __name__ == "__main__":
    main()
