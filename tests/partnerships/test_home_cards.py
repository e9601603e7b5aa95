"""Each home-page card lists a partnership's newest plans, a bounded number, and links to
the partnership's page for the rest; the page's queries do not grow with the years."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import HOME_CARD_PLANS
from tests.factories import PartnershipFactory, PlanFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _years_of_plans(partnership, years):
    return [
        PlanFactory(
            partnership=partnership,
            title=f"Action plan {2010 + n}",
            period_start=datetime.date(2010 + n, 4, 1),
            period_end=datetime.date(2011 + n, 3, 31),
        )
        for n in range(years)
    ]


def test_a_card_lists_the_newest_plans_and_links_to_all_of_them(client, alice, partnership):
    _years_of_plans(partnership, 15)
    client.force_login(alice)
    response = client.get(reverse("home"))
    text = response.text
    assert HOME_CARD_PLANS == 3
    assert [p.title for p in response.context["partnerships"][0].newest_plans] == [
        "Action plan 2024",
        "Action plan 2023",
        "Action plan 2022",
    ]
    assert "Action plan 2021" not in text
    link = f'href="{partnership.get_absolute_url()}">All 15 plans'
    assert link in text
    assert f'<span class="govuk-visually-hidden"> of {partnership.name}</span>' in text


def test_a_card_with_few_plans_lists_them_all_without_the_link(client, alice, partnership):
    _years_of_plans(partnership, HOME_CARD_PLANS)
    client.force_login(alice)
    text = client.get(reverse("home")).text
    for year in range(2010, 2010 + HOME_CARD_PLANS):
        assert f"Action plan {year}" in text
    assert "All 3 plans" not in text


def test_a_card_without_plans_says_so(client, alice, partnership):
    client.force_login(alice)
    assert "No plans yet." in client.get(reverse("home")).text


def test_a_card_never_counts_or_lists_another_partnerships_plans(client, alice, partnership):
    _years_of_plans(partnership, 2)
    other = PartnershipFactory(name="Elsewhere")
    _years_of_plans(other, 5)
    client.force_login(alice)
    response = client.get(reverse("home"))
    (card,) = response.context["partnerships"]
    assert (card.name, card.plan_count, len(card.newest_plans)) == (partnership.name, 2, 2)
    assert "Elsewhere" not in response.text
    assert "All 5 plans" not in response.text


@pytest.mark.parametrize("years", [2, 15])
def test_its_queries_and_listed_plans_do_not_grow_with_the_years(
    client, years, django_assert_num_queries
):
    viewer = UserFactory()
    for partnership in PartnershipFactory.create_batch(4, county="Essex"):
        RoleFactory(user=viewer, partnership=partnership, name="viewer")
        _years_of_plans(partnership, years)
    client.force_login(viewer)
    # Session and user, the count of partnerships, the page's partnerships and their newest
    # plans; what needs attention: the user's roles, requests to publish.
    with django_assert_num_queries(7):
        response = client.get(reverse("home"))
    assert response.text.count("Action plan 20") == 4 * min(years, HOME_CARD_PLANS)
