"""Action lists' order and priorities, and requests awaiting approval: cases mutation
testing (mutmut) found untested in the QuerySets of actions/models.py, with visible_to()
and published(), which the QuerySet tests did not reach."""

import datetime

from actions.models import Action, ProgressUpdate
from tests.actions.test_queries import TODAY, year_plan  # noqa: F401 (a fixture)
from tests.factories import ActionFactory, PlanFactory, PriorityFactory, ProgressUpdateFactory

D = datetime.date


def updated(plan, due, last_update=None):
    action = ActionFactory(plan=plan, due_date=due)
    if last_update:
        ProgressUpdateFactory(action=action, date=last_update)
    return action


def test_late_first_orders_by_lateness_then_due_date_then_last_update(year_plan):  # noqa: F811
    # The plan starts on 1 April: an action never updated is stale (90 days) by 1 October.
    undated_new = updated(year_plan, None, D(2025, 9, 28))
    undated_old = updated(year_plan, None, D(2025, 8, 1))
    later = updated(year_plan, D(2025, 10, 20), D(2025, 9, 10))
    soon = updated(year_plan, D(2025, 10, 10), D(2025, 9, 25))
    stale = updated(year_plan, D(2026, 3, 1))
    overdue = updated(year_plan, D(2025, 9, 1), D(2025, 9, 20))
    ordered = list(Action.objects.with_lateness(TODAY).late_first())
    assert ordered == [overdue, stale, soon, later, undated_old, undated_new]


def test_lists_show_an_actions_priorities_in_the_plans_order(year_plan):  # noqa: F811
    action = ActionFactory(plan=year_plan)
    for code, order in [("2", 1), ("10", 1), ("3", 0)]:
        action.priorities.add(PriorityFactory(plan=year_plan, code=code, order=order))
    (listed,) = Action.objects.filter(pk=action.pk).for_lists()
    assert [p.code for p in listed.priorities.all()] == ["3", "10", "2"]


def test_only_requests_to_publish_await_approval(alice, year_plan):  # noqa: F811
    action = ActionFactory(plan=year_plan)
    requested = ProgressUpdateFactory(action=action, publication="requested")
    ProgressUpdateFactory(action=action, publication="published")
    ProgressUpdateFactory(action=action, publication="internal")
    assert list(ProgressUpdate.objects.awaiting_approval_for(alice)) == [requested]


def test_visible_to_gives_the_actions_of_the_users_partnerships(
    alice,
    year_plan,  # noqa: F811 (the fixture imported above)
    other_partnership,
):
    mine = ActionFactory(plan=year_plan)
    ActionFactory(plan=PlanFactory(partnership=other_partnership))
    assert list(Action.objects.visible_to(alice)) == [mine]


def test_published_gives_only_updates_on_the_public_summary(year_plan):  # noqa: F811
    action = ActionFactory(plan=year_plan)
    shown = ProgressUpdateFactory(action=action, publication="published")
    ProgressUpdateFactory(action=action, publication="requested")
    ProgressUpdateFactory(action=action, publication="internal")
    assert list(ProgressUpdate.objects.published()) == [shown]
