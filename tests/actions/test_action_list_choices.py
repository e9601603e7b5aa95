"""The action list's lead-agency choices: the agencies leading actions the user may see."""

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PartnershipFactory,
    PlanFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


def lead_agency_choices(response):
    return [agency.name for agency in response.context["filter"].filters["lead_agency"].queryset]


def test_it_offers_each_agency_leading_a_visible_action_once(client, alice, plan, police):
    for _ in range(3):
        ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    AgencyFactory(name="Leads nothing")
    client.force_login(alice)
    assert lead_agency_choices(client.get(URL)) == [police.name]


def test_it_never_offers_an_agency_that_leads_only_another_partnerships_actions(
    client, alice, plan, police, other_partnership
):
    ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    elsewhere = AgencyFactory(name="Southgate Borough Council")
    other_plan = PlanFactory(partnership=other_partnership)
    ActionLeadFactory(action=ActionFactory(plan=other_plan), agency=elsewhere)
    client.force_login(alice)
    response = client.get(URL, {"period": "all"})
    assert lead_agency_choices(response) == [police.name]
    assert "Southgate Borough Council" not in response.text


def plan_choices(response):
    return list(response.context["filter"].filters["plan"].queryset)


@pytest.fixture
def many_plans(partnership, other_partnership):
    # Superusers, and people with roles in more than 10 partnerships, see too many plans.
    ours = PlanFactory.create_batch(2, partnership=partnership)
    theirs = PlanFactory.create_batch(2, partnership=other_partnership)
    return ours, theirs


def test_beyond_the_limit_it_lists_no_plans_until_a_partnership_is_chosen(
    client, superuser, many_plans
):
    client.force_login(superuser)
    response = client.get(URL, {"period": "all"})
    assert plan_choices(response) == []
    assert "Choose a partnership and select Show actions to list its plans" in response.text


def test_beyond_the_limit_it_lists_the_chosen_partnerships_plans(
    client, superuser, partnership, many_plans
):
    ours, _ = many_plans
    client.force_login(superuser)
    response = client.get(URL, {"period": "all", "partnership": partnership.pk})
    assert sorted(plan_choices(response), key=lambda plan: plan.pk) == ours


def test_beyond_the_limit_a_link_to_one_plans_actions_still_works(client, superuser, many_plans):
    ours, _ = many_plans
    ActionFactory(plan=ours[0], title="In the linked plan")
    ActionFactory(plan=ours[1], title="In its sibling")
    client.force_login(superuser)
    response = client.get(URL, {"period": "all", "plan": ours[0].pk})
    assert not response.context["filter"].errors
    assert [action.title for action in response.context["actions"]] == ["In the linked plan"]


def test_a_chosen_plan_never_lists_another_partnerships_plans_to_an_outsider(
    client, charlie, many_plans
):
    ours, theirs = many_plans
    client.force_login(charlie)
    response = client.get(URL, {"period": "all", "plan": ours[0].pk})
    assert set(plan_choices(response)) <= set(theirs)
    assert response.context["filter"].errors


@pytest.mark.parametrize("partnerships", [3, 12])
def test_the_action_list_makes_the_same_queries_for_a_county_wide_viewer_at_any_size(
    client, partnerships, django_assert_num_queries
):
    viewer = UserFactory()
    for place in PartnershipFactory.create_batch(partnerships):
        RoleFactory(user=viewer, partnership=place, name="viewer")
        for plan in PlanFactory.create_batch(2, partnership=place):
            ActionLeadFactory(action=ActionFactory(plan=plan))
    client.force_login(viewer)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(URL, {"period": "all", "o": "-updated"})
    assert response.context["page_obj"].paginator.count == 2 * partnerships
    # Beyond 10 partnerships the chooser lists none until one is chosen.
    assert len(plan_choices(response)) == (0 if partnerships > 10 else 2 * partnerships)


LIST_QUERIES = 11
