"""The admin action list's plan filter lists only the chosen partnership's plans."""

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:actions_action_changelist")


def plan_links(response):
    """The plan filter's choices; a filter with none is not shown at all."""
    for spec in response.context["cl"].filter_specs:
        if spec.title == "plan":
            return [choice["display"] for choice in spec.choices(response.context["cl"])][1:]
    return []


@pytest.fixture
def two_partnerships_plans(plan, other_partnership):
    other = PlanFactory(partnership=other_partnership, title="Southgate plan")
    ActionFactory(plan=plan, title="Ours")
    ActionFactory(plan=other, title="Theirs")
    return plan, other


def test_it_lists_no_plans_until_a_partnership_is_chosen(client, superuser, two_partnerships_plans):
    client.force_login(superuser)
    response = client.get(URL)
    assert plan_links(response) == []


def test_it_lists_the_chosen_partnerships_plans_and_filters_by_one(
    client, superuser, two_partnerships_plans
):
    plan, other = two_partnerships_plans
    client.force_login(superuser)
    chosen = {"plan__partnership__id__exact": plan.partnership_id}
    assert plan_links(client.get(URL, chosen)) == [plan.title]
    response = client.get(URL, {**chosen, "plan": plan.pk})
    assert [action.title for action in response.context["cl"].result_list] == ["Ours"]


@pytest.mark.parametrize("junk", ["abc", "-1", "9" * 30, "١"])
def test_a_junk_plan_filters_nothing_and_is_no_error(
    client, superuser, two_partnerships_plans, junk
):
    client.force_login(superuser)
    response = client.get(URL, {"plan": junk})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2


def test_a_junk_partnership_is_refused_by_the_admin_without_an_error(
    client, superuser, two_partnerships_plans
):
    client.force_login(superuser)
    response = client.get(URL, {"plan__partnership__id__exact": "abc"})
    # The admin's own answer to a lookup it cannot use: back to the list, saying so.
    assert response.status_code == 302
    assert response.url.endswith("?e=1")
    huge = client.get(URL, {"plan__partnership__id__exact": "9" * 30})
    assert huge.status_code == 200
    assert plan_links(huge) == []
