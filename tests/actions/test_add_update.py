import datetime
import re

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate, Rag, Status
from tests.factories import ProgressUpdateFactory
from tests.personas import make_actions


def url(action):
    return reverse("actions:add_update", args=[action.pk])


def form_data(today, **overrides):
    data = {
        "text": "Three surgeries held this quarter.",
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "status": Status.IN_PROGRESS,
        "rag": Rag.GREEN,
        "percent_complete": "",
        "figure": "",
        "unit": "",
    }
    data.update(overrides)
    return data


def test_it_saves_a_signed_update_and_carries_status_and_rag_to_the_action(
    client, dora, action, today
):
    client.force_login(dora)
    response = client.post(
        url(action), form_data(today, percent_complete="30", figure="3", unit="surgeries")
    )
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    update = ProgressUpdate.objects.get(action=action)
    assert (update.author, update.date, update.percent_complete, update.unit) == (
        dora,
        today,
        30,
        "surgeries",
    )
    action.refresh_from_db()
    assert (action.status, action.rag, action.version) == (Status.IN_PROGRESS, Rag.GREEN, 2)
    assert "Your progress update has been saved." in client.get(response.url).text


def test_the_form_is_ready_for_the_keyboard(client, dora, action, today):
    action.status = Status.IN_PROGRESS
    action.rag = Rag.AMBER
    action.save()
    client.force_login(dora)
    text = client.get(url(action)).text
    textarea = re.search(r"<textarea[^>]*>", text).group(0)
    assert "autofocus" in textarea
    assert f'name="date_0" value="{today.day}"' in text
    assert re.search(r'value="in_progress"\s+checked', text)
    assert re.search(r'value="amber"\s+checked', text)
    # One submit button, after the fields, in the order an officer fills them in.
    assert text.count('type="submit"') == 2  # this form's, and the sign-out button
    order = [
        text.index(f'name="{name}"')
        for name in ["text", "date_0", "status", "rag", "percent_complete", "figure", "unit"]
    ]
    assert order == sorted(order)
    assert "tabindex" not in text


def test_it_refuses_an_update_in_the_future(client, dora, action, today):
    tomorrow = today + datetime.timedelta(days=1)
    client.force_login(dora)
    response = client.post(
        url(action),
        form_data(today, date_0=tomorrow.day, date_1=tomorrow.month, date_2=tomorrow.year),
    )
    assert response.status_code == 200
    assert "The date of the update must be today or in the past" in response.text
    assert "Three surgeries held this quarter." in response.text
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": "   "}, "Enter what has happened since the last update"),
        ({"date_0": "31", "date_1": "2"}, "Enter a real date"),
        ({"percent_complete": "101"}, "The percentage complete must be 100 or less"),
        ({"status": "completed", "percent_complete": "90"}, "A completed action is 100% complete"),
        ({"unit": "people"}, "Enter the figure, or leave the unit empty"),
        ({"status": ""}, "Choose the status of the action"),
        ({"date_0": "", "date_1": "", "date_2": ""}, "Enter the date of the update"),
        ({"figure": "a dozen", "unit": "people"}, "Enter the figure as a number"),
    ],
)
def test_it_explains_what_is_wrong(client, dora, action, today, overrides, message):
    client.force_login(dora)
    response = client.post(url(action), form_data(today, **overrides))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not ProgressUpdate.objects.exists()


def test_an_update_dated_before_the_newest_leaves_the_action_alone(client, alice, action, today):
    ProgressUpdateFactory(action=action, date=today, status=Status.IN_PROGRESS)
    action.status = Status.IN_PROGRESS
    action.save()
    earlier = today - datetime.timedelta(days=30)
    client.force_login(alice)
    client.post(
        url(action),
        form_data(
            today,
            date_0=earlier.day,
            date_1=earlier.month,
            date_2=earlier.year,
            status=Status.NOT_STARTED,
            rag=Rag.RED,
        ),
    )
    assert action.updates.count() == 2
    action.refresh_from_db()
    assert (action.status, action.rag, action.version) == (Status.IN_PROGRESS, Rag.NONE, 1)


def test_a_computed_plan_rates_the_action_itself(client, dora, action, plan, today):
    plan.rag_method = "computed"
    plan.save()
    client.force_login(dora)
    page = client.get(url(action)).text
    assert 'name="rag"' not in page
    assert "computes the RAG rating" in page
    client.post(url(action), form_data(today, status=Status.COMPLETED, rag=Rag.RED))
    action.refresh_from_db()
    assert action.rag == Rag.GREEN
    assert ProgressUpdate.objects.get().rag == Rag.GREEN


def test_it_saves_nothing_if_the_action_cannot_be_updated_to_match(
    client, dora, action, plan, today, monkeypatch
):
    plan.rag_method = "computed"
    plan.save()

    def broken(*args, **kwargs):
        raise RuntimeError("rating failed")

    monkeypatch.setattr("actions.rag.for_action", broken)
    client.raise_request_exception = False
    client.force_login(dora)
    response = client.post(url(action), form_data(today))
    assert response.status_code == 500
    assert not ProgressUpdate.objects.exists()
    action.refresh_from_db()
    assert action.version == 1


def test_it_refuses_an_officer_of_another_agency(client, eve, action, today):
    client.force_login(eve)
    assert client.get(url(action)).status_code == 403
    assert client.post(url(action), form_data(today)).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_viewer(client, bob, action, today):
    client.force_login(bob)
    assert client.post(url(action), form_data(today)).status_code == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_actions(
    client, dora, plan, police, count, django_assert_num_queries
):
    actions = make_actions(plan, count, agency=police)
    client.force_login(dora)
    with django_assert_num_queries(5):
        assert client.get(url(actions[0])).status_code == 200
