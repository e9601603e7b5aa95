import pytest
from django.urls import reverse

from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_it_lists_the_users_dashboards_and_county(client, bob, partnership, other_partnership):
    client.force_login(bob)
    page = client.get(reverse("performance:index")).text
    assert reverse("performance:dashboard", args=[partnership.slug]) in page
    assert reverse("performance:dashboard", args=[other_partnership.slug]) not in page
    assert reverse("performance:county", args=["hertfordshire"]) in page


def test_a_county_without_any_role_is_not_listed(client, bob):
    PartnershipFactory(county="Bedfordshire")
    client.force_login(bob)
    assert "bedfordshire" not in client.get(reverse("performance:index")).text


def test_it_asks_anonymous_visitors_to_sign_in(client, db):
    assert client.get(reverse("performance:index")).status_code == 302
