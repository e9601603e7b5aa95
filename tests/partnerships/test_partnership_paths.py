"""Every model of the project's apps says how it reaches its partnership, or is listed here
as having none on purpose; the path is right for an object and for a queryset."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.access import NoPartnership, in_partnerships, partnership_id_of
from partnerships.models import (
    Agency,
    AgencyAlias,
    Invitation,
    Membership,
    Partnership,
    PopulationEstimate,
    Role,
)
from performance.models import (
    Indicator,
    MeetingPack,
    Observation,
    PoliceCrimeCount,
    PoliceImport,
    Target,
)
from plans.models import ImportBatch, ImportedObject, Plan, Priority, SuccessCriterion
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    MembershipFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    SuccessCriterionFactory,
    TargetFactory,
)

PROJECT_APPS = ["partnerships", "plans", "actions", "performance"]

# Models that belong to no one partnership, and why (by label: some are optional).
WITHOUT_PARTNERSHIP = {
    Agency._meta.label: "an agency works in many partnerships",
    AgencyAlias._meta.label: "another name of an agency",
    Indicator._meta.label: "an indicator is national: every partnership reports against it",
    PoliceImport._meta.label: "one upload of police.uk files covers many partnerships",
    ImportBatch._meta.label: "admin only; a document may name no partnership",
    ImportedObject._meta.label: "admin only: what an import batch created, of any kind",
    "plans.DocumentImportJob": "admin only: a document waiting to be imported",
    "plans.PendingDocument": "admin only: an uploaded document under review",
    "performance.CountyExport": (
        "a county's or every partnership's actions; only the requester and superusers "
        "may read it, and it holds only partnerships the requester had a role in"
    ),
}


def _make_meeting_pack(partnership):
    plan = PlanFactory(partnership=partnership)
    return MeetingPack.objects.create(
        partnership=partnership,
        plan=plan,
        period_start=plan.period_start,
        period_end=plan.period_end,
        meeting_date=plan.period_end,
        as_at=plan.period_end,
        content={},
    )


def _make_invitation(partnership):
    return Invitation.objects.create(
        partnership=partnership,
        email="invited@example.org",
        role=Role.Name.VIEWER,
        token_hash=f"hash-{partnership.pk}",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )


# How to make an object inside a given partnership, for every model that has one.
BUILDERS = {
    Partnership: lambda partnership: partnership,
    PopulationEstimate: lambda p: PopulationEstimate.objects.create(
        partnership=p, year=2021, population=1000
    ),
    Membership: lambda p: MembershipFactory(partnership=p, agency=AgencyFactory()),
    Role: lambda p: RoleFactory(partnership=p),
    Invitation: _make_invitation,
    Plan: lambda p: PlanFactory(partnership=p),
    Priority: lambda p: PriorityFactory(plan=PlanFactory(partnership=p)),
    SuccessCriterion: lambda p: SuccessCriterionFactory(
        priority=PriorityFactory(plan=PlanFactory(partnership=p))
    ),
    Action: lambda p: ActionFactory(plan=PlanFactory(partnership=p)),
    ActionLead: lambda p: ActionLeadFactory(action=ActionFactory(plan=PlanFactory(partnership=p))),
    ProgressUpdate: lambda p: ProgressUpdateFactory(
        action=ActionFactory(plan=PlanFactory(partnership=p))
    ),
    Observation: lambda p: ObservationFactory(partnership=p),
    Target: lambda p: TargetFactory(partnership=p),
    PoliceCrimeCount: lambda p: PoliceCrimeCount.objects.create(
        force="Northfield Police",
        month=datetime.date(2025, 4, 1),
        partnership=p,
        crime_type="Burglary",
        count=3,
    ),
    MeetingPack: _make_meeting_pack,
}


def _is_history(model) -> bool:
    # simple-history's tables: read only by the audit page, which filters by partnership
    # itself (partnerships/audit.py), so they need no path of their own.
    return hasattr(model, "instance_type")


def project_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()


def test_every_model_has_a_path_or_is_listed_as_having_none():
    unaccounted = [
        model.__name__
        for model in project_models()
        if model not in BUILDERS
        and model._meta.label not in WITHOUT_PARTNERSHIP
        and not _is_history(model)
    ]
    assert unaccounted == []


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model.__name__)
def test_an_object_resolves_to_the_partnership_it_was_made_in(
    model, partnership, other_partnership
):
    here = BUILDERS[model](partnership)
    there = BUILDERS[model](other_partnership)
    assert partnership_id_of(here) == partnership.pk
    assert partnership_id_of(there) == other_partnership.pk
    found = in_partnerships(model.objects.all(), [partnership.pk])
    assert set(found.values_list("pk", flat=True)) >= {here.pk}
    assert not found.filter(pk=there.pk).exists()


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model.__name__)
def test_the_declared_path_ends_at_the_partnership_model(model):
    current = model
    for hop in filter(None, model.partnership_path.split("__")):
        current = current._meta.get_field(hop).related_model
    assert current is Partnership


@pytest.mark.parametrize(
    "model", [apps.get_model(label) for label in WITHOUT_PARTNERSHIP], ids=lambda m: m.__name__
)
def test_an_object_of_a_model_without_a_partnership_is_refused_loudly(model, alice):
    assert not hasattr(model, "partnership_path")
    with pytest.raises(NoPartnership):
        partnership_id_of(model())
    with pytest.raises(NoPartnership):
        alice.has_perm("partnerships.view_partnership", model())


def test_a_success_criterion_is_seen_by_the_roles_of_its_partnership(
    partnership, alice, bob, charlie
):
    criterion = SuccessCriterionFactory(
        priority=PriorityFactory(plan=PlanFactory(partnership=partnership))
    )
    assert alice.has_perm("partnerships.view_partnership", criterion)
    assert bob.has_perm("partnerships.view_partnership", criterion)
    assert not charlie.has_perm("partnerships.view_partnership", criterion)
