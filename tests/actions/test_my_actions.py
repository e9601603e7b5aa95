import datetime

import pytest
from django.urls import reverse

from actions.models import Status
from tests.factories import ActionFactory, ActionLeadFactory, PlanFactory, ProgressUpdateFactory
from tests.personas import make_actions

URL = reverse("actions:mine")


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_lists_late_actions_first_with_counts(client, alice, plan, today):
    fine = ActionFactory(plan=plan, title="Fine action", due_date=today + datetime.timedelta(30))
    ProgressUpdateFactory(action=fine, date=today)
    stale = ActionFactory(plan=plan, title="Stale action", due_date=today + datetime.timedelta(10))
    ProgressUpdateFactory(action=stale, date=today - datetime.timedelta(days=200))
    overdue = ActionFactory(
        plan=plan, title="Overdue action", due_date=today - datetime.timedelta(1)
    )
    ProgressUpdateFactory(action=overdue, date=today)
    client.force_login(alice)
    response = client.get(URL)
    assert list(response.context["actions"]) == [overdue, stale, fine]
    assert response.context["counts"] == {"total": 3, "overdue": 1, "stale": 1}
    text = response.text
    assert text.index("Overdue action") < text.index("Stale action") < text.index("Fine action")


def test_an_agency_officer_sees_only_their_agencys_actions(client, dora, plan, police, fire):
    mine = ActionFactory(plan=plan, title="Police surgery")
    ActionLeadFactory(action=mine, agency=police)
    theirs = ActionFactory(plan=plan, title="Fire safety visits")
    ActionLeadFactory(action=theirs, agency=fire)
    client.force_login(dora)
    response = client.get(URL)
    assert "Police surgery" in response.text
    assert "Fire safety visits" not in response.text
    assert reverse("actions:add_update", args=[mine.pk]) in response.text


def test_it_leaves_out_plans_that_have_ended_and_says_where_they_are(
    client, alice, partnership, plan
):
    old_plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2011, 4, 1),
        period_end=datetime.date(2012, 3, 31),
    )
    ActionFactory(plan=old_plan, title="Action of an old plan")
    ActionFactory(plan=plan, title="Action of this year")
    client.force_login(alice)
    response = client.get(URL)
    assert "Action of this year" in response.text
    assert "Action of an old plan" not in response.text
    assert reverse("actions:list") + "?period=ended&amp;mine=on" in response.text


def test_it_leaves_out_closed_actions_from_the_late_counts(client, alice, plan, today):
    ActionFactory(plan=plan, status=Status.COMPLETED, due_date=today - datetime.timedelta(9))
    client.force_login(alice)
    counts = client.get(URL).context["counts"]
    assert counts == {"total": 1, "overdue": 0, "stale": 0}


def test_it_tells_a_viewer_they_have_nothing_to_update(client, bob, action):
    client.force_login(bob)
    response = client.get(URL)
    assert "You have no actions to update" in response.text
    assert action.title not in response.text


def test_it_does_not_show_other_partnerships_actions(client, charlie, action):
    client.force_login(charlie)
    response = client.get(URL)
    assert action.title not in response.text


def test_it_paginates(client, alice, plan, police):
    make_actions(plan, 51, agency=police)
    client.force_login(alice)
    response = client.get(URL)
    assert len(response.context["actions"]) == 50
    assert 'aria-label="Page 2"' in response.text
    assert len(client.get(URL, {"page": 2}).context["actions"]) == 1


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_actions(
    client, dora, plan, police, priority, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    client.force_login(dora)
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.context["counts"]["total"] == count
