import datetime

import pytest
from django.urls import reverse

from actions.models import Rag, Status
from tests.factories import ActionLeadFactory, ProgressUpdateFactory, UserFactory


def url(action):
    return reverse("actions:detail", args=[action.pk])


def test_it_shows_every_field_priorities_and_lead_agencies_in_order(
    client, bob, action, police, fire, priority
):
    action.description = "Monthly drop-in sessions."
    action.target = "12 surgeries"
    action.timescale = "April to March"
    action.due_date = datetime.date(2026, 3, 31)
    action.save()
    ActionLeadFactory(action=action, agency=fire, order=1)
    action.partner_agencies.add(fire)
    client.force_login(bob)
    text = client.get(url(action)).text
    for expected in [
        action.title,
        "Monthly drop-in sessions.",
        "12 surgeries",
        "April to March",
        "31 March 2026",
        f"{priority.code}: {priority.title}",
        "Northfield Police, Northfield Fire and Rescue",
    ]:
        assert expected in text


def test_it_shows_the_progress_timeline_signed_with_status_and_rag_changes(client, bob, action):
    author = UserFactory(username="pat", first_name="Pat", last_name="Jones")
    ProgressUpdateFactory(
        action=action,
        date=datetime.date(2025, 5, 1),
        text="Planning done.",
        status=Status.NOT_STARTED,
        rag=Rag.GREEN,
        author=author,
    )
    ProgressUpdateFactory(
        action=action,
        date=datetime.date(2025, 6, 1),
        text="Two surgeries held.",
        status=Status.IN_PROGRESS,
        rag=Rag.AMBER,
        percent_complete=20,
        figure=2,
        unit="surgeries",
        author_name="Imported from the 2025 update",
    )
    client.force_login(bob)
    text = client.get(url(action)).text
    assert text.index("Two surgeries held.") < text.index("Planning done.")
    assert "By Pat Jones" in text
    assert "By Imported from the 2025 update" in text
    assert "Status: In progress (was Not started)" in text
    assert "(was Green)" in text
    assert "20% complete" in text
    assert "Figure: 2 surgeries" in text


def test_it_shows_who_changed_what_and_when(client, alice, bob, action):
    client.force_login(alice)
    action.title = "Run monthly crime prevention surgeries"
    action._history_user = alice
    action.save()
    client.force_login(bob)
    text = client.get(url(action)).text
    assert "History of edits" in text
    assert 'Run crime prevention surgeries <span aria-hidden="true">→</span>' in text
    assert "alice" in text
    assert "Added the action" in text


def test_it_offers_an_update_to_the_lead_agency_officer_but_not_the_edit(client, dora, action):
    client.force_login(dora)
    text = client.get(url(action)).text
    assert reverse("actions:add_update", args=[action.pk]) in text
    assert reverse("actions:edit", args=[action.pk]) not in text


def test_it_offers_neither_to_a_viewer(client, bob, action):
    client.force_login(bob)
    text = client.get(url(action)).text
    assert reverse("actions:add_update", args=[action.pk]) not in text
    assert reverse("actions:edit", args=[action.pk]) not in text


def test_it_explains_a_computed_rating(client, bob, action, plan):
    plan.rag_method = "computed"
    plan.save()
    client.force_login(bob)
    assert "Computed for this plan." in client.get(url(action)).text


def test_it_flags_an_overdue_action(client, bob, action, today):
    action.due_date = today - datetime.timedelta(days=1)
    action.save()
    client.force_login(bob)
    assert (
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in client.get(url(action)).text
    )


def test_it_refuses_an_outsider(client, charlie, action):
    client.force_login(charlie)
    response = client.get(url(action))
    assert response.status_code == 403
    assert action.title not in response.text


def test_it_is_404_for_an_action_that_does_not_exist(client, alice):
    client.force_login(alice)
    assert client.get(reverse("actions:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_updates_or_edits(
    client, alice, action, count, django_assert_num_queries
):
    for day in range(count):
        ProgressUpdateFactory(
            action=action,
            date=datetime.date(2025, 4, 1) + datetime.timedelta(days=day),
            author=alice,
            status=Status.IN_PROGRESS,
        )
    for number in range(count // 10):
        action.title = f"Edited {number}"
        action.save()
    client.force_login(alice)
    with django_assert_num_queries(11):
        response = client.get(url(action))
    assert len(response.context["timeline"]) == count
