"""The access helpers: each returns the object and what the user may do with it, 404 for
no such object, 403 without a role (or without the flag the page needs)."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from actions.access import action_for_user, require_publication_reviewer, update_for_user
from partnerships.access import partnership_for_user
from performance.county import county_comparison, county_for_user
from plans.access import plan_for_user, priority_for_user
from tests.factories import PartnershipFactory, ProgressUpdateFactory, RoleFactory
from tests.personas import *  # noqa: F403

ROOT = Path(__file__).resolve().parents[2]

# persona -> (can_edit, can_add_progress, can_publish) on `action`, led by Northfield Police
ACTION_FLAGS = {
    "alice": (True, True, True),
    "frank": (True, True, True),
    "dora": (False, True, False),
    "eve": (False, False, False),
    "bob": (False, False, False),
    "superuser": (True, True, True),
}


@pytest.fixture
def ask(rf):
    def ask(user):
        request = rf.get("/")
        request.user = user
        return request

    return ask


@pytest.mark.parametrize("persona", ACTION_FLAGS)
def test_the_action_helper_returns_the_action_and_its_flags(persona, request, ask, action):
    access = action_for_user(ask(request.getfixturevalue(persona)), action.pk)
    assert access.action == action
    assert (access.can_edit, access.can_add_progress, access.can_publish) == ACTION_FLAGS[persona]


@pytest.mark.parametrize("persona", ACTION_FLAGS)
def test_a_page_that_needs_a_flag_refuses_those_without_it(persona, request, ask, action):
    can_edit = ACTION_FLAGS[persona][0]
    user_request = ask(request.getfixturevalue(persona))
    if can_edit:
        assert action_for_user(user_request, action.pk, need="can_edit").can_edit
    else:
        with pytest.raises(PermissionDenied):
            action_for_user(user_request, action.pk, need="can_edit")


def test_no_such_object_is_404_and_no_role_is_403(ask, alice, charlie, action):
    with pytest.raises(Http404):
        action_for_user(ask(alice), action.pk + 1000)
    with pytest.raises(PermissionDenied):
        action_for_user(ask(charlie), action.pk)


def test_each_helper_answers_for_its_own_object(ask, alice, bob, charlie, action, priority):
    update = ProgressUpdateFactory(action=action)
    plan = action.plan
    assert plan_for_user(ask(alice), plan.pk).can_edit
    bob_on_plan = plan_for_user(ask(bob), plan.pk)
    assert (bob_on_plan.plan, bob_on_plan.can_edit, bob_on_plan.can_add_action) == (
        plan,
        False,
        False,
    )
    assert priority_for_user(ask(bob), priority.pk).priority == priority
    assert update_for_user(ask(alice), update.pk).can_publish
    assert not update_for_user(ask(bob), update.pk).can_publish
    assert partnership_for_user(ask(alice), plan.partnership.slug).can_manage is False
    for helper, key in [
        (plan_for_user, plan.pk),
        (priority_for_user, priority.pk),
        (update_for_user, update.pk),
        (partnership_for_user, plan.partnership.slug),
    ]:
        with pytest.raises(PermissionDenied):
            helper(ask(charlie), key)


class TestCounty:
    @pytest.fixture
    def kent(self, db):
        return PartnershipFactory(name="Dover CSP", slug="dover", county="Kent")

    def test_an_unknown_county_is_404(self, ask, alice):
        with pytest.raises(Http404):
            county_for_user(ask(alice), "atlantis")

    def test_a_role_in_one_partnership_of_the_county_opens_it(self, ask, alice, kent):
        county = county_for_user(ask(alice), "hertfordshire")
        assert county.name == "Hertfordshire"
        assert kent.pk not in county.partnership_ids
        with pytest.raises(PermissionDenied):
            county_for_user(ask(alice), "kent")

    def test_a_role_in_the_county_counts_and_a_superuser_sees_every_county(
        self, ask, superuser, kent
    ):
        officer = RoleFactory(partnership=kent, name="viewer").user
        assert county_for_user(ask(officer), "kent").partnership_ids == {kent.pk}
        assert county_for_user(ask(superuser), "kent").name == "Kent"

    def test_the_comparison_links_only_the_partnerships_the_user_may_open(
        self, alice, partnership, other_partnership, superuser
    ):
        rows = {s.partnership: s.viewable for s in county_comparison("Hertfordshire", alice).rag}
        assert rows == {partnership: True, other_partnership: False}
        every = county_comparison("Hertfordshire", superuser).rag
        assert all(summary.viewable for summary in every)


# Lookups that need no helper: the public summary and the invitation (anyone holding its
# link) need no role; a role to remove is looked up inside a partnership already checked.
PUBLIC_LOOKUPS = {"performance/views.py": 1, "partnerships/views.py": 2}


@pytest.mark.parametrize(
    "path", ["partnerships/views.py", "plans/views.py", "actions/views.py", "performance/views.py"]
)
def test_views_neither_ask_for_permissions_nor_fetch_around_the_helpers(path):
    text = (ROOT / path).read_text()
    assert "has_perm(" not in text
    assert len(re.findall(r"get_object_or_404\(", text)) == PUBLIC_LOOKUPS.get(path, 0)


@pytest.mark.parametrize(
    "persona, allowed",
    [("alice", True), ("frank", True), ("charlie", True), ("superuser", True), ("dora", False)]
    + [("bob", False)],
)
def test_requests_to_publish_open_to_coordinators_and_admins_anywhere(
    persona, allowed, request, ask, partnership, other_partnership
):
    user_request = ask(request.getfixturevalue(persona))
    if allowed:
        require_publication_reviewer(user_request)
    else:
        with pytest.raises(PermissionDenied):
            require_publication_reviewer(user_request)
