"""Worked examples of the computed RAG rule (actions/rag.py), including period boundaries
and actions without dates."""

import datetime

import pytest

from actions import rag
from actions.models import Rag, Status
from tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory

D = datetime.date
# A 100-day window makes "% of time elapsed" easy to read: day n is n% through.
WINDOW = rag.Window(D(2025, 1, 1), D(2025, 4, 11))


def rate(today, percent=None, status=Status.IN_PROGRESS, due=None, window=WINDOW):
    return rag.compute(
        status=status,
        due_date=due,
        window=window,
        percent_complete=percent,
        today=today,
        amber_gap=10,
        red_gap=25,
    ).rag


def day(n):
    return WINDOW.start + datetime.timedelta(days=n)


def test_it_counts_the_window_in_days():
    assert (WINDOW.end - WINDOW.start).days == 100
    assert WINDOW.elapsed(day(40)) == pytest.approx(0.4)


def test_it_rates_a_completed_action_green_even_when_late():
    assert rate(day(200), percent=10, status=Status.COMPLETED, due=day(50)) == Rag.GREEN


def test_it_does_not_rate_a_cancelled_action():
    assert rate(day(50), status=Status.CANCELLED) == Rag.NONE


def test_it_rates_an_overdue_action_red_whatever_its_progress():
    assert rate(day(51), percent=99, due=day(50)) == Rag.RED


def test_it_is_not_overdue_on_the_due_date_itself():
    # 100% of the time has passed and 95% is done: 5 points behind, green.
    assert rate(day(100), percent=95, due=day(100)) == Rag.GREEN


@pytest.mark.parametrize(
    ("today", "percent", "expected"),
    [
        (day(40), 40, Rag.GREEN),  # on time
        (day(40), 31, Rag.GREEN),  # 9 points behind
        (day(40), 30, Rag.AMBER),  # 10 points behind: amber starts here
        (day(40), 16, Rag.AMBER),  # 24 points behind
        (day(40), 15, Rag.RED),  # 25 points behind: red starts here
        (day(40), 90, Rag.GREEN),  # ahead
    ],
)
def test_it_compares_progress_with_the_time_elapsed(today, percent, expected):
    assert rate(today, percent=percent) == expected


def test_it_expects_nothing_on_the_first_day_or_before_the_start():
    assert rate(day(0), percent=0) == Rag.GREEN
    assert rate(day(-30), percent=0) == Rag.GREEN


def test_it_expects_everything_on_the_last_day():
    assert rate(day(100), percent=80) == Rag.AMBER
    assert rate(day(100), percent=75) == Rag.RED


def test_it_counts_no_reported_percentage_as_none_done():
    assert rate(day(9)) == Rag.GREEN
    assert rate(day(10)) == Rag.AMBER
    assert rate(day(25)) == Rag.RED


def test_it_rates_an_ongoing_activity_without_a_percentage_green():
    assert rate(day(90), status=Status.ONGOING) == Rag.GREEN


def test_it_measures_an_ongoing_activity_that_reports_a_percentage():
    assert rate(day(90), percent=10, status=Status.ONGOING) == Rag.RED


def test_it_handles_a_window_of_one_day():
    one_day = rag.Window(D(2025, 6, 1), D(2025, 6, 1))
    assert rate(D(2025, 5, 31), percent=0, window=one_day) == Rag.GREEN
    assert rate(D(2025, 6, 1), percent=0, window=one_day) == Rag.RED


def test_it_uses_the_partnerships_thresholds(db):
    plan = PlanFactory(period_start=D(2025, 1, 1), period_end=D(2025, 4, 11))
    plan.partnership.rag_amber_gap = 5
    plan.partnership.rag_red_gap = 50
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS)
    assert rag.for_action(action, day(40), 34).rag == Rag.AMBER
    assert rag.for_action(action, day(40), 0).rag == Rag.AMBER
    assert rag.for_action(action, day(60), 0).rag == Rag.RED


class TestActionsWithoutDates:
    """An action without dates runs over its plan's period."""

    @pytest.fixture
    def plan(self, db):
        return PlanFactory(period_start=D(2025, 4, 1), period_end=D(2026, 3, 31))

    def test_it_uses_the_plan_period(self, plan):
        action = ActionFactory(plan=plan, status=Status.IN_PROGRESS)
        assert rag.window_of(action) == rag.Window(D(2025, 4, 1), D(2026, 3, 31))
        # Half-way through the year with 45% done: 5 points behind.
        assert rag.for_action(action, D(2025, 9, 30), 45).rag == Rag.GREEN

    def test_it_is_never_overdue_but_expects_everything_once_the_plan_ends(self, plan):
        action = ActionFactory(plan=plan, status=Status.IN_PROGRESS)
        result = rag.for_action(action, D(2026, 6, 1), 80)
        assert result.rag == Rag.AMBER
        assert "100% of the time has passed" in result.reason

    def test_it_mixes_a_start_date_with_the_plan_end(self, plan):
        action = ActionFactory(plan=plan, start_date=D(2026, 1, 1), status=Status.NOT_STARTED)
        assert rag.window_of(action) == rag.Window(D(2026, 1, 1), D(2026, 3, 31))
        assert rag.for_action(action, D(2025, 12, 1), None).rag == Rag.GREEN

    def test_a_due_date_before_the_plan_start_makes_an_empty_window(self, plan):
        action = ActionFactory(plan=plan, due_date=D(2025, 3, 1))
        assert rag.window_of(action) == rag.Window(D(2025, 4, 1), D(2025, 4, 1))


def test_it_explains_the_rating(db):
    plan = PlanFactory(period_start=D(2025, 1, 1), period_end=D(2025, 4, 11))
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS)
    result = rag.for_action(action, day(40), 20)
    assert result.reason == (
        "40% of the time has passed and 20% complete reported: 20 points behind "
        "(amber from 10, red from 25 points behind)."
    )


def test_refresh_saves_only_the_ratings_that_changed(db):
    computed = PlanFactory(
        period_start=D(2025, 1, 1), period_end=D(2025, 4, 11), rag_method="computed"
    )
    manual = PlanFactory(period_start=D(2025, 1, 1), period_end=D(2025, 4, 11))
    late = ActionFactory(plan=computed, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=late, date=day(1), percent_complete=5)
    on_time = ActionFactory(plan=computed, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=on_time, date=day(1), percent_complete=60)
    untouched = ActionFactory(plan=manual, status=Status.IN_PROGRESS, rag=Rag.GREEN)

    from actions.models import Action

    assert rag.refresh(Action.objects.all(), day(40)) == 1
    late.refresh_from_db()
    untouched.refresh_from_db()
    assert late.rag == Rag.RED
    assert untouched.rag == Rag.GREEN
    assert late.history.count() == 2


def test_rag_counts_counts_loaded_actions(db):
    actions = [ActionFactory.build(rag=r) for r in ["red", "red", "green", "none"]]
    counts = rag.rag_counts(actions)
    assert (counts.red, counts.amber, counts.green, counts.none, counts.total) == (2, 0, 1, 1, 4)
