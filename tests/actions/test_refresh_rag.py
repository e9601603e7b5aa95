import datetime
from io import StringIO

from django.core.management import call_command

from actions.models import Rag, Status
from tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory


def refresh(*args):
    out = StringIO()
    call_command("refresh_rag", *args, stdout=out)
    return out.getvalue()


def test_it_moves_computed_ratings_with_the_calendar(partnership):
    plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        rag_method="computed",
    )
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=action, date=datetime.date(2025, 5, 1), percent_complete=20)
    # Writing the update rated the action for the real date; rate it for this test's first.
    refresh("--date", "2025-05-15")
    action.refresh_from_db()
    assert action.rag == Rag.GREEN
    assert refresh("--date", "2025-05-15") == "0 rating(s) changed.\n"
    assert refresh("--date", "2025-09-30") == "1 rating(s) changed.\n"
    action.refresh_from_db()
    assert action.rag == Rag.RED
    assert action.history.latest().history_user is None


def test_it_leaves_manual_ratings_and_long_ended_plans_alone(partnership):
    manual = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    ActionFactory(plan=manual, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ended = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2011, 4, 1),
        period_end=datetime.date(2012, 3, 31),
        rag_method="computed",
    )
    ActionFactory(plan=ended, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    assert refresh("--date", "2025-09-30") == "0 rating(s) changed.\n"


def test_a_plan_that_ended_last_month_is_still_rated(partnership):
    # A plan ended weeks ago is still reported on at the year-end meeting; its late actions
    # must turn red then, not stay as they were on the last day.
    plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        rag_method="computed",
    )
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 5, 1), percent_complete=20)
    type(action).objects.filter(pk=action.pk).update(rag=Rag.GREEN)
    assert refresh("--date", "2025-04-20") == "1 rating(s) changed.\n"
    action.refresh_from_db()
    assert action.rag == Rag.RED
