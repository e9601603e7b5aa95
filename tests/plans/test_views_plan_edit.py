import pytest
from django.urls import reverse

from actions.models import Rag, Status
from plans.models import Plan
from tests.factories import ActionFactory
from tests.personas import *  # noqa: F403


def url(plan):
    return reverse("plans:edit", args=[plan.pk])


def data(plan, **overrides):
    values = {
        "title": plan.title,
        "kind": plan.kind,
        "period_start_0": plan.period_start.day,
        "period_start_1": plan.period_start.month,
        "period_start_2": plan.period_start.year,
        "period_end_0": plan.period_end.day,
        "period_end_1": plan.period_end.month,
        "period_end_2": plan.period_end.year,
        "status": plan.status,
        "rag_method": plan.rag_method,
    }
    values.update(overrides)
    return values


def test_a_coordinator_publishes_the_plan(client, alice, plan):
    client.force_login(alice)
    response = client.post(url(plan), data(plan, status="published", title="Plan 2025/26"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.title) == ("published", "Plan 2025/26")


def test_switching_to_computed_rag_rates_the_actions_at_once(client, alice, plan):
    action = ActionFactory(plan=plan, status=Status.COMPLETED, rag=Rag.NONE)
    client.force_login(alice)
    client.post(url(plan), data(plan, rag_method="computed"))
    action.refresh_from_db()
    assert action.rag == Rag.GREEN


def test_it_refuses_a_period_that_ends_before_it_starts(client, alice, plan):
    client.force_login(alice)
    response = client.post(url(plan), data(plan, period_end_2=plan.period_start.year - 1))
    assert "The end of the period must be on or after its start" in response.text
    assert Plan.objects.get(pk=plan.pk).period_end == plan.period_end


@pytest.mark.parametrize("persona", ["bob", "dora", "charlie"])
def test_it_refuses_people_who_may_not_edit(client, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(plan), data(plan, title="Changed")).status_code == 403
    assert Plan.objects.get(pk=plan.pk).title == plan.title


# Session, user, the plan with its partnership, the user's roles (a superuser's rights need
# none): the form reads nothing else, however many actions the plan has.
EDIT_QUERIES = {"superuser": 3, "alice": 4}


@pytest.mark.parametrize("count", [2, 50])
@pytest.mark.parametrize("persona", EDIT_QUERIES)
def test_the_form_reads_a_fixed_number_of_queries(
    client, request, plan, persona, count, django_assert_num_queries
):
    ActionFactory.create_batch(count, plan=plan)
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(EDIT_QUERIES[persona]):
        response = client.get(url(plan))
    assert response.context["form"].initial["title"] == plan.title
