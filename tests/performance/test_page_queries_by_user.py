"""The dashboard, the county comparison and the meeting pack make an exact number of queries
for each kind of user, the same with 10 actions a plan as with 80 (issue 11: at most 15).

A superuser makes one query fewer than anyone else: the access rules never read a
superuser's roles."""

import pytest
from django.urls import reverse

from tests.factories import RoleFactory, UserFactory
from tests.performance.test_dashboard_view import build

# page: (superuser, county-wide viewer, coordinator). Each page: the session and the user;
# the user's roles (not for a superuser); then
# dashboard: the partnership, its plans, the plan's priorities, its actions by priority,
#   the overdue, stale and red or amber actions and their leads, the ratings at the start of
#   the quarter, the latest updates, the figures and the targets;
# county: the county's names and its partnerships, the periods with figures, the figures,
#   populations, plans, RAG counts and overdue counts;
# pack: the plan, the issued packs, the ratings at the baseline, the actions with their
#   leads and priorities, their latest updates, the figures, the targets, the priorities.
QUERIES = {
    "dashboard": (12, 13, 13),
    "county": (10, 11, 11),
    "pack": (12, 13, 13),
}
USERS = ("superuser", "county viewer", "coordinator")


@pytest.fixture
def county_viewer(partnership, other_partnership):
    user = UserFactory(username="vera")
    for place in (partnership, other_partnership):
        RoleFactory(user=user, partnership=place, name="viewer")
    return user


def page_url(page, partnership, plan):
    if page == "dashboard":
        return reverse("performance:dashboard", args=[partnership.slug])
    if page == "county":
        return reverse("performance:county", args=["hertfordshire"])
    return reverse("performance:meeting_pack", args=[plan.pk])


@pytest.mark.parametrize("size", [10, 80])
@pytest.mark.parametrize("page", list(QUERIES))
def test_each_user_makes_the_same_queries_at_either_size(
    client,
    django_assert_num_queries,
    superuser,
    county_viewer,
    alice,
    partnership,
    other_partnership,
    page,
    size,
):
    plan = build(partnership, size)
    build(other_partnership, size)
    users = dict(zip(USERS, (superuser, county_viewer, alice), strict=True))
    for name, expected in zip(USERS, QUERIES[page], strict=True):
        client.force_login(users[name])
        with django_assert_num_queries(expected):
            response = client.get(page_url(page, partnership, plan))
        assert response.status_code == 200, name
