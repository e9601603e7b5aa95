import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(partnership):
    return reverse("performance:public_summary", args=[partnership.slug])


@pytest.fixture
def published(partnership):
    partnership.public_summary_enabled = True
    partnership.save()
    plan = PlanFactory(partnership=partnership, status="published", title="Published plan 2025/26")
    priority = PriorityFactory(plan=plan, code="1", title="Reduce burglary")
    action = ActionFactory(plan=plan, title="Mark bicycles at the station", target="200 bikes")
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency=AgencyFactory(name="Northfield Police"))
    author = UserFactory(username="jsmith", first_name="Jane", last_name="Smith")
    ProgressUpdateFactory(
        action=action,
        date=datetime.date(2025, 5, 1),
        text="Older news",
        author=author,
        publication="published",
    )
    ProgressUpdateFactory(
        action=action,
        date=datetime.date(2025, 6, 1),
        text="120 bikes marked",
        author_name="Sergeant Peter Jones",
        publication="published",
    )
    return plan


def test_anyone_can_read_a_published_summary_without_signing_in(client, published):
    response = client.get(url(published.partnership))
    assert response.status_code == 200
    page = response.text
    assert "Published plan 2025/26" in page
    assert "Reduce burglary" in page
    assert "Mark bicycles at the station" in page
    assert "Northfield Police" in page
    assert "120 bikes marked" in page
    assert "Older news" not in page  # only the latest progress


def test_it_names_no_one(client, published):
    page = client.get(url(published.partnership)).text
    for name in ("Jane", "Smith", "jsmith", "Peter Jones"):
        assert name not in page


def test_it_shows_nothing_of_a_draft_plan(client, published, partnership):
    draft = PlanFactory(
        partnership=partnership,
        status="draft",
        title="Draft plan 2026/27",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    priority = PriorityFactory(plan=draft, title="Secret draft priority")
    ActionFactory(plan=draft, title="Secret draft action").priorities.add(priority)
    page = client.get(url(partnership)).text
    assert "Draft plan 2026/27" not in page
    assert "Secret draft" not in page
    page = client.get(url(partnership) + f"?plan={draft.pk}").text
    assert "Secret draft" not in page


def test_it_is_not_found_until_the_partnership_switches_it_on(client, partnership):
    PlanFactory(partnership=partnership, status="published")
    assert client.get(url(partnership)).status_code == 404


def test_a_partnership_with_no_published_plan_says_so(client, partnership):
    partnership.public_summary_enabled = True
    partnership.save()
    PlanFactory(partnership=partnership, status="draft", title="Only a draft")
    page = client.get(url(partnership)).text
    assert "has not published a plan yet" in page
    assert "Only a draft" not in page


@pytest.mark.parametrize("count", [2, 40])
def test_its_query_count_does_not_grow_with_actions(
    client, published, django_assert_num_queries, count
):
    for _ in range(count):
        action = ActionFactory(plan=published)
        action.priorities.add(published.priorities.get())
        ActionLeadFactory(action=action)
        ProgressUpdateFactory(action=action)
    with django_assert_num_queries(6):
        client.get(url(published.partnership))
