"""Home for someone who sees hundreds of partnerships: by county, searchable, a page at a time."""

import pytest
from django.urls import reverse

from tests.factories import PartnershipFactory, PlanFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def names_on(response):
    return [partnership.name for partnership in response.context["partnerships"]]


def test_it_groups_the_partnerships_by_county(client, superuser):
    PartnershipFactory(name="Dacorum", county="Hertfordshire")
    PartnershipFactory(name="Camden", county="London")
    PartnershipFactory(name="St Albans", county="Hertfordshire")
    client.force_login(superuser)
    response = client.get(reverse("home"))
    assert names_on(response) == ["Dacorum", "St Albans", "Camden"]
    text = response.text
    assert text.index(">Hertfordshire</h3>") < text.index("St Albans") < text.index(">London</h3>")


def test_it_finds_partnerships_by_name_county_or_district(client, superuser):
    PartnershipFactory(name="Dacorum", county="Hertfordshire", area="Dacorum")
    PartnershipFactory(name="Camden", county="London", area="Camden")
    PartnershipFactory(name="South Nottinghamshire", county="Nottinghamshire", area="Gedling")
    client.force_login(superuser)
    assert names_on(client.get(reverse("home"), {"q": "herts"})) == []
    assert names_on(client.get(reverse("home"), {"q": "hertford"})) == ["Dacorum"]
    assert names_on(client.get(reverse("home"), {"q": "gedling"})) == ["South Nottinghamshire"]
    response = client.get(reverse("home"), {"q": "nowhere"})
    assert "0 partnerships found for “nowhere”" in response.text
    assert "You do not hold a role" not in response.text


def test_its_search_never_finds_a_partnership_where_the_user_has_no_role(
    client, charlie, partnership
):
    client.force_login(charlie)
    response = client.get(reverse("home"), {"q": "Northfield"})
    assert names_on(response) == []
    assert "Northfield Community Safety Partnership" not in response.text


def test_it_shows_25_partnerships_a_page(client, superuser):
    PartnershipFactory.create_batch(30, county="Kent")
    client.force_login(superuser)
    first = client.get(reverse("home"))
    second = client.get(reverse("home"), {"page": 2})
    assert len(names_on(first)) == 25
    assert len(names_on(second)) == 5
    assert set(names_on(first)).isdisjoint(names_on(second))
    assert "page 1 of 2" in first.text


@pytest.mark.parametrize("count", [55, 90])
def test_its_query_count_is_the_same_for_a_county_wide_viewer_at_any_size(
    client, count, django_assert_num_queries
):
    viewer = UserFactory()
    for partnership in PartnershipFactory.create_batch(count, county="Essex"):
        RoleFactory(user=viewer, partnership=partnership, name="viewer")
        PlanFactory(partnership=partnership)
    client.force_login(viewer)
    # Session and user, the count of partnerships, the page's and their plans; what needs
    # attention (a viewer can update nothing): the user's roles, requests to publish.
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("home"), {"page": 2})
    assert len(names_on(response)) == 25


QUERIES = 7
