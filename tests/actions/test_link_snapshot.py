"""The links each saved version of an action records, as text, read in one query."""

import pytest

from actions.models import ActionLead
from tests.factories import ActionFactory, AgencyFactory, PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(plan):
    """An action whose links were added out of the order the snapshot lists them in."""
    action = ActionFactory(plan=plan)
    action.priorities.add(
        PriorityFactory(plan=plan, code="2b", order=2),
        PriorityFactory(plan=plan, code="1", order=1),
        PriorityFactory(plan=plan, code="2a", order=2),
    )
    # Leads keep the order they were given, not their names' order.
    for order, name in enumerate(["Zeta Council", "Alpha Police"]):
        ActionLead.objects.create(action=action, agency=AgencyFactory(name=name), order=order)
    action.partner_agencies.add(AgencyFactory(name="Youth Service"), AgencyFactory(name="Fire"))
    return action


def test_it_lists_each_link_in_its_own_order_in_one_query(linked, django_assert_num_queries):
    with django_assert_num_queries(1):
        snapshot = linked.link_snapshot()
    assert snapshot == {
        "priority_codes": "1, 2a, 2b",
        "lead_agency_names": "Zeta Council, Alpha Police",
        "partner_agency_names": "Fire, Youth Service",
    }


def test_an_action_without_links_records_empty_text(plan):
    assert ActionFactory(plan=plan).link_snapshot() == {
        "priority_codes": "",
        "lead_agency_names": "",
        "partner_agency_names": "",
    }


def test_a_saved_version_records_the_links(linked):
    linked.title = "Renamed"
    linked.save()
    latest = linked.history.order_by("-history_date", "-history_id").first()
    assert (latest.priority_codes, latest.lead_agency_names) == (
        "1, 2a, 2b",
        "Zeta Council, Alpha Police",
    )
