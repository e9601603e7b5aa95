"""The performance pages' data (performance/pages.py): an exact number of queries, the same
for a little data as for much."""

import calendar
import datetime

import pytest

from performance.county import county_named
from performance.pages import county_page, dashboard_page, index_page, public_summary_page
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
)
from tests.personas import make_actions

D = datetime.date
INDEX_QUERIES = 2
DASHBOARD_QUERIES = 9
COUNTY_QUERIES = 7
PUBLIC_SUMMARY_QUERIES = 6


def monthly_figures(partnership, indicators, months):
    for indicator in indicators:
        for month in range(1, months + 1):
            ObservationFactory(
                indicator=indicator,
                partnership=partnership,
                period_start=D(2024, month, 1),
                period_end=D(2024, month, calendar.monthrange(2024, month)[1]),
                value=10 + month,
            )


@pytest.mark.parametrize("count", [2, 12])
def test_the_index_reads_its_data_in_a_fixed_number_of_queries(
    bob, partnership, count, django_assert_num_queries
):
    for place in PartnershipFactory.create_batch(count, county=f"County {count}"):
        RoleFactory(user=bob, partnership=place)
    with django_assert_num_queries(INDEX_QUERIES):
        page = index_page(bob)
        names = [p.name for p in page["partnerships"]]
    assert len(names) == count + 1
    assert [name for name, _slug in page["counties"]] == [f"County {count}", "Hertfordshire"]


@pytest.mark.parametrize("count", [2, 12])
def test_the_dashboard_reads_its_data_in_a_fixed_number_of_queries(
    partnership, plan, priority, police, today, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    monthly_figures(partnership, IndicatorFactory.create_batch(count), months=count)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        page = dashboard_page(partnership, "", None, today)
    assert page["plan"] == plan
    assert len(page["figures"].indicators) == count


@pytest.mark.parametrize("count", [2, 8])
def test_the_county_comparison_reads_its_data_in_a_fixed_number_of_queries(
    alice, count, today, django_assert_num_queries
):
    crime = IndicatorFactory(name="All crime")
    for place in PartnershipFactory.create_batch(count):
        monthly_figures(place, [crime], months=3)
        ActionFactory.create_batch(2, plan=PlanFactory(partnership=place, status="published"))
    county = county_named("hertfordshire")
    with django_assert_num_queries(COUNTY_QUERIES):
        page = county_page(county, alice, None, today)
    comparison = page["comparison"]
    assert len(comparison.partnerships) == count + 1  # and alice's Northfield
    assert [len(found.rows) for found, _id, _chart in page["indicators"]] == [count + 1]


@pytest.mark.parametrize("count", [2, 12])
def test_the_public_summary_reads_its_data_in_a_fixed_number_of_queries(
    partnership, plan, priority, police, today, count, django_assert_num_queries
):
    plan.status = "published"
    plan.save()
    actions = make_actions(plan, count, agency=police, priority=priority)
    make_actions(plan, count, agency=police)
    for action in actions:
        ProgressUpdateFactory(action=action, date=today, text="Shown", publication="published")
    with django_assert_num_queries(PUBLIC_SUMMARY_QUERIES):
        page = public_summary_page(partnership, "", today)
        shown = [
            (action.latest_text, len(action.leads.all()))
            for found in page["priorities"]
            for action in found.actions.all()
        ]
        unlinked = [action.latest_text for action in page["unlinked"]]
    assert shown == [("Shown", 1)] * count
    assert unlinked == [None] * count
