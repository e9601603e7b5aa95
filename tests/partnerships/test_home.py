import pytest
from django.urls import reverse

from tests.factories import PlanFactory, UserFactory


def test_it_invites_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_it_lists_the_partnerships_and_plans_of_the_user(client, alice, partnership):
    PlanFactory(partnership=partnership, title="Action plan 2025/26")
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert "Northfield Community Safety Partnership" in response.text
    assert "Action plan 2025/26" in response.text


def test_it_hides_partnerships_where_the_user_has_no_role(
    client, charlie, partnership, other_partnership
):
    PlanFactory(partnership=partnership, title="Northfield secret plan")
    client.force_login(charlie)
    response = client.get(reverse("home"))
    assert "Southgate" in response.text
    assert "Northfield" not in response.text


def test_it_tells_a_user_without_roles_how_to_get_one(client, db, partnership):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert "You do not hold a role in any partnership yet" in response.text
    assert partnership.name not in response.text


@pytest.mark.parametrize("count", [1, 10])
def test_its_query_count_does_not_grow_with_partnerships(
    client, superuser, django_assert_num_queries, count
):
    for _ in range(count):
        PlanFactory()
    client.force_login(superuser)
    # 6 for the partnerships and plans, and what needs attention: the intervals of the
    # stale rule, the count of requests to publish (the counts of My actions need a role).
    with django_assert_num_queries(8):
        client.get(reverse("home"))
