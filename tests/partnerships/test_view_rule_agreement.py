"""Who may view what: the rule on one object ("partnerships.view_partnership") and the SQL of
every list (each model's `objects.visible_to`) agree for every persona and every object of
two partnerships. The lists follow each model's own partnership_path, so a path that does
not lead where the next model's path continues is refused with its name, not followed."""

import pytest

from actions.models import Action
from partnerships.access import NoPartnership
from partnerships.models import Partnership
from performance.models import Observation, Target
from plans.models import Plan
from tests.factories import (
    ActionFactory,
    ObservationFactory,
    PlanFactory,
    RoleFactory,
    TargetFactory,
    UserFactory,
)

VIEW = "partnerships.view_partnership"
PERSONAS = ["bob", "dora", "alice", "frank", "charlie", "county_viewer", "superuser"]
EXTRA = ["officer_here_admin_there", "nobody"]
LISTED = [Partnership, Plan, Action, Observation, Target]

# Independently of the code: the partnerships each persona reads.
READS = {
    "bob": {"northfield"},
    "dora": {"northfield"},
    "alice": {"northfield"},
    "frank": {"northfield"},
    "charlie": {"southgate"},
    "county_viewer": {"northfield", "southgate"},
    "superuser": {"northfield", "southgate"},
    "officer_here_admin_there": {"northfield", "southgate"},
    "nobody": set(),
}


@pytest.fixture
def objects(partnership, other_partnership):
    """Two plans with two actions each, two figures and a target, in each partnership."""
    for place in (partnership, other_partnership):
        for _ in range(2):
            ActionFactory.create_batch(2, plan=PlanFactory(partnership=place))
            ObservationFactory(partnership=place)
        TargetFactory(partnership=place)


@pytest.fixture
def extra_personas(partnership, other_partnership, police):
    mixed = UserFactory(username="officer_here_admin_there")
    RoleFactory(user=mixed, partnership=partnership, name="agency_officer", agency=police)
    RoleFactory(user=mixed, partnership=other_partnership, name="partnership_admin")
    return {"officer_here_admin_there": mixed, "nobody": UserFactory(username="nobody")}


def _partnership_slug(obj):
    if isinstance(obj, Action):
        obj = obj.plan
    return obj.slug if isinstance(obj, Partnership) else obj.partnership.slug


@pytest.mark.parametrize("name", PERSONAS + EXTRA)
@pytest.mark.parametrize("model", LISTED, ids=lambda model: model.__name__)
def test_the_rule_and_the_list_agree_on_every_object(name, model, request, extra_personas, objects):
    user = extra_personas.get(name) or request.getfixturevalue(name)
    listed = set(model.objects.visible_to(user).values_list("pk", flat=True))
    every = list(model.objects.all())
    assert len(every) == {Partnership: 2, Plan: 4, Action: 8, Observation: 4, Target: 2}[model]
    for obj in every:
        may_view = user.has_perm(VIEW, obj)
        assert may_view == (_partnership_slug(obj) in READS[name]), (name, obj)
        assert (obj.pk in listed) == may_view, (name, obj)


def test_a_path_that_does_not_continue_as_the_next_models_is_refused(monkeypatch, alice):
    monkeypatch.setattr(Action, "partnership_path", "plan__partnership__county")
    with pytest.raises(NoPartnership, match="Action.partnership_path goes through Plan"):
        Action.objects.visible_to(alice)
