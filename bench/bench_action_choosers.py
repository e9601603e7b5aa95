"""Time the action list with its choosers, and the choosers' JSON endpoints, at one size.

    .venv/bin/python bench/bench_action_choosers.py [--partnerships N] [--years Y]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp \
        .venv/bin/python bench/bench_action_choosers.py --partnerships 300

Data: manage.py generate_scale_data's (partnerships/scale_data.py) in a throw-away test
database. Signed in as a superuser (who sees every partnership, plan and agency), each
request runs REPEAT times after a warm-up; the median, the page's size, its <option>s and
its queries are printed.
"""

import argparse
import statistics
import time

from _performance_db import django_setup, test_database

django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

REPEAT = 5


def measure(client, name, url, params):
    client.get(url, params)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    body = response.content
    print(
        f"  {name:44} {statistics.median(times):7.1f} ms  {len(body) / 1024:6.1f} KB  "
        f"{body.count(b'<option'):4} options  {len(queries):2} queries  ({response.status_code})"
    )


def main():
    from actions.models import Action
    from partnerships.models import Agency, Partnership
    from partnerships.scale_data import generate
    from plans.models import Plan
    from tests.factories import UserFactory

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=30)
    parser.add_argument("--years", type=int, default=5)
    arguments = parser.parse_args()
    with test_database() as vendor:
        start = time.perf_counter()
        generate(arguments.partnerships, arguments.years)
        print(
            f"{vendor}: {Partnership.objects.count()} partnerships, {Plan.objects.count()} "
            f"plans, {Agency.objects.count()} agencies, {Action.objects.count()} actions, "
            f"built in {time.perf_counter() - start:.0f} s"
        )
        client = Client()
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        plan = Plan.objects.order_by("-pk").first()
        page = reverse("actions:list")
        print("Action list, as a superuser:")
        measure(client, "all plans", page, {"period": "all"})
        chosen = {"period": "all", "partnership": plan.partnership_id, "plan": plan.pk}
        measure(client, "a partnership and a plan chosen", page, chosen)
        measure(client, "search box (no JavaScript): plan 'plan'", page, {"plan_search": "plan"})
        print("Chooser endpoints, as a superuser:")
        for kind, query in [
            ("partnerships", "a"),
            ("plans", "plan"),
            ("plans", "community safety plan 20"),
            ("agencies", "council"),
        ]:
            url = reverse("actions:choices", args=[kind])
            measure(client, f"{kind} ?q={query}", url, {"q": query, "period": "all"})


if __name__ == "__main__":
    main()
