import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Rag, Status
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    IndicatorFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def url(partnership, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("performance:dashboard", args=[partnership.slug]) + (
        f"?{query}" if query else ""
    )


def test_it_asks_anonymous_visitors_to_sign_in(client, partnership):
    response = client.get(url(partnership))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_refuses_a_user_without_a_role_in_the_partnership(client, charlie, partnership):
    client.force_login(charlie)
    assert client.get(url(partnership)).status_code == 403


def test_an_unknown_partnership_is_not_found(client, bob):
    client.force_login(bob)
    assert client.get(reverse("performance:dashboard", args=["nowhere"])).status_code == 404


def observe_2021(partnership, indicator, values):
    """Monthly figures of 2021: {month number: value}."""
    for month, value in values.items():
        period = Period.month(2021, month)
        ObservationFactory(
            indicator=indicator,
            partnership=partnership,
            period_start=period.start,
            period_end=period.end,
            value=value,
        )


def test_a_viewer_sees_delivery_and_crime_figures(client, bob, plan, priority, action):
    action.rag = Rag.AMBER
    action.save()
    observe_2021(plan.partnership, IndicatorFactory(name="Burglary"), {11: 40, 12: 44})
    client.force_login(bob)
    response = client.get(url(plan.partnership))
    assert response.status_code == 200
    page = response.text
    assert plan.title in page
    assert "Actions by RAG rating and average progress" in page
    assert 'class="govuk-tag app-tag--amber">Amber: 1</strong>' in page
    assert "44" in page and "+4" in page and "(+10.0%)" in page
    assert ">Worse</strong>" in page  # in words, not only in red
    assert 'id="delivery-chart-data"' in page
    assert "dist/chart.umd.min.js" in page and "js/charts.js" in page
    assert reverse("plans:export_docx", args=[plan.pk]) in page


def test_the_period_selector_offers_years_quarters_and_months_with_data(client, bob, partnership):
    burglary = IndicatorFactory(name="Burglary")
    for month in range(1, 13):
        period = Period.month(2021 if month >= 4 else 2022, month)
        ObservationFactory(
            indicator=burglary,
            partnership=partnership,
            period_start=period.start,
            period_end=period.end,
            value=10,
        )
    client.force_login(bob)
    page = client.get(url(partnership, period="fy-2021")).text
    assert '<option value="fy-2021" selected>2021/22</option>' in page
    assert 'value="fy-2021-q3"' in page and 'value="m-2022-03"' in page
    assert "Crime and performance: 2021/22" in page
    assert ">120</td>" in page


def test_a_period_without_figures_says_so(client, bob, partnership):
    client.force_login(bob)
    response = client.get(url(partnership, period="m-2030-01"))
    assert "No figures for January 2030." in response.text


def figures_row(page, indicator):
    """The text of the figures table's row for `indicator`, tags removed."""
    row = re.search(rf'<th scope="row"[^>]*>{indicator}<br>.*?</tr>', page, re.S)
    assert row, f"no row for {indicator}"
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(0)).split())


@pytest.mark.parametrize("key", ["nonsense", "m-2021-13", "fy-abcd", ""])
def test_a_bad_period_key_shows_the_latest_figures(client, bob, partnership, key):
    observe_2021(partnership, IndicatorFactory(name="Burglary"), {10: 31, 11: 40, 12: 44})
    observe_2021(partnership, IndicatorFactory(name="Robbery"), {10: 5, 11: 7})
    client.force_login(bob)
    response = client.get(url(partnership, period=key))
    assert response.status_code == 200
    page = response.text
    assert '<option value="" selected>Latest figures for each indicator</option>' in page
    # Each indicator's own latest month, against the month before.
    burglary_row = figures_row(page, "Burglary")
    assert burglary_row.startswith("Burglary December 2021")
    assert "44 40 in Nov 2021: +4 (+10.0%) Worse" in burglary_row
    robbery_row = figures_row(page, "Robbery")
    assert robbery_row.startswith("Robbery November 2021")
    assert "7 5 in Oct 2021: +2 (+40.0%) Worse" in robbery_row


def test_a_plan_of_another_partnership_cannot_be_chosen(
    client, bob, partnership, other_partnership
):
    secret = PlanFactory(partnership=other_partnership, title="Southgate secret plan")
    client.force_login(bob)
    page = client.get(url(partnership, plan=secret.pk)).text
    assert "Southgate secret plan" not in page


def build(partnership, size):
    """A plan of `size` actions under 5 priorities, with leads, updates, overdue and stale
    actions, and monthly figures for `size` // 40 indicators over two years."""
    plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    priorities = [PriorityFactory(plan=plan, code=str(n)) for n in range(5)]
    for number in range(size):
        action = ActionFactory(
            plan=plan,
            status=Status.IN_PROGRESS,
            rag=[Rag.RED, Rag.AMBER, Rag.GREEN][number % 3],
            due_date=datetime.date(2025, 5, 1) if number % 2 else None,
        )
        action.priorities.set(priorities[: number % 5 + 1])
        ActionLeadFactory(action=action)
        if number % 3:
            ProgressUpdateFactory(action=action, percent_complete=number % 100)
    for _ in range(max(1, size // 40)):
        indicator = IndicatorFactory()
        for month in range(1, 25):
            period = Period.month(2020 + (month - 1) // 12, (month - 1) % 12 + 1)
            ObservationFactory(
                indicator=indicator,
                partnership=partnership,
                period_start=period.start,
                period_end=period.end,
                value=month,
            )
        TargetFactory(indicator=indicator, partnership=partnership)
    return plan


@pytest.mark.parametrize("query", [{}, {"period": "fy-2021"}, {"period": "m-2021-12"}])
def test_its_query_count_is_the_same_with_10_actions_as_with_200(
    client, bob, partnership, other_partnership, django_assert_num_queries, query
):
    RoleFactory(user=bob, partnership=other_partnership, name="viewer")
    build(partnership, 10)
    build(other_partnership, 200)
    client.force_login(bob)
    counts = []
    for place in (partnership, other_partnership):
        with django_assert_num_queries(13), CaptureQueriesContext(connection) as queries:
            assert client.get(url(place, **query)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
