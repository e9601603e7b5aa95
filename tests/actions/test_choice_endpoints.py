"""The JSON the action list's autocomplete asks for: a bounded number of matches, among
what the user may see only, and a bad question answered with no matches and what was wrong,
never a server error."""

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


def url(kind):
    return reverse("actions:choices", args=[kind])


def found(client, kind, **params):
    response = client.get(url(kind), params)
    assert response.status_code == 200, response.content
    return [match["label"] for match in response.json()["results"]]


@pytest.fixture
def southgate(other_partnership):
    plan = PlanFactory(partnership=other_partnership, title="Southgate plan")
    agency = AgencyFactory(name="Southgate Borough Council")
    ActionLeadFactory(action=ActionFactory(plan=plan), agency=agency)
    return plan


@pytest.fixture
def northfield(plan, police):
    ActionLeadFactory(action=ActionFactory(plan=plan), agency=police)
    return plan


@pytest.mark.parametrize("kind", ["partnerships", "plans", "agencies"])
def test_it_requires_login(client, kind):
    response = client.get(url(kind), {"q": "north"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_only_get(client, alice):
    client.force_login(alice)
    assert client.post(url("plans"), {"q": "north"}).status_code == 405


def test_an_unknown_chooser_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(url("users"), {"q": "a"}).status_code == 404


def test_it_finds_what_the_user_sees_by_every_word_in_any_case(
    client, alice, northfield, southgate, police
):
    client.force_login(alice)
    partnership = "Northfield Community Safety Partnership"
    assert found(client, "partnerships", q="NORTH safety") == [partnership]
    assert found(client, "plans", q="northfield plan") == [
        f"{partnership}: Northfield action plan ({northfield.period_label})"
    ]
    assert found(client, "agencies", q="police") == [police.name]
    assert found(client, "partnerships", q="north nowhere") == []


def test_it_never_names_another_partnerships_plan_or_agency(client, charlie, northfield, southgate):
    client.force_login(charlie)
    assert found(client, "partnerships", q="northfield") == []
    assert found(client, "plans", q="northfield", period="all") == []
    assert found(client, "agencies", q="northfield", period="all") == []
    assert (
        found(client, "plans", q="plan", period="all", partnership=northfield.partnership_id) == []
    )
    assert found(client, "agencies", q="southgate", period="all") == ["Southgate Borough Council"]


def test_plans_are_narrowed_by_partnership_and_period(client, superuser, northfield, southgate):
    client.force_login(superuser)
    everywhere = found(client, "plans", q="plan", period="all")
    assert len(everywhere) == 2
    in_southgate = found(
        client, "plans", q="plan", period="all", partnership=southgate.partnership_id
    )
    assert in_southgate == ["Southgate Community Safety Partnership: Southgate plan (2025/26)"]
    # The Southgate plan ended in March 2026; the list's default is the plans running now.
    assert found(client, "plans", q="plan") == [everywhere[0]]
    assert found(client, "plans", q="southgate", period="ended") == in_southgate


def test_lead_agencies_are_those_leading_an_action_in_the_period(
    client, superuser, northfield, southgate, police
):
    AgencyFactory(name="Leads nothing at all")
    client.force_login(superuser)
    assert found(client, "agencies", q="o", period="all") == [
        police.name,
        "Southgate Borough Council",
    ]
    assert found(client, "agencies", q="o") == [police.name]


def test_it_answers_at_most_the_limit(client, superuser):
    for place in PartnershipFactory.create_batch(LIMIT + 3):
        PlanFactory(partnership=place)
    client.force_login(superuser)
    assert len(found(client, "partnerships", q="district")) == LIMIT
    assert len(found(client, "plans", q="action plan", period="all")) == LIMIT


@pytest.mark.parametrize(
    "params",
    [
        {"q": "north\x00field"},
        {"q": "x" * 101},
        {"q": "plan", "partnership": "one"},
        {"q": "plan", "partnership": "1.5"},
        {"q": "plan", "partnership": "99999999999999999999999"},
        {"q": "plan", "partnership": "-3"},
        {"q": "plan", "period": "forever"},
    ],
)
@pytest.mark.parametrize("kind", ["partnerships", "plans", "agencies"])
def test_a_bad_question_is_answered_with_nothing_and_the_field_named(
    client, alice, northfield, kind, params
):
    client.force_login(alice)
    response = client.get(url(kind), params)
    assert response.status_code == 200
    answer = response.json()
    assert answer["results"] == []
    assert answer["errors"]
    assert set(answer["errors"]) <= {"q", "partnership", "period"}


def test_an_empty_question_finds_the_first_matches(client, alice, northfield):
    client.force_login(alice)
    assert found(client, "partnerships") == ["Northfield Community Safety Partnership"]


def county_wide_viewer(partnerships):
    viewer = UserFactory()
    for place in PartnershipFactory.create_batch(partnerships):
        RoleFactory(user=viewer, partnership=place, name="viewer")
        plan = PlanFactory(partnership=place)
        ActionLeadFactory(action=ActionFactory(plan=plan), agency=AgencyFactory())
    return viewer


# The session, the user, and the matches.
CHOICE_QUERIES = 3


@pytest.mark.parametrize("partnerships", [3, LIMIT + 10])
@pytest.mark.parametrize("kind", ["partnerships", "plans", "agencies"])
def test_it_makes_the_same_queries_at_any_size(
    client, kind, partnerships, django_assert_num_queries
):
    client.force_login(county_wide_viewer(partnerships))
    with django_assert_num_queries(CHOICE_QUERIES):
        response = client.get(url(kind), {"q": "", "period": "all"})
    assert len(response.json()["results"]) == min(partnerships, LIMIT)
