"""Rules of partnerships/access.py and partnerships/rules.py that mutation testing found
untested: the partnership helper's `need`, reading a user's roles once, forgetting them after
a role changes, the message for a model without a partnership path, and which roles give
progress scopes."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.access import (
    NoPartnership,
    forget_roles,
    partnership_for_user,
    partnership_path,
    roles_by_partnership,
)
from partnerships.models import Agency
from tests.factories import AgencyFactory, PartnershipFactory, RoleFactory, UserFactory
from tests.personas import *  # noqa: F403


@pytest.fixture
def ask(rf):
    def ask(user):
        request = rf.get("/")
        request.user = user
        return request

    return ask


def test_the_partnership_helper_refuses_a_coordinator_a_page_that_needs_can_manage(
    ask, alice, frank, partnership
):
    with pytest.raises(PermissionDenied):
        partnership_for_user(ask(alice), partnership.slug, need="can_manage")
    managed = partnership_for_user(ask(frank), partnership.slug, need="can_manage")
    assert (managed.partnership, managed.can_manage) == (partnership, True)


def test_a_role_granted_counts_once_the_cached_roles_are_forgotten(bob, other_partnership):
    assert other_partnership.pk not in roles_by_partnership(bob)
    RoleFactory(user=bob, partnership=other_partnership, name="coordinator")
    forget_roles(bob)
    assert roles_by_partnership(bob)[other_partnership.pk].names == {"coordinator"}


def test_forgetting_roles_never_read_is_harmless(bob, other_partnership):
    RoleFactory(user=bob, partnership=other_partnership, name="viewer")
    forget_roles(bob)
    assert roles_by_partnership(bob)[other_partnership.pk].names == {"viewer"}


@pytest.mark.parametrize("officer_roles", [1, 3])
def test_a_users_roles_are_read_in_one_query_however_often_asked(
    db, django_assert_num_queries, officer_roles
):
    user = UserFactory()
    for _ in range(officer_roles):
        RoleFactory(
            user=user,
            partnership=PartnershipFactory(),
            name="agency_officer",
            agency=AgencyFactory(),
        )
    with django_assert_num_queries(1):
        first = roles_by_partnership(user)
        again = roles_by_partnership(user)
        held = [(len(roles.names), len(roles.agency_ids)) for roles in first.values()]
    assert again is first
    assert held == [(1, 1)] * officer_roles


def test_a_model_without_a_partnership_path_is_named_in_the_error():
    with pytest.raises(NoPartnership, match="^Agency does not declare a partnership_path$"):
        partnership_path(Agency)


def test_a_viewer_recorded_with_an_agency_still_adds_no_progress(partnership, police, action):
    # clean() refuses an agency on a viewer's role, but a row written around it must not
    # turn the agency into a progress scope: only PROGRESS_SCOPE's roles give one.
    viewer = UserFactory()
    RoleFactory(user=viewer, partnership=partnership, name="viewer", agency=police)
    assert not viewer.has_perm("actions.add_progress", action)
