import datetime

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, PriorityFactory
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


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_actions(
    client, bob, plan, priority, police, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    client.force_login(bob)
    # session, user, roles, the object, then the five of plans/pages.py
    with django_assert_num_queries(9):
        response = client.get(url(plan))
    assert response.context["action_count"] == count
