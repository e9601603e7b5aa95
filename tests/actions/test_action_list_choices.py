"""The action list's choosers (partnership, plan, lead agency) in the page: each a <select>
of a bounded offer, the chosen value first, with a search box when there is more to offer."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from actions.choices import LIMIT
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


class SelectOptions(HTMLParser):
    """The options of one <select> of a page, as (value, label, selected)."""

    def __init__(self, name):
        super().__init__()
        self.name, self.inside, self.options = name, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif tag == "option" and self.inside:
            self.options.append([attrs.get("value"), "", "selected" in attrs])

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.options:
            self.options[-1][1] += data.strip()


def options(response, name):
    parser = SelectOptions(name)
    parser.feed(response.text)
    return [tuple(option) for option in parser.options]


def labels(response, name):
    return [label for _, label, _ in options(response, name)][1:]


def selected(response, name):
    return [(value, label) for value, label, chosen in options(response, name) if chosen]


def test_it_offers_each_agency_leading_a_visible_action_once(client, alice, plan, police):
    for _ in range(3):
        ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    AgencyFactory(name="Leads nothing")
    client.force_login(alice)
    assert labels(client.get(URL), "lead_agency") == [police.name]


def test_it_never_offers_an_agency_that_leads_only_another_partnerships_actions(
    client, alice, plan, police, other_partnership
):
    ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    elsewhere = AgencyFactory(name="Southgate Borough Council")
    other_plan = PlanFactory(partnership=other_partnership)
    ActionLeadFactory(action=ActionFactory(plan=other_plan), agency=elsewhere)
    client.force_login(alice)
    response = client.get(URL, {"period": "all"})
    assert labels(response, "lead_agency") == [police.name]
    assert "Southgate Borough Council" not in response.text


@pytest.fixture
def many_partnerships(db):
    """More partnerships, each with a plan, than a chooser lists at once."""
    places = [
        PartnershipFactory(name=f"Place {number:02} Community Safety Partnership")
        for number in range(LIMIT + 5)
    ]
    return [PlanFactory(partnership=place, title=f"Plan of {place.name}") for place in places]


def test_it_lists_at_most_the_limit_and_offers_a_search_beyond_it(
    client, superuser, many_partnerships
):
    client.force_login(superuser)
    response = client.get(URL, {"period": "all"})
    assert len(labels(response, "partnership")) == LIMIT
    assert len(labels(response, "plan")) == LIMIT
    assert "Find a partnership" in response.text
    assert "Find a plan" in response.text


def test_it_offers_no_search_where_everything_is_listed(client, alice, plan, police):
    ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    client.force_login(alice)
    response = client.get(URL)
    assert labels(response, "partnership") == ["Northfield Community Safety Partnership"]
    assert labels(response, "plan") == [
        f"Northfield Community Safety Partnership: Northfield action plan ({plan.period_label})"
    ]
    assert "Find a" not in response.text


def test_the_search_box_narrows_what_a_chooser_offers(client, superuser, many_partnerships):
    client.force_login(superuser)
    response = client.get(URL, {"period": "all", "partnership_search": "PLACE 2"})
    names = [plan.partnership.name for plan in many_partnerships]
    assert labels(response, "partnership") == [name for name in names if "2" in name]


def test_a_chosen_plan_beyond_the_limit_keeps_its_label_and_filters(
    client, superuser, many_partnerships
):
    last = many_partnerships[-1]
    ActionFactory(plan=last, title="In the last plan")
    ActionFactory(plan=many_partnerships[0], title="In the first plan")
    client.force_login(superuser)
    response = client.get(URL, {"period": "all", "plan": last.pk})
    assert not response.context["filter"].errors
    assert [action.title for action in response.context["actions"]] == ["In the last plan"]
    label = f"{last.partnership.name}: {last.title} (2025/26)"
    assert selected(response, "plan") == [(str(last.pk), label)]
    assert len(labels(response, "plan")) == LIMIT + 1


def test_a_chosen_partnership_narrows_the_plans_offered(client, superuser, many_partnerships):
    first = many_partnerships[0]
    client.force_login(superuser)
    response = client.get(URL, {"period": "all", "partnership": first.partnership.pk})
    assert selected(response, "partnership") == [
        (str(first.partnership.pk), first.partnership.name)
    ]
    assert labels(response, "plan") == [f"{first.partnership.name}: {first.title} (2025/26)"]


def test_filtering_by_a_plan_of_another_partnership_never_names_it(
    client, charlie, plan, other_partnership
):
    PlanFactory(partnership=other_partnership, title="Southgate plan")
    client.force_login(charlie)
    response = client.get(
        URL, {"period": "all", "plan": plan.pk, "partnership": plan.partnership_id}
    )
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert "Northfield" not in response.text
    assert str(plan.pk) not in [value for value, _, _ in options(response, "plan")]


@pytest.mark.parametrize(
    "params",
    [
        {"partnership_search": "a\x00b"},
        {"plan_search": "x" * 101},
        {"plan": "not a number", "partnership": "1.5", "lead_agency": "\x00"},
        {"plan": "99999999999999999999999", "lead_agency": "-1"},
    ],
)
def test_bad_choices_are_answered_with_the_page_and_an_error(client, alice, plan, params):
    client.force_login(alice)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def county_wide_viewer(partnerships):
    viewer = UserFactory()
    for place in PartnershipFactory.create_batch(partnerships):
        RoleFactory(user=viewer, partnership=place, name="viewer")
        for plan in PlanFactory.create_batch(2, partnership=place):
            ActionLeadFactory(action=ActionFactory(plan=plan), agency=AgencyFactory())
    return viewer


# session, user; count and page of actions, their leads and priorities; one query for
# each chooser's offer, one checking each choice made, and the chosen plan's priorities.
LIST_QUERIES = 10
CHOSEN_LIST_QUERIES = 14


@pytest.mark.parametrize("partnerships", [3, LIMIT + 10])
def test_the_page_makes_the_same_queries_at_any_size(
    client, partnerships, django_assert_num_queries
):
    client.force_login(county_wide_viewer(partnerships))
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(URL, {"period": "all", "o": "-updated"})
    assert response.context["page_obj"].paginator.count == 2 * partnerships
    assert len(labels(response, "plan")) == min(2 * partnerships, LIMIT)
    assert len(labels(response, "lead_agency")) == min(2 * partnerships, LIMIT)


@pytest.mark.parametrize("partnerships", [3, LIMIT + 10])
def test_the_page_with_choices_made_makes_the_same_queries_at_any_size(
    client, partnerships, django_assert_num_queries
):
    client.force_login(county_wide_viewer(partnerships))
    action = ActionFactory._meta.model.objects.order_by("pk").last()
    agency = action.leads.get().agency
    chosen = {
        "period": "all",
        "partnership": action.plan.partnership_id,
        "plan": action.plan_id,
        "lead_agency": agency.pk,
        "plan_search": "plan",
    }
    with django_assert_num_queries(CHOSEN_LIST_QUERIES):
        response = client.get(URL, chosen)
    assert [shown.pk for shown in response.context["actions"]] == [action.pk]
    assert selected(response, "lead_agency") == [(str(agency.pk), agency.name)]
