"""The permission table of partnerships/rules.py, role by role, on an action led by the
police in Northfield."""

import pytest

from partnerships.rules import PERMISSIONS

# persona -> the permissions it holds on `action` (and its plan and partnership)
EXPECTED = {
    "bob": {"partnerships.view_partnership"},
    "dora": {"partnerships.view_partnership", "actions.add_progress"},
    "eve": {"partnerships.view_partnership"},
    "charlie": set(),
    "alice": {
        "partnerships.view_partnership",
        "plans.edit_plan",
        "actions.add_action",
        "actions.edit_action",
        "actions.add_progress",
        "actions.publish_update",
        "performance.issue_meeting_pack",
    },
    "frank": set(PERMISSIONS),
    "superuser": set(PERMISSIONS),
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_each_role_holds_the_permissions_of_the_table(persona, action, request):
    user = request.getfixturevalue(persona)
    held = {permission for permission in PERMISSIONS if user.has_perm(permission, action)}
    assert held == EXPECTED[persona]


def test_a_role_counts_only_in_its_own_partnership(alice, other_partnership):
    assert not alice.has_perm("partnerships.view_partnership", other_partnership)


def test_the_docstring_table_lists_every_permission():
    import partnerships.rules

    for permission in PERMISSIONS:
        assert f"| {permission} " in partnerships.rules.__doc__
