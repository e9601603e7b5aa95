"""The computed RAG rule's reasons, its gap wording at the boundaries, and refresh()'s count
and queries: cases mutation testing (mutmut) found untested in actions/rag.py."""

import datetime

import pytest

from actions import rag
from actions.models import Action, Rag, Status
from tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory

D = datetime.date
# A 100-day window: day n is n% through.
WINDOW = rag.Window(D(2025, 1, 1), D(2025, 4, 11))


def day(n):
    return WINDOW.start + datetime.timedelta(days=n)


def result(today, percent=None, status=Status.IN_PROGRESS, due=None):
    return rag.compute(
        status=status,
        due_date=due,
        window=WINDOW,
        percent_complete=percent,
        today=today,
        amber_gap=10,
        red_gap=25,
    )


def test_the_reasons_of_cancelled_completed_and_overdue_actions():
    assert result(day(50), status=Status.CANCELLED) == rag.RagResult(
        Rag.NONE, "Cancelled actions are not rated."
    )
    assert result(day(50), status=Status.COMPLETED) == rag.RagResult(Rag.GREEN, "Completed.")
    assert result(day(50), due=D(2025, 2, 3)) == rag.RagResult(
        Rag.RED, "Overdue: it was due on 3 February 2025."
    )


@pytest.mark.parametrize(
    ("today", "percent", "gap"),
    [
        (day(0), 0, "on time"),
        (day(50), 50, "on time"),
        (day(50), 49, "1 points behind"),
        (day(50), 51, "1 points ahead"),
        (day(50), 40, "10 points behind"),
    ],
)
def test_the_reason_says_how_far_behind_or_ahead_at_the_boundaries(today, percent, gap):
    assert f"complete reported: {gap} (amber" in result(today, percent).reason


def test_an_actions_status_and_due_date_reach_the_rule(db):
    plan = PlanFactory(period_start=WINDOW.start, period_end=WINDOW.end)
    cancelled = ActionFactory(plan=plan, status=Status.CANCELLED)
    overdue = ActionFactory(plan=plan, status=Status.IN_PROGRESS, due_date=day(10))
    assert rag.for_action(cancelled, day(50), None).rag == Rag.NONE
    assert rag.for_action(overdue, day(50), 80).rag == Rag.RED


def computed_actions(count, rag_now, percent):
    plan = PlanFactory(period_start=WINDOW.start, period_end=WINDOW.end, rag_method="computed")
    for _ in range(count):
        action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=rag_now)
        ProgressUpdateFactory(action=action, date=day(1), percent_complete=percent)
    # Saving an update rates the action for the real today; set the rating as of the test.
    Action.objects.update(rag=rag_now)


def test_refresh_counts_every_rating_it_changed(db):
    computed_actions(3, Rag.GREEN, 5)
    assert rag.refresh(Action.objects.all(), day(40)) == 3
    assert set(Action.objects.values_list("rag", flat=True)) == {Rag.RED}


@pytest.mark.parametrize("count", [1, 4])
def test_refresh_reads_unchanged_ratings_in_one_query(db, django_assert_num_queries, count):
    computed_actions(count, Rag.GREEN, 60)
    with django_assert_num_queries(1):
        assert rag.refresh(Action.objects.all(), day(40)) == 0


def test_a_one_day_window_has_all_passed_on_its_day():
    assert rag.Window(day(5), day(5)).elapsed(day(5)) == 1


def test_the_reasons_of_an_ongoing_activity_and_of_no_percentage_reported():
    ongoing = result(day(50), status=Status.ONGOING)
    assert ongoing == rag.RagResult(Rag.GREEN, "An ongoing activity with no percentage to measure.")
    assert result(day(40)).reason == (
        "40% of the time has passed and no percentage complete reported (counted as 0%): "
        "40 points behind (amber from 10, red from 25 points behind)."
    )


@pytest.mark.parametrize(("percent", "rating"), [(0, Rag.RED), (35, Rag.GREEN)])
def test_red_and_green_ratings_give_their_reason(percent, rating):
    rated = result(day(40), percent)
    assert rated.rag == rating
    assert rated.reason.startswith(f"40% of the time has passed and {percent}% complete reported")
