import datetime
from decimal import Decimal

import pytest

from actions.models import Action, ProgressUpdate
from partnerships.areas import area_lookup, partnership_areas
from partnerships.models import Agency, Membership, Partnership
from performance.models import Observation, Target
from plans.importing.service import import_document
from plans.importing.writer import undo_batch
from plans.models import ImportBatch, Plan, Priority
from tests.factories import ActionFactory, ActionLeadFactory, PartnershipFactory, UserFactory
from tests.plans.conftest import DOCUMENTS
from tests.plans.test_import_atomicity import row_counts

pytestmark = pytest.mark.django_db

ACTION_PLAN = DOCUMENTS / "st-albans-action-plan-2019-20.txt"
STRATEGY_2011 = DOCUMENTS / "st-albans-strategy-2011-12.txt"
DACORUM = DOCUMENTS / "dacorum-update-2011-12.txt"
NORTH_HERTS = DOCUMENTS / "north-herts-plan-2008-11.txt"


def test_it_saves_the_action_plan_with_links_and_leads():
    report = import_document(ACTION_PLAN)
    plan = Plan.objects.get()
    assert report.batch.plan == plan
    assert plan.partnership.name == "St Albans"
    assert (plan.period_start, plan.period_end) == (
        datetime.date(2019, 4, 1),
        datetime.date(2020, 3, 31),
    )
    action = Action.objects.get(title__startswith="Joint response to anti-social street drinking")
    assert sorted(action.priorities.values_list("code", flat=True)) == ["2", "B", "D"]
    assert [lead.agency.name for lead in action.leads.all()] == [
        "St Albans City and District Council",
        "Hertfordshire Constabulary",
    ]


def test_aliases_in_documents_resolve_to_one_agency_across_documents():
    import_document(ACTION_PLAN)
    import_document(DACORUM)
    import_document(STRATEGY_2011)
    assert Agency.objects.filter(name__icontains="constabulary").count() == 1
    assert Agency.objects.resolve("Herts Police") == Agency.objects.resolve("Police")


def test_one_action_listed_under_several_priorities_is_saved_once():
    import_document(DACORUM)
    plan = Plan.objects.get()
    assert plan.priorities.count() == 6
    linked = [a for a in plan.actions.prefetch_related("priorities") if a.priorities.count() > 2]
    assert linked, "an action appearing under three priorities is one action with three links"


def test_progress_text_becomes_a_dated_progress_update():
    import_document(ACTION_PLAN)
    action = Action.objects.get(title="Maintain/Reduce levels of burglary")
    update = ProgressUpdate.objects.get(action=action)
    assert update.text == "Community engagement day in April"
    assert update.date == datetime.date(2020, 3, 31)
    assert "st-albans-action-plan-2019-20.txt" in update.signed_by


def test_crime_figures_and_target_are_saved_and_the_wrong_stated_change_warned():
    report = import_document(STRATEGY_2011)
    partnership = Partnership.objects.get(name="St Albans")
    robbery = Observation.objects.filter(partnership=partnership, indicator__name="Robbery")
    assert sorted(robbery.values_list("value", flat=True)) == [Decimal(44), Decimal(47)]
    assert Target.objects.filter(partnership=partnership).count() == 1
    assert report.batch.warnings == [
        {
            "line": 69,
            "message": 'Robbery: the document says "3 more crimes (+6.8%)" but 47 -> 44 is 3 '
            "fewer crimes (-6.4%); the figures are kept and the stated change is not",
        }
    ]
    assert Membership.objects.filter(partnership=partnership).count() == 15


def test_a_second_document_for_the_same_partnership_links_to_it():
    import_document(ACTION_PLAN)
    report = import_document(STRATEGY_2011)
    assert Partnership.objects.count() == 1
    assert "partnership St Albans" in report.linked


