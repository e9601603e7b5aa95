"""Worked examples of the computed RAG rule (actions/rag.py), including period boundaries
and actions without dates."""

import datetime
from fractions import Fraction

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


# A financial year: 1 April 2025 to 31 March 2026 is 364 days from first day to last.
YEAR = rag.Window(D(2025, 4, 1), D(2026, 3, 31))


@pytest.mark.parametrize(
    ("today", "share"),
    [
        (D(2025, 3, 31), 0),  # before the start
        (D(2025, 4, 1), 0),  # the first day
        (D(2025, 4, 2), Fraction(1, 364)),
        (D(2025, 9, 30), Fraction(182, 364)),  # half-way, to the day
        (D(2026, 3, 30), Fraction(363, 364)),
        (D(2026, 3, 31), 1),  # the last day
        (D(2027, 1, 1), 1),  # after the end
    ],
)
def test_it_counts_the_share_of_the_year_in_days(today, share):
    assert YEAR.elapsed(today) == share


@pytest.mark.parametrize(
    ("today", "percent", "expected"),
    [
        # 1 October 2025: 183 of 364 days, 50.27% of the year has passed.
        (D(2025, 10, 1), 41, Rag.GREEN),  # 9.27 points behind
        (D(2025, 10, 1), 40, Rag.AMBER),  # 10.27 behind
        (D(2025, 10, 1), 26, Rag.AMBER),  # 24.27 behind
        (D(2025, 10, 1), 25, Rag.RED),  # 25.27 behind
        # 30 September 2025: exactly half, 50%.
        (D(2025, 9, 30), 40, Rag.AMBER),  # exactly 10 behind: amber begins at the gap
        (D(2025, 9, 30), 25, Rag.RED),  # exactly 25 behind: red begins at the gap
        (D(2025, 9, 30), 26, Rag.AMBER),
        (D(2025, 9, 30), 100, Rag.GREEN),  # ahead
    ],
)
def test_it_rates_progress_through_a_financial_year(today, percent, expected):
    assert rate(today, percent=percent, window=YEAR) == expected


def test_it_compares_exactly_not_in_floating_point():
    # 29 of 50 days is 58% exactly; in floating point (29 / 50) * 100 is 57.99999999999999,
    # which would put 48% done just under 10 behind and 33% just under 25.
    fifty_days = rag.Window(D(2025, 1, 1), D(2025, 2, 20))
    day_29 = D(2025, 1, 30)
    assert fifty_days.elapsed(day_29) == Fraction(58, 100)
    assert rate(day_29, percent=48, window=fifty_days) == Rag.AMBER
    assert rate(day_29, percent=49, window=fifty_days) == Rag.GREEN
    assert rate(day_29, percent=33, window=fifty_days) == Rag.RED
    assert rate(day_29, percent=34, window=fifty_days) == Rag.AMBER


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 6, 29), Rag.GREEN),
        (D(2025, 6, 30), Rag.GREEN),  # the due date itself: not yet overdue
        (D(2025, 7, 1), Rag.RED),  # the day after: overdue, though 100% is reported
    ],
)
def test_it_is_overdue_from_the_day_after_the_due_date(today, expected):
    window = rag.Window(D(2025, 4, 1), D(2025, 6, 30))
    assert rate(today, percent=100, due=D(2025, 6, 30), window=window) == expected


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [
        (Status.COMPLETED, None, Rag.GREEN),
        (Status.CANCELLED, 100, Rag.NONE),
        (Status.NOT_STARTED, None, Rag.RED),  # 75% of the time gone, nothing reported
        (Status.ONGOING, None, Rag.GREEN),
        (Status.ONGOING, 60, Rag.AMBER),  # 15 behind
    ],
)
def test_each_status_on_a_late_day_of_the_year(status, percent, expected):
    # 30 December 2025: 273 of 364 days, exactly 75%.
    assert YEAR.elapsed(D(2025, 12, 30)) == Fraction(3, 4)
    assert rate(D(2025, 12, 30), percent=percent, status=status, window=YEAR) == expected


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


def test_an_action_rated_through_its_plan_uses_its_partnerships_gaps(db):
    plan = PlanFactory(period_start=D(2025, 4, 1), period_end=D(2026, 3, 31))
    plan.partnership.rag_amber_gap = 5
    plan.partnership.rag_red_gap = 15
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS)
    half_way = D(2025, 9, 30)
    assert [rag.for_action(action, half_way, p).rag for p in (46, 45, 36, 35)] == [
        Rag.GREEN,
        Rag.AMBER,
        Rag.AMBER,
        Rag.RED,
    ]


def test_an_actions_own_dates_make_its_window(db):
    plan = PlanFactory(period_start=D(2025, 4, 1), period_end=D(2026, 3, 31))
    action = ActionFactory(
        plan=plan, status=Status.IN_PROGRESS, start_date=D(2025, 7, 1), due_date=D(2025, 7, 31)
    )
    # 15 of 30 days: 50%; by the plan's year it would be about 29%.
    assert rag.for_action(action, D(2025, 7, 16), 40).rag == Rag.AMBER
    assert rag.for_action(action, D(2025, 7, 16), 41).rag == Rag.GREEN
    assert rag.for_action(action, D(2025, 6, 1), 0).rag == Rag.GREEN  # not started yet


def test_refresh_reads_the_newest_percentage_by_date_not_by_entry(db):
    plan = PlanFactory(period_start=D(2025, 4, 1), period_end=D(2026, 3, 31), rag_method="computed")
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.NONE)
    ProgressUpdateFactory(action=action, date=D(2025, 9, 1), percent_complete=50)
    # Entered later, dated earlier: catching up on the record, not the newest.
    ProgressUpdateFactory(action=action, date=D(2025, 6, 1), percent_complete=5)
    ProgressUpdateFactory(action=action, date=D(2025, 9, 15), percent_complete=None)
    from actions.models import Action

    assert rag.refresh(Action.objects.all(), D(2025, 9, 30)) == 1
    action.refresh_from_db()
    assert action.rag == Rag.GREEN  # 50% done at 50% of the year


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
    ratings = ["red", "red", "amber", "green", "green", "green", "none"]
    actions = [ActionFactory.build(rag=r) for r in ratings]
    counts = rag.rag_counts(actions)
    assert (counts.red, counts.amber, counts.green, counts.none, counts.total) == (2, 1, 3, 1, 7)
