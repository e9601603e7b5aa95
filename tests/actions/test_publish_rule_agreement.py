"""Who may approve a request to publish: the rule on one update ("actions.publish_update")
and the SQL of Requests to publish (ProgressUpdate.objects.awaiting_approval_for) agree for
every persona and every update of two partnerships, and both give what the service
promises: coordinators and partnership admins of the update's partnership, and superusers
everywhere. Opening Requests to publish at all ("actions.review_publication_requests")
follows the same rule: allowed where the user may publish somewhere."""

import pytest

from actions.models import ProgressUpdate, Publication
from partnerships.rules import objects_permitted
from tests.factories import (
    ActionFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)

PUBLISH = "actions.publish_update"
REVIEW = "actions.review_publication_requests"

# bob: viewer, dora: agency officer, alice: coordinator, frank: partnership admin (all of
# Northfield); charlie: coordinator of Southgate.
PERSONAS = ["bob", "dora", "alice", "frank", "charlie", "superuser"]
EXTRA = ["two_partnerships", "officer_here_admin_there", "nobody"]

# Independently of the code: the partnerships where each persona may approve requests.
APPROVES_IN = {
    "bob": set(),
    "dora": set(),
    "alice": {"northfield"},
    "frank": {"northfield"},
    "charlie": {"southgate"},
    "superuser": {"northfield", "southgate"},
    "two_partnerships": {"northfield", "southgate"},
    "officer_here_admin_there": {"southgate"},
    "nobody": set(),
}


@pytest.fixture
def updates(partnership, other_partnership):
    """Two actions in each partnership, each with an update in every publication state."""
    made = []
    for place in (partnership, other_partnership):
        plan = PlanFactory(partnership=place)
        for _ in range(2):
            action = ActionFactory(plan=plan)
            for state in Publication.values:
                made.append(ProgressUpdateFactory(action=action, publication=state))
    return made


@pytest.fixture
def extra_personas(partnership, other_partnership, police):
    two = UserFactory(username="two_partnerships")
    RoleFactory(user=two, partnership=partnership, name="coordinator")
    RoleFactory(user=two, partnership=other_partnership, name="partnership_admin")
    mixed = UserFactory(username="officer_here_admin_there")
    RoleFactory(user=mixed, partnership=partnership, name="agency_officer", agency=police)
    RoleFactory(user=mixed, partnership=other_partnership, name="partnership_admin")
    return {
        "two_partnerships": two,
        "officer_here_admin_there": mixed,
        "nobody": UserFactory(username="nobody"),
    }


def _user(name, request, extra_personas):
    return extra_personas.get(name) or request.getfixturevalue(name)


def _slug(update):
    return update.action.plan.partnership.slug


@pytest.mark.parametrize("name", PERSONAS + EXTRA)
def test_the_rule_and_requests_to_publish_agree_on_every_update(
    name, request, extra_personas, updates
):
    user = _user(name, request, extra_personas)
    waiting = set(ProgressUpdate.objects.awaiting_approval_for(user).values_list("pk", flat=True))
    assert len(updates) == 2 * 2 * len(Publication.values)
    for update in updates:
        may_publish = user.has_perm(PUBLISH, update)
        assert may_publish == (_slug(update) in APPROVES_IN[name]), (name, update.pk)
        is_request = update.publication == Publication.REQUESTED
        assert (update.pk in waiting) == (may_publish and is_request), (name, update.pk)


@pytest.mark.parametrize("name", PERSONAS + EXTRA)
def test_requests_to_publish_opens_where_the_user_may_publish(
    name, request, extra_personas, updates
):
    user = _user(name, request, extra_personas)
    may_publish_somewhere = any(user.has_perm(PUBLISH, update) for update in updates)
    assert user.has_perm(REVIEW) == may_publish_somewhere == bool(APPROVES_IN[name])


def test_a_permission_that_rests_on_more_than_roles_has_no_list_form(alice):
    with pytest.raises(ValueError, match="actions.add_progress"):
        objects_permitted(ProgressUpdate.objects.all(), alice, "actions.add_progress")
