"""Who may add progress: the rule on one action ("actions.add_progress") and the SQL of My
actions (Action.objects.updatable_by) agree for every persona and every action, in a
scenario of two partnerships, three agencies and people with several roles. The one
deliberate difference: a superuser may add progress anywhere, but only their roles fill
their My actions."""

import datetime

import pytest

from actions.models import Action
from partnerships.rules import progress_scope_covers
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PlanFactory,
    RoleFactory,
    UserFactory,
)

PERSONAS = ["alice", "bob", "charlie", "dora", "eve", "frank", "superuser"]
EXTRA = ["two_agencies", "officer_and_coordinator", "superuser_officer", "nobody"]


@pytest.fixture
def scenario(partnership, other_partnership, police, fire):
    """Actions in Northfield (two plans) and Southgate, led by Northfield Police, Fire,
    both, a Southgate agency, or no one. Police also works in Southgate."""
    youth = AgencyFactory(name="Southgate Youth Service")
    ended = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )
    plans = [
        PlanFactory(partnership=partnership),
        ended,
        PlanFactory(partnership=other_partnership),
    ]
    leads = [[police], [fire], [fire, police], [youth], []]
    for plan in plans:
        for agencies in leads:
            action = ActionFactory(plan=plan)
            for order, agency in enumerate(agencies):
                ActionLeadFactory(action=action, agency=agency, order=order)
    return {"police": police, "fire": fire, "youth": youth}


@pytest.fixture
def extra_personas(scenario, partnership, other_partnership):
    two = UserFactory(username="two_agencies")
    RoleFactory(user=two, partnership=partnership, name="agency_officer", agency=scenario["fire"])
    RoleFactory(
        user=two, partnership=other_partnership, name="agency_officer", agency=scenario["youth"]
    )
    both = UserFactory(username="officer_and_coordinator")
    RoleFactory(
        user=both, partnership=partnership, name="agency_officer", agency=scenario["police"]
    )
    RoleFactory(user=both, partnership=other_partnership, name="coordinator")
    boss = UserFactory(username="superuser_officer", is_superuser=True)
    RoleFactory(
        user=boss, partnership=other_partnership, name="agency_officer", agency=scenario["police"]
    )
    return {
        "two_agencies": two,
        "officer_and_coordinator": both,
        "superuser_officer": boss,
        "nobody": UserFactory(username="nobody"),
    }


def _user(name, request, extra_personas):
    return extra_personas.get(name) or request.getfixturevalue(name)


@pytest.mark.parametrize("name", PERSONAS + EXTRA)
def test_the_rule_and_my_actions_agree_on_every_action(name, request, extra_personas):
    user = _user(name, request, extra_personas)
    listed = set(Action.objects.updatable_by(user).values_list("pk", flat=True))
    actions = list(Action.objects.all())
    assert len(actions) == 15
    for action in actions:
        by_role = progress_scope_covers(user, action)
        assert (action.pk in listed) == by_role, (name, action.pk)
        assert user.has_perm("actions.add_progress", action) == (user.is_superuser or by_role)


# Independently of the code, who may add progress to which of the 15 actions: per persona,
# (partnership, lead agencies) of the actions they may update.
EXPECTED = {
    "alice": {("northfield", "*")},
    "frank": {("northfield", "*")},
    "bob": set(),
    "charlie": {("southgate", "*")},
    "dora": {("northfield", "police")},
    "eve": {("northfield", "fire")},
    "two_agencies": {("northfield", "fire"), ("southgate", "youth")},
    "officer_and_coordinator": {("northfield", "police"), ("southgate", "*")},
    "superuser": set(),
    "superuser_officer": {("southgate", "police")},
    "nobody": set(),
}


def _expected_actions(rows, scenario):
    names = {agency.pk: key for key, agency in scenario.items()}
    found = set()
    for action in Action.objects.select_related("plan__partnership"):
        leads = {names[lead.agency_id] for lead in action.leads.all()}
        for slug, agency in rows:
            if action.plan.partnership.slug == slug and (agency == "*" or agency in leads):
                found.add(action.pk)
    return found


@pytest.mark.parametrize("name", PERSONAS + EXTRA)
def test_my_actions_hold_what_the_roles_give(name, request, extra_personas, scenario):
    user = _user(name, request, extra_personas)
    listed = set(Action.objects.updatable_by(user).values_list("pk", flat=True))
    assert listed == _expected_actions(EXPECTED[name], scenario)
