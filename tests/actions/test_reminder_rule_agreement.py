"""The reminder digest lists the late actions a reminded person may add progress to: for every
agency officer and coordinator, exactly the late actions of plans running now on which
`user.has_perm("actions.add_progress", action)` holds, in a scenario of two partnerships,
three agencies and people with several roles."""

import datetime

import pytest

from actions.models import Action
from actions.reminders import build_digests
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PlanFactory,
    RoleFactory,
    UserFactory,
)

# Each holds only the reminded roles (agency officer, coordinator): partnership admins and
# viewers get no digest, whatever they may update (tests/actions/test_send_reminders.py).
REMINDED = ["alice", "charlie", "dora", "eve", "two_agencies", "officer_and_coordinator"]


@pytest.fixture
def late_actions(plan, other_partnership, police, fire, today):
    """Overdue actions of plans running now, led by Police, Fire, both, Youth or no one."""
    youth = AgencyFactory(name="Southgate Youth Service")
    southgate_plan = PlanFactory(
        partnership=other_partnership,
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    for place in (plan, southgate_plan):
        for agencies in [[police], [fire], [fire, police], [youth], []]:
            action = ActionFactory(plan=place, due_date=today - datetime.timedelta(days=3))
            for order, agency in enumerate(agencies):
                ActionLeadFactory(action=action, agency=agency, order=order)
    return {"youth": youth}


@pytest.fixture
def extra_personas(partnership, other_partnership, police, fire, late_actions):
    two = UserFactory(username="two_agencies")
    RoleFactory(user=two, partnership=partnership, name="agency_officer", agency=fire)
    RoleFactory(
        user=two, partnership=other_partnership, name="agency_officer", agency=late_actions["youth"]
    )
    both = UserFactory(username="officer_and_coordinator")
    RoleFactory(user=both, partnership=partnership, name="agency_officer", agency=police)
    RoleFactory(user=both, partnership=other_partnership, name="coordinator")
    return {"two_agencies": two, "officer_and_coordinator": both}


def test_each_digest_lists_the_late_actions_its_person_may_update(request, extra_personas, today):
    users = [extra_personas.get(name) or request.getfixturevalue(name) for name in REMINDED]
    listed = {
        digest.user.username: {action.pk for action in digest.overdue + digest.stale}
        for digest in build_digests(today)
    }
    actions = list(Action.objects.all())
    assert len(actions) == 10
    for user in users:
        may_update = {a.pk for a in actions if user.has_perm("actions.add_progress", a)}
        assert may_update, user.username
        assert listed.get(user.username, set()) == may_update, user.username
