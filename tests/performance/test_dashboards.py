import datetime
from decimal import Decimal

import pytest

from actions.models import Rag, Status
from performance.dashboards import (
    action_progress,
    crime_figures,
    current_plan,
    delivery,
    delivery_rows,
    mean_percent,
    plans_for_selector,
)
from performance.models import Indicator
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    TargetFactory,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "latest_percent", "progress"),
    [
        (Status.COMPLETED, 30, 100),
        (Status.CANCELLED, 30, None),
        (Status.IN_PROGRESS, 40, 40),
        (Status.IN_PROGRESS, None, None),
        (Status.ONGOING, None, None),
        # Not started, with no percentage reported: no progress, not 0% (issue 10).
        (Status.NOT_STARTED, None, None),
        (Status.NOT_STARTED, 10, 10),
    ],
)
def test_an_actions_progress_follows_its_status_and_latest_percentage(
    status, latest_percent, progress
):
    assert action_progress(status, latest_percent) == progress


def test_the_mean_rounds_half_up():
    assert mean_percent([10, 15]) == 13
    assert mean_percent([100, 40, 0]) == 47
    assert mean_percent([]) is None


@pytest.fixture
def worked_plan(partnership):
    """Five actions whose roll-up is worked out by hand in the tests below."""
    plan = PlanFactory(partnership=partnership)
    aim = PriorityFactory(plan=plan, code="A", order=1)
    second = PriorityFactory(plan=plan, code="B", order=2)
    done = ActionFactory(plan=plan, status=Status.COMPLETED, rag=Rag.GREEN)
    done.priorities.set([aim])
    halfway = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.AMBER)
    halfway.priorities.set([aim, second])
    ProgressUpdateFactory(action=halfway, date=D(2025, 5, 1), percent_complete=80)
    ProgressUpdateFactory(action=halfway, date=D(2025, 6, 1), percent_complete=40)
    ProgressUpdateFactory(action=halfway, date=D(2025, 7, 1), percent_complete=None)
    waiting = ActionFactory(plan=plan, status=Status.NOT_STARTED, rag=Rag.RED)
    waiting.priorities.set([aim])
    dropped = ActionFactory(plan=plan, status=Status.CANCELLED)
    dropped.priorities.set([second])
    ActionFactory(plan=plan, status=Status.ONGOING)  # under no priority
    return plan


def test_it_rolls_progress_up_to_each_priority(worked_plan):
    rows, _total = delivery_rows(worked_plan)
    aim, second, unlinked = rows
    # A: completed 100, in progress 40 (the latest percentage, not 80); the action not
    # started reported nothing, so the average rests on 2 of the 3.
    assert (aim.label, aim.total, aim.progress, aim.reporting) == ("A", 3, 70, 2)
    assert aim.by_rag == {"green": 1, "amber": 1, "red": 1}
    # B: 40 from the shared action; the cancelled one has no progress.
    assert (second.total, second.progress, second.reporting) == (2, 40, 1)
    assert second.by_status == {"in_progress": 1, "cancelled": 1}
    assert (unlinked.label, unlinked.total, unlinked.progress) == (
        "Not linked to a priority",
        1,
        None,
    )


def test_it_counts_an_action_under_two_priorities_once_for_the_plan(worked_plan):
    _rows, total = delivery_rows(worked_plan)
    assert total.total == 5
    assert total.progress == 70
    assert total.reporting == 2
    assert dict(total.by_status) == {
        "completed": 1,
        "in_progress": 1,
        "not_started": 1,
        "cancelled": 1,
        "ongoing": 1,
    }


def test_it_lists_overdue_and_stale_actions(partnership):
    plan = PlanFactory(partnership=partnership, period_start=D(2025, 4, 1))
    late = ActionFactory(plan=plan, due_date=D(2025, 9, 30), status=Status.IN_PROGRESS)
    ProgressUpdateFactory(action=late, date=D(2025, 10, 1))
    ActionFactory(plan=plan, due_date=D(2025, 9, 30), status=Status.COMPLETED)
    quiet = ActionFactory(plan=plan, due_date=D(2026, 3, 31))
    work = delivery(plan, today=D(2025, 10, 15))
    assert work.overdue == [late]
    assert work.stale == [quiet]  # no update since the plan started, 197 days before
    assert [u.action for u in work.latest_updates] == [late]


def test_the_dashboard_opens_on_the_plan_running_today(partnership):
    PlanFactory(partnership=partnership, period_start=D(2024, 4, 1), period_end=D(2025, 3, 31))
    running = PlanFactory(
        partnership=partnership, period_start=D(2025, 4, 1), period_end=D(2026, 3, 31)
    )
    ActionFactory(plan=running)
    PlanFactory(partnership=partnership, period_start=D(2026, 4, 1), period_end=D(2027, 3, 31))
    plans = plans_for_selector(partnership)
    assert current_plan(plans, D(2025, 6, 1)) == running


