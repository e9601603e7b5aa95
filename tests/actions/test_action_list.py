import datetime

import pytest
from django.urls import reverse

from actions.models import Rag, Status
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)
from tests.personas import make_actions

URL = reverse("actions:list")


def titles(response):
    return [action.title for action in response.context["actions"]]


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_shows_the_actions_of_the_users_partnerships_only(signed_in, action, other_partnership):
    ActionFactory(plan=PlanFactory(partnership=other_partnership), title="Southgate action")
    response = signed_in.get(URL, {"period": "all"})
    assert titles(response) == [action.title]
    assert "Southgate" not in response.text


def test_it_shows_current_plans_unless_asked(signed_in, plan, partnership):
    ended = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )
    ActionFactory(plan=ended, title="Old action")
    ActionFactory(plan=plan, title="New action")
    assert titles(signed_in.get(URL)) == ["New action"]
    assert titles(signed_in.get(URL, {"period": "ended"})) == ["Old action"]
    assert sorted(titles(signed_in.get(URL, {"period": "all"}))) == ["New action", "Old action"]


def test_it_filters_by_plan_and_priority(signed_in, plan, partnership, priority):
    other_priority = PriorityFactory(plan=plan, code="2")
    under_one = ActionFactory(plan=plan, title="Under one")
    under_one.priorities.add(priority)
    under_two = ActionFactory(plan=plan, title="Under two")
    under_two.priorities.add(other_priority)
    second_plan = PlanFactory(
        partnership=partnership, period_start=plan.period_start, period_end=plan.period_end
    )
    ActionFactory(plan=second_plan, title="In another plan")
    assert sorted(titles(signed_in.get(URL, {"plan": plan.pk}))) == ["Under one", "Under two"]
    response = signed_in.get(URL, {"plan": plan.pk, "priority": priority.pk})
    assert titles(response) == ["Under one"]


def test_it_filters_by_partnership(client, alice, plan, other_partnership, today):
    from tests.factories import RoleFactory

    RoleFactory(user=alice, partnership=other_partnership, name="viewer")
    there = PlanFactory(
        partnership=other_partnership, period_start=plan.period_start, period_end=plan.period_end
    )
    ActionFactory(plan=plan, title="Here")
    ActionFactory(plan=there, title="There")
    client.force_login(alice)
    assert sorted(titles(client.get(URL))) == ["Here", "There"]
    assert titles(client.get(URL, {"partnership": other_partnership.pk})) == ["There"]


def test_it_filters_by_lead_agency(signed_in, plan, police, fire):
    led = ActionFactory(plan=plan, title="Police led")
    ActionLeadFactory(action=led, agency=police)
    other = ActionFactory(plan=plan, title="Fire led")
    ActionLeadFactory(action=other, agency=fire)
    assert titles(signed_in.get(URL, {"lead_agency": police.pk})) == ["Police led"]


def test_it_filters_by_status_and_rag(signed_in, plan):
    ActionFactory(plan=plan, title="Red one", rag=Rag.RED, status=Status.IN_PROGRESS)
    ActionFactory(plan=plan, title="Green one", rag=Rag.GREEN, status=Status.COMPLETED)
    assert titles(signed_in.get(URL, {"rag": "red"})) == ["Red one"]
    assert titles(signed_in.get(URL, {"status": "completed"})) == ["Green one"]


def test_it_filters_overdue_or_stale(signed_in, plan, today):
    overdue = ActionFactory(plan=plan, title="Overdue", due_date=today - datetime.timedelta(1))
    ProgressUpdateFactory(action=overdue, date=today)
    ActionFactory(plan=plan, title="Stale", start_date=today - datetime.timedelta(days=100))
    fine = ActionFactory(plan=plan, title="Fine", start_date=today)
    ProgressUpdateFactory(action=fine, date=today)
    assert titles(signed_in.get(URL, {"late": "overdue"})) == ["Overdue"]
    assert titles(signed_in.get(URL, {"late": "stale"})) == ["Stale"]
    assert sorted(titles(signed_in.get(URL, {"late": "either"}))) == ["Overdue", "Stale"]


def test_it_searches_the_text_of_actions(signed_in, plan):
    ActionFactory(plan=plan, title="Bike marking events", target="Mark 200 bikes")
    ActionFactory(plan=plan, title="Door knocking")
    assert titles(signed_in.get(URL, {"q": "200 BIKES"})) == ["Bike marking events"]


def test_it_shows_only_the_actions_i_can_update_when_asked(client, dora, plan, police, fire):
    mine = ActionFactory(plan=plan, title="Mine")
    ActionLeadFactory(action=mine, agency=police)
    theirs = ActionFactory(plan=plan, title="Theirs")
    ActionLeadFactory(action=theirs, agency=fire)
    client.force_login(dora)
    assert sorted(titles(client.get(URL))) == ["Mine", "Theirs"]
    assert titles(client.get(URL, {"mine": "on"})) == ["Mine"]


def test_it_sorts_by_a_column_with_blanks_last(signed_in, plan, today):
    ActionFactory(plan=plan, title="Later", due_date=today + datetime.timedelta(20))
    ActionFactory(plan=plan, title="No date")
    ActionFactory(plan=plan, title="Sooner", due_date=today + datetime.timedelta(10))
    assert titles(signed_in.get(URL, {"o": "due"})) == ["Sooner", "Later", "No date"]
    assert titles(signed_in.get(URL, {"o": "-due"})) == ["Later", "Sooner", "No date"]


def test_it_sorts_rag_by_severity(signed_in, plan):
    for rating in ["green", "none", "red", "amber"]:
        ActionFactory(plan=plan, title=rating, rag=rating)
    assert titles(signed_in.get(URL, {"o": "rag"})) == ["red", "amber", "green", "none"]


def test_sort_links_keep_the_filters_and_say_the_direction(signed_in, plan):
    ActionFactory(plan=plan)
    response = signed_in.get(URL, {"rag": "none", "o": "due", "page": "1"})
    assert 'aria-sort="ascending"' in response.text
    assert "?rag=none&amp;o=-due" in response.text


def test_pagination_links_keep_the_filters(signed_in, plan, police):
    make_actions(plan, 55, agency=police)
    response = signed_in.get(URL, {"rag": "none"})
    assert "?rag=none&amp;page=2" in response.text
    assert len(signed_in.get(URL, {"rag": "none", "page": 2}).context["actions"]) == 5


def test_it_ignores_a_plan_of_another_partnership(signed_in, action, other_partnership):
    foreign = PlanFactory(partnership=other_partnership, title="Southgate plan")
    response = signed_in.get(URL, {"plan": foreign.pk})
    assert "Southgate plan" not in response.text
    assert response.context["filter"].errors


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_actions(
    client, alice, plan, police, priority, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    client.force_login(alice)
    # The same 13 at both sizes; one is the plan chooser reading the user's roles, to list
    # every plan only for someone with roles in a few partnerships.
    with django_assert_num_queries(13):
        response = client.get(URL, {"o": "rag", "plan": plan.pk, "priority": priority.pk})
    assert response.context["page_obj"].paginator.count == count
