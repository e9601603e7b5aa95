"""Rules of partnerships/access.py that mutation testing found untested: the partnership
helper's `need`, and forgetting cached roles after a role changes."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.access import forget_roles, partnership_for_user, roles_by_partnership
from tests.factories import RoleFactory
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