def test_undo_removes_what_the_batch_created_and_nothing_else():
    first = import_document(ACTION_PLAN).batch
    before = (Plan.objects.count(), Action.objects.count(), Agency.objects.count())
    second = import_document(STRATEGY_2011).batch
    result = undo_batch(second)
    assert result.removed["plans"] == 1
    assert (Plan.objects.count(), Action.objects.count(), Agency.objects.count()) == before
    assert not Observation.objects.exists()
    assert Plan.objects.get().imports.get() == first
    second.refresh_from_db()
    assert second.undone_at is not None


def test_undo_keeps_a_partnership_another_import_still_uses():
    first = import_document(ACTION_PLAN).batch
    import_document(STRATEGY_2011)
    result = undo_batch(first)
    assert Partnership.objects.filter(name="St Albans").exists()
    assert result.kept == ["partnership St Albans"]
    assert Plan.objects.count() == 1
    assert not Priority.objects.filter(plan__title__contains="Action Plan").exists()


def test_undo_keeps_an_agency_that_a_later_action_names():
    batch = import_document(ACTION_PLAN).batch
    created_agency = Agency.objects.get(name="Watford FC")
    ActionLeadFactory(action=ActionFactory(), agency=created_agency)
    undo_batch(batch)
    assert Agency.objects.filter(pk=created_agency.pk).exists()


def test_every_record_it_creates_has_its_history_naming_the_importing_user():
    user = UserFactory()
    import_document(DACORUM, user=user)
    import_document(STRATEGY_2011, user=user)
    models = [Partnership, Plan, Priority, Membership, Action, ProgressUpdate, Observation, Target]
    for model in models:
        history = model.history.all()
        assert history.count() == model.objects.count() > 0, model
        assert set(history.values_list("history_user", "history_type")) == {(user.pk, "+")}


@pytest.mark.parametrize("document", [ACTION_PLAN, STRATEGY_2011, DACORUM, NORTH_HERTS])
def test_undoing_the_only_import_leaves_every_table_as_it_was(document):
    def own_rows():
        return {
            label: count
            for label, count in row_counts().items()
            if ".Historical" not in label and label != "plans.ImportBatch"
        }

    before = own_rows()
    undo_batch(import_document(document).batch)
    assert own_rows() == before


def test_after_an_undo_the_document_can_be_imported_again():
    batch = import_document(ACTION_PLAN).batch
    undo_batch(batch)
    report = import_document(ACTION_PLAN)
    assert report.batch is not None and report.batch != batch
    assert ImportBatch.objects.filter(undone_at__isnull=True).count() == 1


def test_a_partnership_it_creates_gets_its_ons_area_code_area_and_county():
    for document in (ACTION_PLAN, DACORUM, NORTH_HERTS):
        import_document(document)
    assert sorted(Partnership.objects.values_list("name", "ons_code", "area", "county")) == [
        ("Dacorum", "E07000096", "Dacorum", "Hertfordshire"),
        ("North Herts", "E07000099", "North Hertfordshire", "Hertfordshire"),
        ("St Albans", "E07000240", "St Albans", "Hertfordshire"),
    ]


def test_police_data_finds_the_district_of_each_imported_partnership():
    for document in (ACTION_PLAN, DACORUM, NORTH_HERTS):
        import_document(document)
    areas = partnership_areas(area_lookup(), Partnership.objects.all())
    assert {code: partnership.name for code, partnership in areas.items()} == {
        "E07000240": "St Albans",
        "E07000096": "Dacorum",
        "E07000099": "North Herts",
    }


def test_a_document_links_to_the_partnership_of_its_area_under_another_name():
    existing = PartnershipFactory(name="St Albans City and District", ons_code="E07000240")
    report = import_document(ACTION_PLAN)
    assert Partnership.objects.get() == existing
    assert report.batch.plan.partnership == existing
    assert "partnership St Albans City and District" in report.linked


def test_an_existing_partnership_is_linked_as_it_is():
    existing = PartnershipFactory(name="Dacorum", ons_code="", area="")
    import_document(DACORUM)
    existing.refresh_from_db()
    assert (existing.ons_code, existing.area) == ("", "")
