"""Time the dashboard, county and meeting pack pages, and count their queries, at two sizes
of data.

    .venv/bin/python bench/bench_dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp .venv/bin/python bench/bench_dashboard.py

Small: 3 partnerships, one plan of 10 actions each, 2 years of monthly figures for 15
indicators. Large: 10 partnerships (a county), each with 3 plans of 60 actions and 8
updates per action, and 15 years of monthly figures for 15 indicators (27,000 observations).
Each page is requested 5 times after a warm-up; the median is printed.
"""

import datetime
import random
import statistics
import time

from _performance_db import django_setup, test_database

django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = {
    "small": {"partnerships": 3, "plans": 1, "actions": 10, "updates": 2, "years": 2},
    "large": {"partnerships": 10, "plans": 3, "actions": 60, "updates": 8, "years": 15},
}
INDICATORS = 15
REPEAT = 5


def build(size, tag):
    from actions.models import Action, ActionLead, ProgressUpdate, Rag, Status
    from partnerships.models import Agency, Partnership, PopulationEstimate, Role
    from performance.models import Indicator, Observation
    from performance.periods import Period
    from plans.models import Plan, Priority

    rng = random.Random(5)
    agencies = [Agency.objects.create(name=f"{tag} agency {n}") for n in range(8)]
    indicators = [
        Indicator.objects.create(name=f"{tag} indicator {n}", slug=f"{tag}-indicator-{n}")
        for n in range(INDICATORS)
    ]
    partnerships = []
    last_year = 2025
    for number in range(size["partnerships"]):
        partnership = Partnership.objects.create(
            name=f"{tag} district {number}", slug=f"{tag}-district-{number}", county=f"{tag}shire"
        )
        partnerships.append(partnership)
        PopulationEstimate.objects.create(partnership=partnership, year=2024, population=120000)
        for plan_number in range(size["plans"]):
            first = last_year - plan_number
            plan = Plan.objects.create(
                partnership=partnership,
                kind=Plan.Kind.ACTION_PLAN,
                title=f"Plan {first}",
                status=Plan.Status.PUBLISHED,
                period_start=datetime.date(first, 4, 1),
                period_end=datetime.date(first + 1, 3, 31),
            )
            priorities = [Priority.objects.create(plan=plan, code=str(n)) for n in range(1, 6)]
            actions = Action.objects.bulk_create(
                Action(
                    plan=plan,
                    title=f"Action {n}",
                    status=rng.choice(list(Status)),
                    rag=rng.choice(list(Rag)),
                    due_date=datetime.date(first, 4, 1)
                    + datetime.timedelta(days=rng.randint(30, 360)),
                    order=n,
                )
                for n in range(size["actions"])
            )
            links = Action.priorities.through
            links.objects.bulk_create(
                links(action_id=action.pk, priority_id=rng.choice(priorities).pk)
                for action in actions
            )
            ActionLead.objects.bulk_create(
                ActionLead(action=action, agency=rng.choice(agencies)) for action in actions
            )
            ProgressUpdate.objects.bulk_create(
                ProgressUpdate(
                    action=action,
                    date=datetime.date(first, 4, 1) + datetime.timedelta(days=40 * u),
                    text="Progress",
                    percent_complete=min(100, 12 * u),
                )
                for action in actions
                for u in range(size["updates"])
            )
            # A bulk insert skips ProgressUpdate.save(), which keeps the stored date.
            Action.objects.filter(plan=plan).refresh_last_update()
        observations = []
        for year in range(last_year - size["years"] + 1, last_year + 1):
            for month in range(1, 13):
                period = Period.month(year, month)
                for indicator in indicators:
                    observations.append(
                        Observation(
                            indicator=indicator,
                            partnership=partnership,
                            period_start=period.start,
                            period_end=period.end,
                            value=rng.randint(0, 300),
                        )
                    )
        Observation.objects.bulk_create(observations, batch_size=2000)
    from tests.factories import UserFactory

    viewer = UserFactory(username=f"{tag}-viewer")
    Role.objects.create(user=viewer, partnership=partnerships[0], name=Role.Name.VIEWER)
    return viewer, partnerships[0]


def measure(client, url):
    client.get(url)  # warm-up
    times = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(queries)


def meeting_pack_pages(partnership):
    """The latest plan's pack as it stands, as Word, and one pack issued from it."""
    from django.urls import reverse

    from performance.meeting_pack import default_period, issue_pack

    plan = partnership.plans.order_by("-period_start").first()
    today = datetime.date.today()
    issued = issue_pack(plan, default_period(plan, today), today, None, today)
    return {
        "meeting pack": reverse("performance:meeting_pack", args=[plan.pk]),
        "meeting pack (Word)": reverse("performance:meeting_pack_docx", args=[plan.pk]),
        "issued meeting pack": reverse("performance:issued_pack", args=[issued.pk]),
    }


def main():
    from django.urls import reverse

    with test_database() as vendor:
        print(f"database: {vendor}")
        print(f"{'size':6} {'page':34} {'ms (median of 5)':>16} {'queries':>8}")
        for tag, size in SIZES.items():
            viewer, partnership = build(size, tag)
            client = Client()
            client.force_login(viewer)
            pages = {
                "dashboard (latest)": reverse("performance:dashboard", args=[partnership.slug]),
                "dashboard (2024/25)": reverse("performance:dashboard", args=[partnership.slug])
                + "?period=fy-2024",
                "county (default period)": reverse("performance:county", args=[f"{tag}shire"]),
                "county (Q3 2024/25)": reverse("performance:county", args=[f"{tag}shire"])
                + "?period=fy-2024-q3",
                **meeting_pack_pages(partnership),
            }
            for name, url in pages.items():
                ms, queries = measure(client, url)
                print(f"{tag:6} {name:34} {ms:16.1f} {queries:8}")


if __name__ == "__main__":
    main()
