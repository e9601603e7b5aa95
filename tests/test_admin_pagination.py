"""The admin action and update lists count their rows only a few pages past the page asked
for (csp.admin_pagination): a longer list says "more than" and offers no "show all"; a
shorter one is counted exactly, as Django counts it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from actions.models import Action
from csp.admin_pagination import CountUpToPaginator
from partnerships.models import Partnership
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:actions_action_changelist")


@pytest.fixture
def plan(partnership):
    return PlanFactory(partnership=partnership)


@pytest.fixture
def two_per_page(monkeypatch):
    """Two rows a page and "show all" up to four: the first page counts up to 8 rows."""
    action_admin = admin.site._registry[Action]
    monkeypatch.setattr(action_admin, "list_per_page", 2)
    monkeypatch.setattr(action_admin, "list_max_show_all", 4)


def _actions(plan, count):
    return [ActionFactory(plan=plan, title=f"Action {n:02}", order=n) for n in range(count)]


def test_a_list_longer_than_counted_says_more_than_and_links_no_last_page(
    client, superuser, plan, two_per_page
):
    _actions(plan, 11)
    client.force_login(superuser)
    response = client.get(URL)
    cl = response.context["cl"]
    assert not cl.paginator.counted_all
    assert "More than 8 actions" in response.text
    assert "Select all actions (more than 8)" in response.text
    assert list(cl.paginator.get_elided_page_range(1)) == [1, 2, 3, 4, "…"]
    assert not cl.can_show_all


def test_a_later_page_counts_further_and_the_last_page_exactly(
    client, superuser, plan, two_per_page
):
    _actions(plan, 11)
    client.force_login(superuser)
    response = client.get(URL, {"p": 3})
    cl = response.context["cl"]
    # Page 3 counts up to (3 + 3) x 2 = 12 rows: all 11, so the count is exact.
    assert cl.paginator.counted_all
    assert cl.result_count == 11
    assert "11 actions" in response.text
    assert [action.title for action in cl.result_list] == ["Action 04", "Action 05"]


def test_a_short_list_is_counted_exactly_and_can_be_shown_whole(
    client, superuser, plan, two_per_page
):
    _actions(plan, 4)
    client.force_login(superuser)
    response = client.get(URL)
    cl = response.context["cl"]
    assert cl.paginator.counted_all
    assert cl.result_count == 4
    assert cl.can_show_all
    assert "4 actions" in response.text
    assert "More than" not in response.text


def test_a_search_says_more_than_when_it_finds_more_than_counted(
    client, superuser, plan, two_per_page
):
    _actions(plan, 11)
    client.force_login(superuser)
    response = client.get(URL, {"q": "action"})
    assert "More than 8 results" in response.text


@pytest.mark.parametrize("page", ["abc", ""])
def test_a_page_that_is_no_number_is_the_first(client, superuser, plan, two_per_page, page):
    _actions(plan, 3)
    client.force_login(superuser)
    response = client.get(URL, {"p": page})
    assert response.status_code == 200
    assert response.context["cl"].page_num == 1


@pytest.mark.parametrize("page", ["-3", "0", "9" * 30])
def test_a_page_that_does_not_exist_is_refused_without_an_error(
    client, superuser, plan, two_per_page, page
):
    _actions(plan, 3)
    client.force_login(superuser)
    # The admin's own answer for a page it cannot show; no LIMIT too big for the database.
    response = client.get(URL, {"p": page})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_the_paginator_counts_up_to_one_past_its_limit():
    for _ in range(7):
        PartnershipFactory()
    everyone = Partnership.objects.order_by("pk")
    capped = CountUpToPaginator(everyone, 2, up_to=4)
    assert (capped.count, capped.counted_all, capped.num_pages) == (5, False, 3)
    exact = CountUpToPaginator(everyone, 2, up_to=7)
    assert (exact.count, exact.counted_all) == (7, True)
    assert list(exact.get_elided_page_range(1)) == list(exact.page_range)
