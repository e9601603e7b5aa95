"""The dashboard read in 30 seconds (issue 10): RAG counts and their change since the start of
the quarter, how many actions report progress, the red and amber list, charts only where
there are three figures or more, axes named by priority, and each figure's age."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Rag, Status
from performance.dashboards import delivery_chart, delivery_rows
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(partnership):
    today = timezone.localdate()
    year = Period(today, today).containing("year")
    plan = PlanFactory(partnership=partnership, period_start=year.start, period_end=year.end)
    priority = PriorityFactory(plan=plan, code="1", title="Reduce burglary in the town centre")
    for number in range(24):
        action = ActionFactory(
            plan=plan,
            title=f"Action number {number}",
            status=Status.IN_PROGRESS if number < 3 else Status.NOT_STARTED,
            rag=Rag.AMBER if number in (5, 6) else Rag.GREEN,
        )
        action.priorities.add(priority)
        if number < 3:
            ProgressUpdateFactory(action=action, date=today, percent_complete=2 + number)
    # Before this quarter every action stood as made; since then one amber went red.
    quarter = Period(today, today).containing("quarter")
    before = timezone.make_aware(datetime.datetime.combine(quarter.start, datetime.time.min))
    Action.history.filter(plan_id=plan.pk).update(history_date=before - datetime.timedelta(1))
    worse = Action.objects.get(plan=plan, title="Action number 6")
    worse.rag = Rag.RED
    worse.save()
    return plan


def dashboard(client, user, partnership):
    client.force_login(user)
    return client.get(reverse("performance:dashboard", args=[partnership.slug])).content.decode()


def test_it_says_how_many_actions_report_progress(client, bob, partnership, running):
    page = dashboard(client, bob, partnership)
    assert "3 of 24 actions report progress: 3% complete on average" in page
    assert "over 24 of 24 actions" not in page


def test_rag_counts_show_their_change_since_the_start_of_the_quarter(
    client, bob, partnership, running
):
    today = timezone.localdate()
    start = Period(today, today).containing("quarter").start
    since = f"since {start:%-d %B %Y}"
    page = " ".join(dashboard(client, bob, partnership).split())
    assert f"Red: 1</strong> up 1 {since}" in page
    assert f"Amber: 1</strong> down 1 {since}" in page
    assert f"Green: 22</strong> no change {since}" in page
    assert f"Figures as at {today:%-d %B %Y}" in page


def test_it_lists_red_then_amber_actions_and_no_green_ones(client, bob, partnership, running):
    page = dashboard(client, bob, partnership)
    listed = page[page.index("Red and amber actions") : page.index("Actions by RAG rating")]
    assert listed.index("Action number 6") < listed.index("Action number 5")
    assert "Action number 7" not in listed


def test_the_delivery_chart_names_each_priority_on_its_axis(running):
    rows, _total = delivery_rows(running)
    chart = delivery_chart(rows)
    assert chart["labels"] == [["1: Reduce burglary in", "the town centre"]]
    assert (chart["xTitle"], chart["yTitle"]) == ("Priority", "Actions")


def figures(indicator, partnership, months):
    for year, month in months:
        period = Period.month(year, month)
        ObservationFactory(
            indicator=indicator,
            partnership=partnership,
            period_start=period.start,
            period_end=period.end,
            value=10 + month,
        )


def test_a_trend_is_charted_only_with_three_figures_or_more(client, bob, partnership, running):
    today = timezone.localdate()
    latest = Period(today, today).containing("month").previous()
    months = [(p.start.year, p.start.month) for p in latest.series(3)]
    figures(IndicatorFactory(name="Burglary"), partnership, months)
    figures(IndicatorFactory(name="Arson"), partnership, months[1:])
    page = dashboard(client, bob, partnership)
    assert 'aria-label="Burglary: trend.' in page
    assert 'aria-label="Arson: trend.' not in page
    assert "Arson: the figures by period (too few for a chart)" in page


def test_an_old_figure_says_how_old_it_is(client, bob, partnership, running):
    figures(IndicatorFactory(name="Vehicle crime"), partnership, [(2021, 11), (2021, 12)])
    page = dashboard(client, bob, partnership)
    assert "This is an old figure: its period ended 31 December 2021" in page
