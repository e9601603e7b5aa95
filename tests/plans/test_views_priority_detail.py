import pytest
from django.urls import reverse

from tests.factories import ActionFactory, SuccessCriterionFactory
from tests.personas import *  # noqa: F403
from tests.personas import make_actions


def url(priority):
    return reverse("plans:priority", args=[priority.pk])


def test_it_shows_the_success_criteria_and_the_actions(client, bob, priority, action):
    SuccessCriterionFactory(
        priority=priority,
        text="Reduce burglary by 4%",
        laa_target=True,
        target_value=4,
        target_unit="%",
    )
    SuccessCriterionFactory(priority=priority, text="Fewer repeat victims", associated=True)
    priority.narrative = "Burglary rose last year."
    priority.consultation_rank = 2
    priority.save()
    client.force_login(bob)
    text = client.get(url(priority)).text
    assert "Reduce burglary by 4% (target: 4 %)" in text
    assert "LAA target" in text
    assert text.index("Reduce burglary by 4%") < text.index("Associated success criteria")
    assert text.index("Associated success criteria") < text.index("Fewer repeat victims")
    assert "Ranked 2 in the public consultation." in text
    assert action.title in text
    assert f"plan={priority.plan.pk}&amp;priority={priority.pk}" in text


def test_it_counts_ratings(client, bob, priority, plan):
    for rating in ["red", "red", "green"]:
        ActionFactory(plan=plan, rag=rating).priorities.add(priority)
    client.force_login(bob)
    counts = client.get(url(priority)).context["rag_counts"]
    assert (counts.red, counts.green) == (2, 1)


def test_it_refuses_an_outsider(client, charlie, priority):
    SuccessCriterionFactory(priority=priority, text="Secret criterion")
    client.force_login(charlie)
    response = client.get(url(priority))
    assert response.status_code == 403
    assert "Secret criterion" not in response.text


# Session, user, the user's roles (a superuser's rights need none), the priority with its
# plan and partnership, then the three of plans/pages.py: the same for every kind of user
# and for 10 actions as for 200.
QUERIES = {"superuser": 6, "county_viewer": 7, "alice": 7}


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("persona", QUERIES)
def test_its_query_count_is_fixed_for_each_kind_of_user(
    client, request, plan, priority, police, persona, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    SuccessCriterionFactory.create_batch(count // 10, priority=priority)
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(QUERIES[persona]):
        response = client.get(url(priority))
    assert len(response.context["actions"]) == count
    assert len(response.context["primary_criteria"]) == count // 10


def test_a_priority_without_actions_costs_one_query_fewer_no_leads(
    client, bob, priority, django_assert_num_queries
):
    client.force_login(bob)
    with django_assert_num_queries(QUERIES["county_viewer"] - 1):
        response = client.get(url(priority))
    assert "No actions yet." in response.text
