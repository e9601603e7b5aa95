"""The action list's lead-agency choices: the agencies leading actions the user may see."""

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, ActionLeadFactory, AgencyFactory, PlanFactory

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
