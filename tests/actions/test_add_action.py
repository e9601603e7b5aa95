import pytest
from django.urls import reverse

from actions.models import Action, Rag


def url(plan):
    return reverse("actions:add", args=[plan.pk])


def test_a_coordinator_adds_an_action_with_its_links(client, alice, plan, priority, police, fire):
    client.force_login(alice)
    response = client.post(
        url(plan),
        {
            "title": "Host a road safety day",
            "priorities": [priority.pk],
            "lead_agencies": [police.pk, fire.pk],
            "status": "not_started",
            "rag": "none",
            "start_date_0": "",
            "start_date_1": "",
            "start_date_2": "",
            "due_date_0": "",
            "due_date_1": "",
            "due_date_2": "",
        },
    )
    action = Action.objects.get(title="Host a road safety day")
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    assert action.plan == plan
    assert list(action.priorities.all()) == [priority]
    assert {lead.agency for lead in action.leads.all()} == {police, fire}
    created = action.history.get()
    assert created.history_user == alice
    assert created.priority_codes == "1"


def test_a_computed_plan_rates_the_new_action(client, alice, plan):
    plan.rag_method = "computed"
    plan.save()
    client.force_login(alice)
    client.post(url(plan), {"title": "New", "status": "completed"})
    assert Action.objects.get(title="New").rag == Rag.GREEN


def test_it_explains_a_missing_title(client, alice, plan):
    client.force_login(alice)
    response = client.post(url(plan), {"title": "", "status": "not_started", "rag": "none"})
    assert "Enter the action" in response.text
    assert not Action.objects.exists()


@pytest.mark.parametrize("persona", ["dora", "bob", "charlie"])
def test_it_refuses_people_who_may_not_add(client, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url(plan), {"title": "Sneaky", "status": "not_started", "rag": "none"})
    assert response.status_code == 403
    assert not Action.objects.exists()
