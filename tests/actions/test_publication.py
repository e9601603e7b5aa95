"""Publication of progress updates: internal unless someone chose to publish, a coordinator
publishes and withdraws, and, where the partnership requires it, an agency officer's request
waits for a coordinator's approval. Only published updates of published plans are public."""

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate, Publication, Rag, Status
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)


def add_update(action):
    return reverse("actions:add_update", args=[action.pk])


def publication_url(update):
    return reverse("actions:update_publication", args=[update.pk])


def public_page(partnership):
    return reverse("performance:public_summary", args=[partnership.slug])


def update_data(today, text="Three surgeries held.", **extra):
    return {
        "text": text,
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "status": Status.IN_PROGRESS,
        "rag": Rag.GREEN,
        **extra,
    }


@pytest.fixture
def public(partnership, plan):
    """Northfield with its public summary on and its running plan published."""
    partnership.public_summary_enabled = True
    partnership.save()
    plan.status = "published"
    plan.save()
    return partnership


def test_the_form_offers_publication_unticked_with_a_hint_of_what_the_public_sees(
    client, dora, action, today
):
    client.force_login(dora)
    page = client.get(add_update(action)).text
    assert "Show on the public summary" in page
    box = page[page.index('name="show_publicly"') - 200 : page.index('name="show_publicly"') + 80]
    assert "checked" not in box
    assert "anyone can read the text and date of this update" in page
    assert "without your name" in page


def test_the_hint_says_when_a_coordinator_must_approve(client, dora, action, partnership):
    partnership.publication_needs_approval = True
    partnership.save()
    client.force_login(dora)
    assert "A coordinator must approve it first." in client.get(add_update(action)).text


def test_an_update_saved_without_the_box_is_internal(client, dora, action, today, public):
    client.force_login(dora)
    client.post(add_update(action), update_data(today, text="Operation Nightjar next week"))
    assert ProgressUpdate.objects.get().publication == Publication.INTERNAL
    client.logout()
    assert "Operation Nightjar" not in client.get(public_page(public)).text


def test_a_coordinator_who_ticks_the_box_publishes_at_once(client, alice, action, today, public):
    public.publication_needs_approval = True
    public.save()
    client.force_login(alice)
    response = client.post(
        add_update(action), update_data(today, text="Ten surgeries held", show_publicly="on")
    )
    assert ProgressUpdate.objects.get().publication == Publication.PUBLISHED
    assert "is shown on the public summary" in client.get(response.url).text
    client.logout()
    assert "Ten surgeries held" in client.get(public_page(public)).text


def test_an_officer_publishes_at_once_where_no_approval_is_required(
    client, dora, action, today, public
):
    client.force_login(dora)
    client.post(add_update(action), update_data(today, show_publicly="on"))
    assert ProgressUpdate.objects.get().publication == Publication.PUBLISHED


def test_an_officers_request_waits_for_approval_and_stays_off_the_public_page(
    client, dora, alice, action, today, public
):
    public.publication_needs_approval = True
    public.save()
    client.force_login(dora)
    response = client.post(
        add_update(action), update_data(today, text="Awaiting approval text", show_publicly="on")
    )
    update = ProgressUpdate.objects.get()
    assert update.publication == Publication.REQUESTED
    assert "once a coordinator approves it" in client.get(response.url).text
    client.logout()
    assert "Awaiting approval text" not in client.get(public_page(public)).text

    client.force_login(alice)
    requests_page = client.get(reverse("actions:publication_requests")).text
    assert "Awaiting approval text" in requests_page
    assert action.title in requests_page
    assert "1 request to publish a progress update" in client.get(reverse("home")).text
    assert "1 request to publish a progress update" in client.get(reverse("actions:mine")).text

    back = reverse("actions:publication_requests")
    response = client.post(publication_url(update), {"publication": "published", "next": back})
    assert response.url == back
    update.refresh_from_db()
    assert update.publication == Publication.PUBLISHED
    assert "approved" in client.get(back).text
    client.logout()
    assert "Awaiting approval text" in client.get(public_page(public)).text


def test_a_declined_request_becomes_internal(client, alice, action, today, public):
    update = ProgressUpdateFactory(action=action, date=today, publication=Publication.REQUESTED)
    client.force_login(alice)
    client.post(publication_url(update), {"publication": "internal"})
    update.refresh_from_db()
    assert update.publication == Publication.INTERNAL


def test_a_coordinator_publishes_and_withdraws_from_the_action_page(
    client, alice, action, today, public
):
    update = ProgressUpdateFactory(action=action, date=today, text="Later published text")
    client.force_login(alice)
    page = client.get(action.get_absolute_url()).text
    assert publication_url(update) in page
    assert "Internal" in page
    response = client.post(
        publication_url(update), {"publication": "published", "next": action.get_absolute_url()}
    )
    assert response.url == action.get_absolute_url()
    client.logout()
    assert "Later published text" in client.get(public_page(public)).text

    client.force_login(alice)
    client.post(publication_url(update), {"publication": "internal"})
    update.refresh_from_db()
    assert update.publication == Publication.INTERNAL
    client.logout()
    assert "Later published text" not in client.get(public_page(public)).text


