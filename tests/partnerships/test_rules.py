"""Who may do what, asked of `user.has_perm` the way the pages ask it: each permission, for
each persona, on objects of the persona's own partnership and of another.

The expectations are the service's promises stated here (README, "What is in it"), not read
from partnerships/rules.py: every role reads its partnership; an agency officer adds
progress to the actions its agency leads; coordinators and partnership admins edit plans
and actions, issue meeting packs and publish updates; partnership admins manage people and
settings; superusers may do everything; a role counts only in its own partnership.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)

VIEW = "partnerships.view_partnership"
MANAGE = "partnerships.manage_partnership"
EDIT_PLAN = "plans.edit_plan"
ADD_ACTION = "actions.add_action"
EDIT_ACTION = "actions.edit_action"
ADD_PROGRESS = "actions.add_progress"
ISSUE_PACK = "performance.issue_meeting_pack"
PUBLISH = "actions.publish_update"

# The object each permission is asked about on the site's pages.
ASKED_ON = {
    VIEW: ["partnership", "plan", "priority", "police_action", "update", "observation"],
    MANAGE: ["partnership"],
    EDIT_PLAN: ["plan"],
    ADD_ACTION: ["plan"],
    EDIT_ACTION: ["police_action", "fire_action"],
    ADD_PROGRESS: ["police_action", "fire_action"],
    ISSUE_PACK: ["plan"],
    PUBLISH: ["update"],
}
EDITOR = {EDIT_PLAN, ADD_ACTION, EDIT_ACTION, ADD_PROGRESS, ISSUE_PACK, PUBLISH}
EVERYTHING = set(ASKED_ON)

# persona -> {(permission, object)} it holds in Northfield; everything else is refused.
ALL_OBJECTS = {(perm, obj) for perm, objects in ASKED_ON.items() for obj in objects}


def pairs(permissions):
    return {(perm, obj) for perm, obj in ALL_OBJECTS if perm in permissions}


HOLDS_IN_NORTHFIELD = {
    "bob": pairs({VIEW}),  # viewer
    "dora": pairs({VIEW}) | {(ADD_PROGRESS, "police_action")},  # police officer
    "eve": pairs({VIEW}) | {(ADD_PROGRESS, "fire_action")},  # fire officer
    "alice": pairs({VIEW} | EDITOR),  # coordinator
    "frank": pairs(EVERYTHING),  # partnership admin
    "charlie": set(),  # coordinator of Southgate only
    "superuser": pairs(EVERYTHING),
}


def objects_of(partnership, police, fire):
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan)
    police_action = ActionFactory(plan=plan)
    police_action.priorities.add(priority)
    ActionLeadFactory(action=police_action, agency=police)
    fire_action = ActionFactory(plan=plan)
    ActionLeadFactory(action=fire_action, agency=fire)
    return {
        "partnership": partnership,
        "plan": plan,
        "priority": priority,
        "police_action": police_action,
        "fire_action": fire_action,
        "update": ProgressUpdateFactory(action=police_action),
        "observation": ObservationFactory(partnership=partnership),
    }


def held(user, objects):
    user = get_user_model().objects.get(pk=user.pk)  # no roles cached from set-up
    return {(perm, name) for perm, name in ALL_OBJECTS if user.has_perm(perm, objects[name])}


@pytest.fixture
def northfield_objects(partnership, police, fire):
    return objects_of(partnership, police, fire)


@pytest.fixture
def southgate_objects(other_partnership, police, fire):
    # The same agencies serve Southgate too: an officer's agency counts only where the
    # officer holds the role.
    return objects_of(other_partnership, police, fire)


@pytest.mark.parametrize("persona", sorted(HOLDS_IN_NORTHFIELD))
def test_each_persona_holds_what_its_role_promises_in_northfield(
    persona, request, northfield_objects
):
    user = request.getfixturevalue(persona)
    assert held(user, northfield_objects) == HOLDS_IN_NORTHFIELD[persona]


@pytest.mark.parametrize("persona", sorted(set(HOLDS_IN_NORTHFIELD) - {"charlie", "superuser"}))
def test_a_northfield_role_gives_nothing_in_southgate(persona, request, southgate_objects):
    user = request.getfixturevalue(persona)
    assert held(user, southgate_objects) == set()


def test_charlie_coordinates_southgate_only(charlie, northfield_objects, southgate_objects):
    assert held(charlie, southgate_objects) == pairs({VIEW} | EDITOR)
    assert held(charlie, northfield_objects) == set()


def test_a_superuser_holds_everything_everywhere(superuser, southgate_objects):
    assert held(superuser, southgate_objects) == ALL_OBJECTS


def test_anonymous_visitors_hold_nothing(northfield_objects):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not any(anonymous.has_perm(p, northfield_objects[o]) for p, o in ALL_OBJECTS)


def test_roles_in_two_partnerships_each_count_only_in_their_own(
    partnership, other_partnership, police, northfield_objects, southgate_objects
):
    # Viewer in Northfield, police officer in Southgate: no progress on Northfield's
    # police action, though the agency matches.
    user = UserFactory()
    RoleFactory(user=user, partnership=partnership, name="viewer")
    RoleFactory(user=user, partnership=other_partnership, name="agency_officer", agency=police)
    assert held(user, northfield_objects) == pairs({VIEW})
    assert held(user, southgate_objects) == pairs({VIEW}) | {(ADD_PROGRESS, "police_action")}


def test_an_officer_of_one_of_several_lead_agencies_adds_progress(
    partnership, police, fire, dora, northfield_objects
):
    shared = northfield_objects["fire_action"]
    ActionLeadFactory(action=shared, agency=police)
    assert held(dora, northfield_objects) >= {(ADD_PROGRESS, "fire_action")}


def test_an_officer_of_an_agency_leading_nothing_adds_no_progress(partnership, northfield_objects):
    user = UserFactory()
    RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=AgencyFactory())
    assert held(user, northfield_objects) == pairs({VIEW})


def test_a_coordinator_who_is_also_an_officer_keeps_the_coordinators_reach(
    partnership, police, northfield_objects
):
    user = UserFactory()
    RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=police)
    RoleFactory(user=user, partnership=partnership, name="coordinator")
    assert held(user, northfield_objects) == pairs({VIEW} | EDITOR)


def test_a_removed_role_gives_nothing(bob, northfield_objects):
    bob.partnership_roles.all().delete()
    assert held(bob, northfield_objects) == set()
