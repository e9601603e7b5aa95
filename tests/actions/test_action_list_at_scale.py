"""The action list where it would be longest: a bounded count of the actions found, and
the lead-agency chooser of a superuser, who sees every plan (asked agency by agency), as
against a user with roles (asked plan by plan): both offer the same agencies."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from actions import paging
from actions.models import ProgressUpdate
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PartnershipFactory,
    PlanFactory,
    ProgressUpdateFactory,
)
from tests.personas import make_actions

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")
DAY = datetime.timedelta(days=1)
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="about PostgreSQL's plans"
)


def offered_agencies(response):
    field = response.context["filter"].form.fields["lead_agency"]
    return [agency.name for agency in field.offer().objects]


@pytest.fixture
def leads_by_period(partnership, today):
    """Agencies leading in a plan running now, in one that has ended, in both (with the
    running plan's action made first and last: which comes first must not matter), and
    in neither."""
    running = PlanFactory(
        partnership=partnership, period_start=today - 100 * DAY, period_end=today + 100 * DAY
    )
    ended = PlanFactory(
        partnership=partnership, period_start=today - 500 * DAY, period_end=today - 200 * DAY
    )

    def lead(plan, name):
        ActionLeadFactory(action=ActionFactory(plan=plan), agency=AgencyFactory(name=name))

    lead(running, "Now only")
    lead(ended, "Before only")
    lead(running, "Both, now first")
    lead(ended, "Both, now first")
    lead(ended, "Both, before first")
    lead(running, "Both, before first")
    AgencyFactory(name="Leading nothing")


@pytest.mark.parametrize("who", ["superuser", "alice"])
@pytest.mark.parametrize(
    "period, offered",
    [
        ("current", ["Both, before first", "Both, now first", "Now only"]),
        ("ended", ["Before only", "Both, before first", "Both, now first"]),
        ("all", ["Before only", "Both, before first", "Both, now first", "Now only"]),
    ],
)
def test_the_lead_agency_chooser_offers_the_agencies_leading_in_the_period(
    client, request, leads_by_period, who, period, offered
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL, {"period": period})
    assert offered_agencies(response) == offered


def test_a_superuser_is_offered_an_agency_leading_in_any_partnership(
    client, superuser, alice, partnership, other_partnership
):
    ActionLeadFactory(
        action=ActionFactory(plan=PlanFactory(partnership=other_partnership)),
        agency=AgencyFactory(name="Southgate Borough Council"),
    )
    client.force_login(superuser)
    assert offered_agencies(client.get(URL, {"period": "all"})) == ["Southgate Borough Council"]
    client.force_login(alice)
    assert offered_agencies(client.get(URL, {"period": "all"})) == []


@pytest.mark.parametrize("agencies", [3, 30])
def test_a_superusers_list_makes_the_same_queries_at_any_size(
    client, superuser, agencies, django_assert_num_queries
):
    for _ in range(agencies):
        plan = PlanFactory(partnership=PartnershipFactory())
        ActionLeadFactory(action=ActionFactory(plan=plan), agency=AgencyFactory())
    client.force_login(superuser)
    # session, user, update intervals; count, page, priorities and leads of the actions;
    # the offers of the three choosers.
    with django_assert_num_queries(10):
        response = client.get(URL, {"period": "all"})
    assert len(offered_agencies(response)) == min(agencies, 20)


def test_it_counts_up_to_its_bound_and_says_there_are_more(
    client, alice, plan, police, monkeypatch
):
    monkeypatch.setattr(paging, "COUNTED", 3)
    make_actions(plan, 5, agency=police)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["page_obj"].paginator.count == 3
    assert len(response.context["actions"]) == 3
    text = " ".join(response.text.split())
    assert "More than <strong>3</strong> actions found." in text
    assert "Only the first 3 are listed: narrow the filters to find the others." in text


def test_it_counts_every_action_within_its_bound(client, alice, plan, police, monkeypatch):
    monkeypatch.setattr(paging, "COUNTED", 3)
    make_actions(plan, 3, agency=police)
    client.force_login(alice)
    response = client.get(URL)
    assert len(response.context["actions"]) == 3
    text = " ".join(response.text.split())
    assert "<strong>3</strong> actions found." in text
    assert "More than" not in text
    assert "narrow the filters" not in text


def plan_without_table_scans(queryset) -> str:
    with connection.cursor() as cursor:
        # A few rows make a scan cheaper than any index; forbid it to see the index is usable.
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain().replace('"', " ")


@ON_POSTGRESQL
def test_the_requests_waiting_for_approval_are_counted_from_their_own_index(superuser, action):
    ProgressUpdateFactory.create_batch(3, action=action)
    waiting = ProgressUpdate.objects.awaiting_approval_for(superuser)
    assert "progress_requested" in plan_without_table_scans(waiting).split()
