import datetime

import pytest
from django.urls import reverse

from tests.factories import AgencyFactory, MembershipFactory, PlanFactory

URL = reverse("partnerships:detail", args=["northfield"])


def test_it_shows_current_members_and_plans_apart_from_former_and_earlier_ones(
    client, bob, partnership, plan, police, today
):
    old = PlanFactory(
        partnership=partnership,
        title="Strategy 2011/12",
        period_start=datetime.date(2011, 4, 1),
        period_end=datetime.date(2012, 3, 31),
    )
    trust = AgencyFactory(name="Northfield Health Trust")
    MembershipFactory(partnership=partnership, agency=trust, from_year=2008, to_year=2013)
    client.force_login(bob)
    response = client.get(URL)
    assert response.context["current_plans"] == [plan]
    assert response.context["past_plans"] == [old]
    assert [m.agency for m in response.context["current_members"]] == [police]
    assert [m.agency for m in response.context["former_members"]] == [trust]
    assert "Former members" in response.text
    assert "You are viewer here." in response.text


def test_it_offers_management_to_a_partnership_admin_only(client, bob, frank):
    client.force_login(bob)
    assert reverse("partnerships:people", args=["northfield"]) not in client.get(URL).text
    client.force_login(frank)
    text = client.get(URL).text
    assert reverse("partnerships:people", args=["northfield"]) in text
    assert reverse("partnerships:settings", args=["northfield"]) in text


def test_it_refuses_an_outsider_without_showing_the_partnership(client, charlie, plan):
    client.force_login(charlie)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Northfield action plan" not in response.text


def test_it_is_404_for_a_partnership_that_does_not_exist(client, alice):
    client.force_login(alice)
    assert client.get(reverse("partnerships:detail", args=["nowhere"])).status_code == 404


# Session, user, the partnership, the user's roles (asked for the page's "your roles" line
# when the access check did not need them), memberships with their agencies, plans: six for
# every kind of user, with 10 plans and members or 200.
QUERIES = {"superuser": 6, "county_viewer": 6, "alice": 6}


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("persona", QUERIES)
def test_its_query_count_is_fixed_for_each_kind_of_user(
    client, request, partnership, persona, count, django_assert_num_queries
):
    for number in range(count):
        PlanFactory(partnership=partnership)
        MembershipFactory(
            partnership=partnership, agency=AgencyFactory(name=f"Member agency {number}")
        )
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(QUERIES[persona]):
        response = client.get(URL)
    assert len(response.context["current_members"]) == count
    assert len(response.context["current_plans"] + response.context["past_plans"]) == count