def test_without_a_plan_running_it_opens_on_the_latest_plan_with_actions(partnership):
    older = PlanFactory(
        partnership=partnership, period_start=D(2019, 4, 1), period_end=D(2020, 3, 31)
    )
    ActionFactory(plan=older)
    PlanFactory(partnership=partnership, period_start=D(2021, 4, 1), period_end=D(2022, 3, 31))
    assert current_plan(plans_for_selector(partnership), D(2025, 6, 1)) == older


def month_observation(indicator, partnership, year, month, value):
    period = Period.month(year, month)
    return ObservationFactory(
        indicator=indicator,
        partnership=partnership,
        period_start=period.start,
        period_end=period.end,
        value=value,
    )


def test_it_compares_the_latest_month_with_the_month_before_and_a_year_before(partnership):
    burglary = IndicatorFactory(name="Burglary")
    month_observation(burglary, partnership, 2020, 12, 50)
    month_observation(burglary, partnership, 2021, 11, 40)
    month_observation(burglary, partnership, 2021, 12, 44)
    TargetFactory(
        indicator=burglary,
        partnership=partnership,
        period_start=D(2021, 12, 1),
        period_end=D(2021, 12, 31),
        value=45,
    )
    (found,) = crime_figures(partnership).indicators
    assert found.period == Period.month(2021, 12)
    assert found.value == 44
    assert found.previous.value == 40
    assert found.previous.change.difference == 4
    assert found.previous.change.percent == Decimal("10.0")
    assert found.previous.better is False  # more burglaries
    assert found.last_year.value == 50
    assert found.last_year.change.percent == Decimal("-12.0")
    assert found.last_year.better is True
    assert found.target == 45
    assert found.target_gap == 1  # one burglary fewer than the target: ahead


def test_for_an_indicator_where_higher_is_better_a_rise_is_better_and_the_gap_follows(
    partnership,
):
    feeling_safe = IndicatorFactory(
        name="Residents feeling safe",
        unit=Indicator.Unit.PERCENT,
        direction=Indicator.Direction.HIGHER_IS_BETTER,
    )
    for first_year, value in ((2020, 70), (2021, 75)):
        year = Period.financial_year(first_year)
        ObservationFactory(
            indicator=feeling_safe,
            partnership=partnership,
            period_start=year.start,
            period_end=year.end,
            value=value,
        )
    year = Period.financial_year(2021)
    TargetFactory(
        indicator=feeling_safe,
        partnership=partnership,
        period_start=year.start,
        period_end=year.end,
        value=80,
    )
    (found,) = crime_figures(partnership).indicators
    assert found.previous.period == Period.financial_year(2020)
    assert found.previous.better is True
    assert found.target_gap == -5  # behind the target by 5 points
    assert [point.value for point in found.trend] == [70, 75]
    assert [point.target for point in found.trend] == [None, 80]


def test_a_chosen_quarter_sums_its_months_and_says_when_the_one_before_is_missing(partnership):
    burglary = IndicatorFactory(name="Burglary")
    other = IndicatorFactory(name="Robbery")
    for month, value in ((10, 40), (11, 40), (12, 44)):
        month_observation(burglary, partnership, 2021, month, value)
    month_observation(other, partnership, 2018, 12, 3)
    figures = crime_figures(partnership, Period.quarter(2021, 3))
    (found,) = figures.indicators
    assert found.value == 124
    assert found.previous.value is None
    assert found.previous.change is None
    assert figures.without_figure == [other]
    assert Period.quarter(2021, 3) in figures.periods


def test_the_trend_of_a_month_is_the_months_before_it(partnership):
    burglary = IndicatorFactory(name="Burglary")
    month_observation(burglary, partnership, 2021, 10, 40)
    month_observation(burglary, partnership, 2021, 12, 44)
    (found,) = crime_figures(partnership).indicators
    assert [(p.period.key, p.value) for p in found.trend] == [
        ("m-2021-10", 40),
        ("m-2021-11", None),
        ("m-2021-12", 44),
    ]


def test_without_the_trend_the_figures_and_their_comparisons_are_the_same(partnership):
    burglary = IndicatorFactory(name="Burglary")
    for year, month, value in ((2020, 12, 30), (2021, 11, 40), (2021, 12, 44)):
        month_observation(burglary, partnership, year, month, value)
    (full,) = crime_figures(partnership).indicators
    (bare,) = crime_figures(partnership, with_trend=False).indicators
    assert bare.trend == [] and len(full.trend) == 13  # December 2020 to December 2021
    assert (bare.period, bare.value, bare.previous, bare.last_year) == (
        full.period,
        full.value,
        full.previous,
        full.last_year,
    )
    assert (bare.previous.value, bare.last_year.value) == (40, 30)
