"""CSV/XLSX import and export: stable identifiers, so an export re-imports unchanged."""

import pytest
import tablib

from actions.models import Action, ProgressUpdate
from actions.resources import ActionResource, ProgressUpdateResource
from partnerships.models import Agency
from partnerships.resources import AgencyResource
from performance.models import Observation
from performance.resources import ObservationResource
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyAliasFactory,
    AgencyFactory,
    ObservationFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


def reimport(resource, dataset):
    result = resource.import_data(dataset, dry_run=False, raise_errors=False)
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    return result.totals


def round_trip(resource_class, file_format):
    exported = resource_class().export()
    data = getattr(exported, file_format)
    dataset = tablib.Dataset().load(data, format=file_format)
    return reimport(resource_class(), dataset)


@pytest.fixture
def action_with_links():
    police = AgencyFactory(name="Northfield Constabulary")
    AgencyAliasFactory(agency=police, alias="Northfield Police")
    council = AgencyFactory(name="Northfield District Council")
    action = ActionFactory(title="Reduce burglary", target="Fewer burglaries")
    action.set_priorities(
        [PriorityFactory(plan=action.plan, code="A"), PriorityFactory(plan=action.plan, code="2")]
    )
    action.set_lead_agencies([council, police])
    ProgressUpdateFactory(action=action, text="Engagement day held")
    return action


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_action_export_reimports_unchanged(action_with_links, file_format):
    totals = round_trip(ActionResource, file_format)
    assert totals["skip"] == 1 and totals["new"] == 0 and totals["update"] == 0
    assert Action.objects.count() == 1


def test_actions_export_priority_codes_and_leads_in_order(action_with_links):
    row = ActionResource().export().dict[0]
    assert row["priority_codes"] == "A, 2"
    assert row["lead_agencies"] == "Northfield District Council; Northfield Constabulary"


def test_a_changed_row_updates_the_action_rather_than_duplicating_it(action_with_links):
    dataset = ActionResource().export()
    row = dataset.dict[0]
    row.update(
        title="Reduce burglary in the town centre", lead_agencies="Northfield Police", rag="amber"
    )
    dataset = tablib.Dataset(*[list(row.values())], headers=list(row))
    totals = reimport(ActionResource(), dataset)
    assert totals["update"] == 1
    action = Action.objects.get()
    assert action.title == "Reduce burglary in the town centre"
    assert [lead.agency.name for lead in action.leads.all()] == ["Northfield Constabulary"]


def test_an_unknown_priority_code_is_refused_with_its_name(action_with_links):
    row = ActionResource().export().dict[0]
    row.update(priority_codes="Z9")
    dataset = tablib.Dataset(*[list(row.values())], headers=list(row))
    result = ActionResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert "No priority Z9" in str(result.invalid_rows[0].error_dict)
    assert list(Action.objects.get().priorities.values_list("code", flat=True)) == ["A", "2"]


def test_an_unknown_lead_agency_is_refused(action_with_links):
    row = ActionResource().export().dict[0]
    row.update(lead_agencies="Ministry of Magic")
    dataset = tablib.Dataset(*[list(row.values())], headers=list(row))
    result = ActionResource().import_data(dataset, dry_run=False)
    assert "Ministry of Magic" in str(result.invalid_rows[0].error_dict)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_progress_updates_reimport_unchanged(action_with_links, file_format):
    totals = round_trip(ProgressUpdateResource, file_format)
    assert totals["skip"] == 1
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_agencies_reimport_unchanged_with_their_aliases(file_format):
    AgencyAliasFactory(agency=AgencyFactory(name="Northfield Fire Service"))
    ActionLeadFactory()
    totals = round_trip(AgencyResource, file_format)
    assert totals["skip"] == Agency.objects.count()


def test_an_agency_row_adds_new_aliases():
    agency = AgencyFactory(name="Northfield Fire Service")
    dataset = tablib.Dataset(
        ["Northfield Fire Service", "fire", "NFS; Northfield Fire"],
        headers=["name", "sector", "aliases"],
    )
    reimport(AgencyResource(), dataset)
    assert sorted(agency.aliases.values_list("alias", flat=True)) == ["NFS", "Northfield Fire"]
    assert Agency.objects.resolve("northfield fire") == agency


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_observations_reimport_unchanged_and_update_in_place(file_format):
    observation = ObservationFactory(value=47)
    assert round_trip(ObservationResource, file_format)["skip"] == 1
    dataset = ObservationResource().export()
    row = dataset.dict[0]
    row["value"] = "44"
    reimport(ObservationResource(), tablib.Dataset(list(row.values()), headers=list(row)))
    observation.refresh_from_db()
    assert observation.value == 44
    assert Observation.objects.count() == 1
