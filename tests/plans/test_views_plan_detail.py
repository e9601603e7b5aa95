import datetime

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, ActionLeadFactory, PriorityFactory
from tests.personas import *  # noqa: F403
from tests.personas import make_actions


def url(plan):
    return reverse("plans:detail", args=[plan.pk])


def test_it_lists_each_priority_with_its_actions_and_rag_counts(client, bob, plan, priority):
    second = PriorityFactory(plan=plan, code="2", title="Reduce arson", order=2)
    for title, rating, priorities in [
        ("Red one", "red", [priority]),
        ("Green one", "green", [priority, second]),
        ("Loose one", "amber", []),
    ]:
        ActionFactory(plan=plan, title=title, rag=rating).priorities.set(priorities)
    client.force_login(bob)
    response = client.get(url(plan))
    sections = response.context["sections"]
    assert [s.priority for s in sections] == [priority, second, None]
    assert [[a.title for a in s.actions] for s in sections] == [
        ["Red one", "Green one"],
        ["Green one"],
        ["Loose one"],
    ]
    first = sections[0].rag_counts
    assert (first.red, first.amber, first.green, first.none) == (1, 0, 1, 0)
    totals = response.context["totals"]
    assert (totals.red, totals.amber, totals.green, totals.total) == (1, 1, 1, 3)
    assert "Actions not under a priority" in response.text


def test_it_counts_overdue_actions(client, bob, plan, today):
    ActionFactory(plan=plan, due_date=today - datetime.timedelta(days=3))
    client.force_login(bob)
    assert "1 action: 1 overdue" in client.get(url(plan)).text


def test_it_offers_coordinators_to_add_actions_and_edit_the_plan(client, alice, bob, plan):
    client.force_login(bob)
    assert reverse("actions:add", args=[plan.pk]) not in client.get(url(plan)).text
    client.force_login(alice)
    text = client.get(url(plan)).text
    assert reverse("actions:add", args=[plan.pk]) in text
    assert reverse("plans:edit", args=[plan.pk]) in text


def test_it_refuses_an_outsider(client, charlie, plan, action):
    client.force_login(charlie)
    response = client.get(url(plan))
    assert response.status_code == 403
    assert action.title not in response.text


# Session, user, the user's roles (a superuser's rights need none), the plan with its
# partnership, then the four of plans/pages.py: the same for a county-wide viewer as for a
# coordinator, and for a plan of 10 actions as of 200.
QUERIES = {"superuser": 7, "county_viewer": 8, "alice": 8}


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("persona", QUERIES)
def test_its_query_count_is_fixed_for_each_kind_of_user(
    client, request, plan, priority, police, persona, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    make_actions(plan, 2, agency=police)  # under no priority
    PriorityFactory(plan=plan, code="2", title="Reduce arson")  # with no actions
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(QUERIES[persona]):
        response = client.get(url(plan))
    assert response.context["action_count"] == count + 2
    assert [len(s.actions) for s in response.context["sections"]] == [count, 0, 2]


def test_a_plan_without_actions_costs_one_query_fewer_no_leads(
    client, bob, plan, priority, django_assert_num_queries
):
    client.force_login(bob)
    with django_assert_num_queries(QUERIES["county_viewer"] - 1):
        response = client.get(url(plan))
    assert "No actions under this" in response.text
    assert response.context["action_count"] == 0


def test_it_names_each_actions_lead_agencies_in_their_order(client, bob, plan, police, fire):
    # Their order is neither the agencies' names nor the order the leads were added in.
    action = ActionFactory(plan=plan, title="Patrol the retail park")
    ActionLeadFactory(action=action, agency=fire, order=2)
    ActionLeadFactory(action=action, agency=police, order=1)
    client.force_login(bob)
    assert "Northfield Police, Northfield Fire and Rescue" in client.get(url(plan)).text
