"""Saving an update returns to where the user came from, with the success banner there;
from My actions, "Save and next" goes through the page's actions in turn."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from actions import returning
from actions.models import ProgressUpdate, Rag, Status
from tests.factories import ActionFactory, ActionLeadFactory
from tests.personas import make_actions

SAVED = "Your progress update has been saved."


def add_update(action):
    return reverse("actions:add_update", args=[action.pk])


def update_data(today, **extra):
    return {
        "text": "Checked in with the team.",
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "status": Status.IN_PROGRESS,
        "rag": Rag.GREEN,
        **extra,
    }


@pytest.fixture
def three(plan, police, today):
    """Three actions led by the police, due one after another (My actions shows them in
    this order)."""
    actions = []
    for number in range(3):
        action = ActionFactory(
            plan=plan,
            title=f"Queued action {number}",
            due_date=today + datetime.timedelta(days=10 + number),
        )
        ActionLeadFactory(action=action, agency=police)
        actions.append(action)
    return actions


def update_links(page_text):
    """The Add update addresses of My actions, in the order of the page."""
    links = []
    for part in page_text.split('href="')[1:]:
        href = part.split('"')[0].replace("&amp;", "&")
        if "/update/" in href:
            links.append(href)
    return links


@pytest.mark.parametrize(
    "origin",
    [
        lambda plan: reverse("actions:mine"),
        lambda plan: reverse("actions:list") + "?status=in_progress&o=-due",
        lambda plan: plan.get_absolute_url(),
    ],
    ids=["my actions", "the list", "the plan"],
)
def test_saving_returns_to_where_the_user_came_from_with_the_banner(
    client, alice, action, plan, today, origin
):
    back = origin(plan)
    client.force_login(alice)
    response = client.post(add_update(action), update_data(today, next=back))
    assert response.status_code == 302
    assert response.url == back
    assert SAVED in client.get(response.url).text


def test_my_actions_links_each_update_back_to_its_own_page(client, dora, three):
    client.force_login(dora)
    links = update_links(client.get(reverse("actions:mine")).text)
    assert len(links) == 3
    query = parse_qs(urlparse(links[0]).query)
    assert query["next"] == [reverse("actions:mine")]
    assert query["then"] == [f"{three[1].pk},{three[2].pk}"]


def test_the_action_page_passes_the_origin_on_to_the_update_form(client, alice, action, plan):
    client.force_login(alice)
    plan_page = client.get(plan.get_absolute_url()).text
    assert f"{action.get_absolute_url()}?next=%2Fplans%2F{plan.pk}%2F" in plan_page
    detail = client.get(action.get_absolute_url(), {"next": plan.get_absolute_url()}).text
    assert f"{add_update(action)}?next=%2Fplans%2F{plan.pk}%2F" in detail


@pytest.mark.parametrize(
    "hostile",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "http://testserver.evil/"],
)
def test_a_hostile_next_is_refused_and_the_update_goes_to_the_action(
    client, alice, action, today, hostile
):
    client.force_login(alice)
    response = client.post(add_update(action), update_data(today, next=hostile))
    assert response.url == action.get_absolute_url()
    form = client.get(add_update(action), {"next": hostile}).text
    assert "evil" not in form and "javascript" not in form


def test_save_and_next_goes_through_the_list_in_turn_and_then_back(client, dora, three, today):
    client.force_login(dora)
    url = update_links(client.get(reverse("actions:mine")).text)[0]
    seen = []
    for _ in range(3):
        form = client.get(url)
        seen.append(form.context["action"])
        data = update_data(today, next=form.context["back"], then=form.context["then"])
        data["save_and_next"] = "1"
        response = client.post(url, data)
        assert response.status_code == 302
        url = response.url
    assert seen == three
    assert url == reverse("actions:mine")
    assert ProgressUpdate.objects.filter(action__in=three).count() == 3
    assert "That was the last action of the list." in client.get(url).text


def test_save_and_next_shows_the_banner_on_the_next_form(client, dora, three, today):
    client.force_login(dora)
    url = update_links(client.get(reverse("actions:mine")).text)[0]
    form = client.get(url)
    assert "Save and next" in form.text
    assert "Next in your list: Queued action 1" in form.text
    data = update_data(today, next=form.context["back"], then=form.context["then"])
    data["save_and_next"] = "1"
    next_form = client.get(client.post(url, data).url)
    assert next_form.context["action"] == three[1]
    assert SAVED in next_form.text


def test_save_and_next_skips_actions_the_user_can_no_longer_update(client, dora, three, today):
    three[1].leads.all().delete()  # no longer the police's
    client.force_login(dora)
    queue = f"{three[1].pk},{three[2].pk},999999,abc"
    data = update_data(today, next=reverse("actions:mine"), then=queue, save_and_next="1")
    response = client.post(add_update(three[0]), data)
    assert urlparse(response.url).path == add_update(three[2])


def test_a_form_with_an_error_keeps_the_place_in_the_list(client, dora, three, today):
    client.force_login(dora)
    then = f"{three[1].pk},{three[2].pk}"
    data = update_data(today, text="", next=reverse("actions:mine"), then=then)
    response = client.post(add_update(three[0]), data)
    assert response.status_code == 200
    assert f'name="then" value="{then}"' in response.text
    assert f'name="next" value="{reverse("actions:mine")}"' in response.text
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("count", [2, 30])
def test_the_form_costs_the_same_whatever_the_length_of_the_queue(
    client, dora, plan, police, count, django_assert_num_queries
):
    actions = make_actions(plan, count, agency=police)
    url = returning.add_update_url(
        actions[0].pk, reverse("actions:mine"), [a.pk for a in actions[1:]]
    )
    client.force_login(dora)
    # session, user, the action, roles, its leads (the rule), the next queued action
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.context["next_action"] == actions[1]