def test_an_officer_cannot_publish_and_changes_nothing(client, dora, action, today):
    update = ProgressUpdateFactory(action=action, date=today)
    client.force_login(dora)
    assert publication_url(update) not in client.get(action.get_absolute_url()).text
    response = client.post(publication_url(update), {"publication": "published"})
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.publication == Publication.INTERNAL


def test_a_bad_choice_is_refused_with_a_message_and_nothing_changes(client, alice, action, today):
    update = ProgressUpdateFactory(action=action, date=today)
    client.force_login(alice)
    response = client.post(publication_url(update), {"publication": "everyone"})
    assert response.status_code == 400
    assert "Choose whether to show the update on the public summary" in response.text
    update.refresh_from_db()
    assert update.publication == Publication.INTERNAL


def test_a_hostile_next_after_publishing_goes_to_the_action(client, alice, action, today):
    update = ProgressUpdateFactory(action=action, date=today)
    client.force_login(alice)
    response = client.post(
        publication_url(update), {"publication": "published", "next": "https://evil.example/"}
    )
    assert response.url == action.get_absolute_url()


def test_the_requests_page_shows_only_the_coordinators_own_partnerships(
    client, charlie, action, today
):
    ProgressUpdateFactory(
        action=action, date=today, text="Northfield request", publication=Publication.REQUESTED
    )
    client.force_login(charlie)
    page = client.get(reverse("actions:publication_requests")).text
    assert "Northfield request" not in page
    assert "No requests are waiting." in page


def test_the_requests_page_is_refused_to_someone_who_approves_nowhere(client, dora, bob):
    for user in (dora, bob):
        client.force_login(user)
        assert client.get(reverse("actions:publication_requests")).status_code == 403


@pytest.mark.parametrize("count", [1, 20])
def test_the_requests_page_query_count_does_not_grow_with_requests(
    client, alice, plan, police, django_assert_num_queries, count
):
    for number in range(count):
        action = ActionFactory(plan=plan, title=f"Requested action {number}")
        ActionLeadFactory(action=action, agency=police)
        ProgressUpdateFactory(action=action, publication=Publication.REQUESTED)
    client.force_login(alice)
    # session, user, roles, the count for the paginator, the page of requests
    with django_assert_num_queries(5):
        response = client.get(reverse("actions:publication_requests"))
    assert response.text.count("Requested action") >= count


def test_nothing_unpublished_reaches_the_public_page(client, partnership, plan, action, today):
    """Internal and requested updates, and published updates of a draft plan, are absent;
    the published update of a published plan is there."""
    partnership.public_summary_enabled = True
    partnership.save()
    plan.status = "published"
    plan.save()
    ProgressUpdateFactory(
        action=action, date=today, text="Shown to everyone", publication="published"
    )
    # Written after the published one, the same day: it would be "the latest" if internal
    # updates counted.
    ProgressUpdateFactory(action=action, date=today, text="Internal newest")
    ProgressUpdateFactory(action=action, date=today, text="Requested one", publication="requested")
    draft = PlanFactory(partnership=partnership, status="draft", title="Draft plan")
    hidden = ActionFactory(plan=draft, title="Draft action")
    ProgressUpdateFactory(action=hidden, text="Published in a draft", publication="published")
    page = client.get(public_page(partnership)).text
    assert "Shown to everyone" in page
    for secret in ("Internal newest", "Requested one", "Published in a draft", "Draft action"):
        assert secret not in page
    draft_page = client.get(public_page(partnership), {"plan": draft.pk}).text
    assert "Published in a draft" not in draft_page


def test_a_partnership_admin_switches_on_the_summary_and_approval_in_the_settings(
    client, frank, partnership
):
    client.force_login(frank)
    url = reverse("partnerships:settings", args=[partnership.slug])
    assert "Publish a public summary" in client.get(url).text
    client.post(
        url,
        {
            "update_interval_days": 90,
            "rag_amber_gap": 10,
            "rag_red_gap": 25,
            "public_summary_enabled": "on",
            "publication_needs_approval": "on",
        },
    )
    partnership.refresh_from_db()
    assert partnership.public_summary_enabled and partnership.publication_needs_approval
    detail = client.get(partnership.get_absolute_url()).text
    assert public_page(partnership) in detail


def test_the_partnership_page_does_not_link_a_summary_that_is_off(client, bob, partnership):
    client.force_login(bob)
    assert public_page(partnership) not in client.get(partnership.get_absolute_url()).text


def test_a_coordinator_of_another_partnership_cannot_approve_here(
    client, action, today, other_partnership
):
    update = ProgressUpdateFactory(action=action, date=today, publication="requested")
    outsider = UserFactory(username="olive")
    RoleFactory(user=outsider, partnership=other_partnership, name="coordinator")
    client.force_login(outsider)
    assert client.post(publication_url(update), {"publication": "published"}).status_code == 403
    update.refresh_from_db()
    assert update.publication == Publication.REQUESTED
