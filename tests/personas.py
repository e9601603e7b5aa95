"""More personas, beside those of tests/conftest.py, for the pages of roles and actions.

dora: agency officer of Northfield Police (the lead agency of `action`); eve: agency officer
of Northfield Fire (another agency, same partnership); frank: partnership admin of Northfield;
cora (`county_viewer`): viewer of every partnership in Northfield's county.
Import these fixtures in a test folder's conftest.py. The make_* functions build
tests/conftest.py's own (Northfield, Southgate, alice, bob, charlie, the superuser) for data
made outside a test's fixtures, once for a module.
"""

import pytest

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    MembershipFactory,
    PartnershipFactory,
    PlanFactory,
    PriorityFactory,
    RoleFactory,
    UserFactory,
)


def make_northfield():
    return PartnershipFactory(name="Northfield Community Safety Partnership", slug="northfield")


def make_southgate():
    return PartnershipFactory(name="Southgate Community Safety Partnership", slug="southgate")


def make_person(username, partnership=None, role=None, **fields):
    """A user, with a role in the partnership if one is named."""
    user = UserFactory(username=username, **fields)
    if role:
        RoleFactory(user=user, partnership=partnership, name=role)
    return user


def make_superuser():
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def police(partnership):
    agency = AgencyFactory(name="Northfield Police")
    MembershipFactory(partnership=partnership, agency=agency, role="responsible_authority")
    return agency


@pytest.fixture
def fire(partnership):
    agency = AgencyFactory(name="Northfield Fire and Rescue")
    MembershipFactory(partnership=partnership, agency=agency, role="responsible_authority")
    return agency


@pytest.fixture
def dora(partnership, police):
    user = UserFactory(username="dora", first_name="Dora", last_name="Officer")
    RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=police)
    return user


@pytest.fixture
def eve(partnership, fire):
    user = UserFactory(username="eve")
    RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=fire)
    return user


@pytest.fixture
def frank(partnership):
    user = UserFactory(username="frank")
    RoleFactory(user=user, partnership=partnership, name="partnership_admin")
    return user


@pytest.fixture
def county_viewer(partnership, other_partnership):
    """cora: viewer of every partnership in Northfield's county (the factories give both
    partnerships the same county), as a county-wide officer is."""
    assert partnership.county == other_partnership.county
    user = UserFactory(username="cora")
    for place in (partnership, other_partnership):
        RoleFactory(user=user, partnership=place, name="viewer")
    return user


@pytest.fixture
def plan(partnership, today):
    """A plan running now: the financial year around `today`."""
    return PlanFactory(
        partnership=partnership,
        title="Northfield action plan",
        period_start=today.replace(month=4, day=1)
        if today.month >= 4
        else today.replace(year=today.year - 1, month=4, day=1),
        period_end=today.replace(year=today.year + 1, month=3, day=31)
        if today.month >= 4
        else today.replace(month=3, day=31),
    )


@pytest.fixture
def priority(plan):
    return PriorityFactory(plan=plan, code="1", title="Reduce burglary", order=1)


@pytest.fixture
def action(plan, priority, police):
    action = ActionFactory(plan=plan, title="Run crime prevention surgeries")
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency=police)
    return action


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


def make_actions(plan, count, *, agency, priority=None, update_on=None):
    """`count` actions in `plan`, each led by `agency`, under `priority`, with one update:
    the data of the query-count tests. Written in bulk, a few queries for any count, since
    building 200 actions one save at a time cost seconds a test; what a save would store
    from the updates (last update, computed RAG) is stored by the same refresh_latest().
    No history rows are written: the pages measured list actions, not their history."""
    from actions.models import Action, ActionLead, ProgressUpdate
    from tests.factories import ProgressUpdateFactory

    actions = Action.objects.bulk_create(ActionFactory.build_batch(count, plan=plan))
    ActionLead.objects.bulk_create(ActionLead(action=action, agency=agency) for action in actions)
    if priority is not None:
        through = Action.priorities.through
        through.objects.bulk_create(
            through(action_id=action.pk, priority_id=priority.pk) for action in actions
        )
    date = update_on or plan.period_start
    ProgressUpdate.objects.bulk_create(
        ProgressUpdateFactory.build(action=action, date=date) for action in actions
    )
    Action.objects.filter(pk__in=[action.pk for action in actions]).refresh_latest()
    return actions
