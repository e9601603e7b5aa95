"""The import writer's rules, each shown on a small document built by hand (a ParsedDocument,
as every parser produces), so that each test says what one rule does. Written for the
writer's mutation run (docs/testing.md): each test fails when its rule is broken."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from actions.models import Action, ActionLead, ProgressUpdate, Status
from partnerships.models import Agency, Membership, Partnership
from performance.models import Indicator, Observation, Target
from plans.importing.structure import (
    FIGURE_REPORT,
    ActionInfo,
    CriterionInfo,
    DocumentError,
    Figure,
    ImportWarning,
    Member,
    ParsedDocument,
    PartnershipInfo,
    PlanInfo,
    PriorityInfo,
    TargetInfo,
)
from plans.importing.writer import alias_table, free_slug, sha256_of, write_document
from plans.models import ImportBatch, ImportedObject, Plan, Priority, SuccessCriterion
from tests.factories import (
    ActionFactory,
    AgencyAliasFactory,
    AgencyFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    SuccessCriterionFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2019, 4, 1), datetime.date(2020, 3, 31)
PARTNERSHIP = "Northfield Community Safety Partnership"


def document(
    *, kind=Plan.Kind.ACTION_PLAN, title="Northfield action plan", start=START, end=END, **parts
):
    """A parsed document of one priority "A" and whatever parts the test gives."""
    parts.setdefault("priorities", [PriorityInfo(code="A", kind="priority", title="Safer")])
    last_updated = parts.pop("last_updated", None)
    partnership = parts.pop("partnership", PartnershipInfo(name=PARTNERSHIP, kind="csp"))
    return ParsedDocument(
        source=parts.pop("source", "northfield.txt"),
        layout=parts.pop("layout", "test-layout"),
        partnership=partnership,
        plan=PlanInfo(
            title=title,
            kind=kind,
            status="published",
            start=start,
            end=end,
            last_updated=last_updated,
        ),
        **parts,
    )


def figures_only(figures=(), targets=()):
    return document(kind=FIGURE_REPORT, priorities=[], figures=list(figures), targets=targets)


def figure(value, *, indicator="Robbery", partnership="", unit="count", line=5, start=START):
    return Figure(
        indicator=indicator,
        period_start=start,
        period_end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
        value=Decimal(value),
        unit=unit,
        line=line,
        partnership=partnership,
    )


def write(parsed, data=b"northfield", **options):
    return write_document(parsed, data, **options)


# The report and the batch


def test_the_batch_records_the_document_its_reader_and_the_user():
    user = UserFactory()
    parsed = document(
        actions=[ActionInfo(title="Patrol", priority_codes=["A"])],
        warnings=[ImportWarning(12, "check the dates")],
        corrections={"kind": "action_plan"},
    )
    report = write(parsed, b"the bytes", user=user)
    batch = ImportBatch.objects.get()
    assert report.batch == batch
    assert report.parsed is parsed
    assert batch.file_name == "northfield.txt"
    assert batch.sha256 == report.sha256 == hashlib.sha256(b"the bytes").hexdigest()
    assert batch.layout == "test-layout"
    assert batch.imported_by == user
    assert batch.partnership == Partnership.objects.get() == report.partnership
    assert batch.plan == Plan.objects.get()
    assert batch.counts == parsed.counts()
    assert batch.counts["actions"] == 1
    assert batch.warnings == [{"line": 12, "message": "check the dates"}]
    assert batch.corrections == {"kind": "action_plan"}


def test_the_batch_lists_what_it_created_in_the_order_written():
    write(document(actions=[ActionInfo(title="Patrol", priority_codes=["A"])]))
    created = [
        (item.content_type.model_class(), item.object_id, item.position)
        for item in ImportedObject.objects.order_by("position")
    ]
    partnership, plan = Partnership.objects.get(), Plan.objects.get()
    priority, action = Priority.objects.get(), Action.objects.get()
    assert created == [
        (Partnership, partnership.pk, 0),
        (Plan, plan.pk, 1),
        (Priority, priority.pk, 2),
        (Action, action.pk, 3),
    ]


def test_the_report_counts_what_it_created_by_kind():
    report = write(
        document(
            actions=[
                ActionInfo(
                    title="Patrol", lead_agencies=["Northfield Watch", "Northfield Council"]
                ),
                ActionInfo(title="Survey", progress=["Begun"]),
            ]
        )
    )
    assert dict(report.created) == {
        "partnerships": 1,
        "plans": 1,
        "priorities": 1,
        "agencies": 2,
        "actions": 2,
        "action leads": 2,
        "progress updates": 1,
    }
    assert report.new_agencies == ["Northfield Watch", "Northfield Council"]


def test_a_dry_run_reports_what_it_would_create_and_saves_nothing():
    report = write(document(actions=[ActionInfo(title="Patrol")]), dry_run=True)
    assert report.dry_run is True
    assert report.batch is None
    assert report.created["actions"] == 1
    assert report.partnership.name == PARTNERSHIP
    assert not Plan.objects.exists()
    assert not Partnership.objects.exists()
    assert not ImportBatch.objects.exists()


def test_the_same_bytes_imported_again_are_the_earlier_batch_and_add_nothing():
    first = write(document())
    again = write(document(title="Another title"))
    assert again.already_imported == first.batch
    assert again.batch is None
    assert Plan.objects.count() == 1
    assert ImportBatch.objects.count() == 1


def test_other_bytes_are_imported_beside_an_earlier_batch():
    first = write(document(), b"one export").batch
    report = write(document(title="Another plan"), b"another export")
    assert report.already_imported is None
    assert report.batch != first
    assert Plan.objects.count() == 2


def test_bytes_of_an_undone_import_are_imported_again():
    first = write(document()).batch
    first.undone_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    first.save()
    Plan.objects.all().delete()
    report = write(document())
    assert report.already_imported is None
    assert report.batch is not None and report.batch != first


def test_a_plan_held_under_the_same_partnership_title_and_start_is_not_imported_again():
    held = PlanFactory(
        partnership=PartnershipFactory(name=PARTNERSHIP.upper()),
        title="Northfield action plan",
        period_start=START,
        period_end=END,
    )
    report = write(document(), b"another export")
    assert report.already_imported == held
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "other",
    [
        {"title": "Northfield action plan 2"},
        {"start": datetime.date(2019, 5, 1)},
        {"partnership": PartnershipInfo(name="Southfield", kind="csp")},
    ],
)
def test_a_plan_differing_in_partnership_title_or_start_is_imported(other):
    PlanFactory(
        partnership=PartnershipFactory(name=PARTNERSHIP),
        title="Northfield action plan",
        period_start=START,
        period_end=END,
    )
    report = write(document(**other), b"another export")
    assert report.already_imported is None
    assert report.batch is not None


@pytest.mark.parametrize("missing", ["start", "end"])
def test_a_plan_without_its_period_is_refused(missing):
    with pytest.raises(DocumentError) as refused:
        write(document(**{missing: None}))
    assert refused.value.message == "the plan's period could not be read"
    assert refused.value.source == "northfield.txt"
    assert not Partnership.objects.exists()


def test_sha256_of_is_the_hex_digest_of_the_bytes():
    assert sha256_of(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert len(sha256_of(b"abc")) == 64


def test_the_alias_table_maps_every_name_and_alias_to_the_agency_name():
    police = AgencyFactory(name="Northfield Police")
    seeded = alias_table()
    AgencyAliasFactory(agency=police, alias="NF Constables")
    AgencyFactory(name="Northfield Council")
    assert alias_table() == {
        **seeded,
        "Northfield Police": "Northfield Police",
        "NF Constables": "Northfield Police",
        "Northfield Council": "Northfield Council",
    }


# Values too long for their columns


def test_a_name_longer_than_its_column_is_refused_naming_it_and_the_line():
    long_name = "Agency " + "x" * 200
    parsed = document(actions=[ActionInfo(title="Patrol", lead_agencies=[long_name], line=7)])
    with pytest.raises(DocumentError) as refused:
        write(parsed)
    limit = Agency._meta.get_field("name").max_length
    shown = long_name[:60] + "..."
    assert refused.value.message == (
        f'the agency name "{shown}" is {len(long_name)} characters long, more than the '
        f"{limit} it may have; check what the line holds"
    )
    assert (refused.value.source, refused.value.line) == ("northfield.txt", 7)
    assert not Partnership.objects.exists()


def test_a_long_value_is_quoted_without_the_spaces_before_its_cut():
    long_code = "A" * 59 + " " + "B" * 40
    with pytest.raises(DocumentError) as refused:
        write(document(priorities=[PriorityInfo(code=long_code, kind="p", title="T", line=3)]))
    assert f'"{"A" * 59}..."' in refused.value.message
    assert refused.value.line == 3


def test_a_value_of_sixty_characters_or_fewer_is_quoted_whole():
    code = "C" * 60
    limit = Priority._meta.get_field("code").max_length
    assert limit < 60, "the test needs a code column shorter than sixty characters"
    with pytest.raises(DocumentError) as refused:
        write(document(priorities=[PriorityInfo(code=code, kind="p", title="T", line=3)]))
    assert f'the priority code "{code}" is 60 characters long' in refused.value.message


def test_a_value_as_long_as_its_column_is_saved():
    limit = Agency._meta.get_field("name").max_length
    name = "N" * limit
    write(document(members=[Member(agency=name, role="member")]))
    assert Membership.objects.get().agency.name == name


@pytest.mark.parametrize(
    "parts, label, line",
    [
        ({"partnership": PartnershipInfo(name="P" * 250, kind="csp")}, "partnership name", None),
        ({"title": "T" * 400}, "plan title", None),
        ({"source": "s" * 400}, "plan source document", None),
        ({"members": [Member(agency="M" * 250, role="member", line=4)]}, "agency name", 4),
        (
            {"success_criteria": [CriterionInfo("A", "Fewer", False, False, None, "u" * 99, 6)]},
            "success criterion target unit",
            6,
        ),
        ({"actions": [ActionInfo(title="Patrol", timescale="t" * 300, line=8)]}, "timescale", 8),
        (
            {"actions": [ActionInfo(title="Patrol", partner_agencies=["Q" * 250], line=9)]},
            "agency name",
            9,
        ),
        ({"figures": [figure(1, indicator="I" * 250, line=10)]}, "indicator name", 10),
        ({"figures": [figure(1, partnership="F" * 250, line=11)]}, "partnership name", 11),
        (
            {"targets": [TargetInfo("I" * 250, START, END, Decimal(1), 12)]},
            "indicator name",
            12,
        ),
        (
            {"targets": [TargetInfo("Robbery", START, END, Decimal(1), 13, "", "G" * 250)]},
            "partnership name",
            13,
        ),
    ],
)
def test_every_bounded_value_is_checked_before_anything_is_written(parts, label, line):
    agencies = Agency.objects.count()
    with pytest.raises(DocumentError) as refused:
        write(document(**parts))
    assert label in refused.value.message
    assert refused.value.line == line
    assert not Partnership.objects.exists()
    assert Agency.objects.count() == agencies


def test_a_source_name_too_long_for_the_update_signature_is_refused():
    limit = ProgressUpdate._meta.get_field("author_name").max_length
    source = "s" * (limit - len("Imported from ") + 1)
    assert len(source) <= Plan._meta.get_field("source_document").max_length
    with pytest.raises(DocumentError) as refused:
        write(document(source=source))
    assert "progress update" in refused.value.message


# Partnerships


def test_a_new_partnership_is_made_from_what_the_document_says():
    info = PartnershipInfo(
        name=PARTNERSHIP, kind="cdrp", area="Northfield", county="Shire", vision="V", mission="M"
    )
    write(document(partnership=info))
    partnership = Partnership.objects.get()
    assert (partnership.name, partnership.slug, partnership.kind) == (
        PARTNERSHIP,
        "northfield-community-safety-partnership",
        "cdrp",
    )
    assert (partnership.area, partnership.county) == ("Northfield", "Shire")
    assert (partnership.vision, partnership.mission, partnership.ons_code) == ("V", "M", "")


def test_a_new_partnership_keeps_the_area_code_its_document_gives():
    write(document(partnership=PartnershipInfo(name=PARTNERSHIP, kind="csp", ons_code="E0")))
    assert Partnership.objects.get().ons_code == "E0"


def test_a_partnership_is_found_by_name_ignoring_case_and_linked():
    held = PartnershipFactory(name=PARTNERSHIP.lower())
    report = write(document())
    assert Partnership.objects.get() == held
    assert report.linked == [f"partnership {held.name}"]
    assert report.created["partnerships"] == 0


def test_a_partnership_is_found_by_its_area_code_under_another_name():
    held = PartnershipFactory(name="The Shire CSP", ons_code="E07000240")
    report = write(document(partnership=PartnershipInfo("Other", "csp", ons_code="E07000240")))
    assert Partnership.objects.get() == held
    assert Plan.objects.get().partnership == held
    assert report.linked == ["partnership The Shire CSP"]


def test_a_partnership_without_an_area_code_is_not_found_by_a_blank_code():
    PartnershipFactory(name="The Shire CSP", ons_code="")
    write(document())
    assert Partnership.objects.count() == 2


def test_a_slug_taken_gets_the_next_number():
    PartnershipFactory(slug="northfield")
    PartnershipFactory(slug="northfield-2")
    write(document(partnership=PartnershipInfo(name="Northfield", kind="csp")))
    assert Partnership.objects.get(name="Northfield").slug == "northfield-3"


def test_a_slug_is_cut_to_leave_room_for_its_number():
    limit = Partnership._meta.get_field("slug").max_length
    slug = free_slug(Partnership, "word " * 100)
    assert len(slug) == limit - 4
    PartnershipFactory(slug=slug)
    assert free_slug(Partnership, "word " * 100) == slug + "-2"


def test_a_name_with_no_letters_gets_the_models_name_as_its_slug():
    assert free_slug(Indicator, "%%%") == "indicator"


def test_members_join_the_partnership_for_the_plans_years_each_once():
    parsed = document(
        start=datetime.date(2019, 4, 1),
        end=datetime.date(2022, 3, 31),
        members=[
            Member(agency="Northfield Police", role="responsible_authority"),
            Member(agency="Northfield Police", role="responsible_authority"),
            Member(agency="Northfield Police", role="member"),
        ],
    )
    report = write(parsed)
    memberships = Membership.objects.order_by("role")
    assert [(m.agency.name, m.role, m.from_year, m.to_year) for m in memberships] == [
        ("Northfield Police", "member", 2019, 2022),
        ("Northfield Police", "responsible_authority", 2019, 2022),
    ]
    assert report.created["memberships"] == 2


def test_a_membership_held_from_the_same_year_is_not_added_again():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    police = AgencyFactory(name="Northfield Police")
    Membership.objects.create(
        partnership=partnership, agency=police, role="member", from_year=2019, to_year=2020
    )
    Membership.objects.create(
        partnership=partnership, agency=police, role="member", from_year=2015, to_year=2016
    )
    write(document(members=[Member(agency="Northfield Police", role="member")]))
    assert Membership.objects.filter(from_year=2019).count() == 1
    assert Membership.objects.count() == 2


def test_a_membership_from_an_earlier_year_does_not_stop_the_plans_own():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    police = AgencyFactory(name="Northfield Police")
    Membership.objects.create(
        partnership=partnership, agency=police, role="member", from_year=2015, to_year=2016
    )
    write(document(members=[Member(agency="Northfield Police", role="member")]))
    assert sorted(Membership.objects.values_list("from_year", flat=True)) == [2015, 2019]


def test_another_partnerships_membership_does_not_stop_this_ones():
    police = AgencyFactory(name="Northfield Police")
    Membership.objects.create(
        partnership=PartnershipFactory(name="Southfield"),
        agency=police,
        role="member",
        from_year=2019,
        to_year=2020,
    )
    write(document(members=[Member(agency="Northfield Police", role="member")]))
    own = Membership.objects.get(partnership__name=PARTNERSHIP)
    assert (own.agency, own.role, own.from_year) == (police, "member", 2019)


def test_figures_of_several_partnerships_go_each_to_its_own():
    held = PartnershipFactory(name="Southfield")
    report = write(
        figures_only(
            [
                figure(10, partnership="southfield "),
                figure(20, partnership="  Eastfield  CSP"),
                figure(30, partnership="EASTFIELD CSP", indicator="Burglary"),
            ]
        )
    )
    assert Observation.objects.get(value=10).partnership == held
    eastfield = Partnership.objects.get(name="Eastfield CSP")
    assert Observation.objects.get(value=20).partnership == eastfield
    assert Observation.objects.get(value=30).partnership == eastfield
    assert eastfield.kind == "csp"
    assert Partnership.objects.count() == 2, "no partnership of the document's own name"
    assert report.partnership is None, "two partnerships named, none the report's own"


def test_a_figure_report_of_one_named_partnership_is_reported_as_its():
    held = PartnershipFactory(name="Southfield")
    report = write(figures_only([figure(10, partnership="Southfield")]))
    assert report.partnership == held
    assert ImportBatch.objects.get().partnership == held


def test_a_named_partnership_takes_the_kind_of_the_document():
    write(
        document(
            kind=FIGURE_REPORT,
            priorities=[],
            partnership=PartnershipInfo(name="Shire", kind="cdrp"),
            figures=[figure(1, partnership="Eastfield")],
        )
    )
    assert Partnership.objects.get().kind == "cdrp"


def test_a_figure_naming_no_partnership_is_the_documents_own():
    write(figures_only([figure(10)]))
    assert Observation.objects.get().partnership.name == PARTNERSHIP


# Plans, priorities and success criteria


def test_a_new_plan_is_made_from_what_the_document_says():
    report = write(document(kind=Plan.Kind.STRATEGY, last_updated=datetime.date(2019, 9, 1)))
    plan = Plan.objects.get()
    assert (plan.kind, plan.title, plan.status) == (
        "strategy",
        "Northfield action plan",
        "published",
    )
    assert (plan.period_start, plan.period_end) == (START, END)
    assert plan.last_updated == datetime.date(2019, 9, 1)
    assert plan.source_document == "northfield.txt"
    assert report.created["plans"] == 1


def test_an_update_report_attaches_to_the_plan_it_reports_on():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    strategy = PlanFactory(
        partnership=partnership, title="Strategy", period_start=START, period_end=END
    )
    parsed = document(kind=Plan.Kind.UPDATE_REPORT, actions=[ActionInfo(title="Patrol")])
    report = write(parsed)
    assert Plan.objects.get() == strategy
    assert report.linked == [f"partnership {PARTNERSHIP}", "plan Strategy"]
    assert ImportBatch.objects.get().plan == strategy
    assert report.created["plans"] == 0


def test_an_action_plan_for_the_period_of_another_plan_is_a_plan_of_its_own():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    PlanFactory(partnership=partnership, title="Strategy", period_start=START, period_end=END)
    write(document(kind=Plan.Kind.ACTION_PLAN))
    assert Plan.objects.count() == 2


def test_priorities_are_saved_with_what_the_document_says_in_order():
    write(
        document(
            priorities=[
                PriorityInfo("A", "aim", "Safer streets", "Why", order=0, consultation_rank=2),
                PriorityInfo("B", "priority", "Fewer burglaries"),
            ]
        )
    )
    priorities = Priority.objects.order_by("order")
    assert [(p.code, p.kind, p.title, p.order) for p in priorities] == [
        ("A", "aim", "Safer streets", 0),
        ("B", "priority", "Fewer burglaries", 1),
    ]
    assert (priorities[0].narrative, priorities[0].consultation_rank) == ("Why", 2)
    assert priorities[1].consultation_rank is None


def test_a_priority_keeps_the_order_its_document_gives():
    write(
        document(priorities=[PriorityInfo("A", "p", "One", order=5), PriorityInfo("B", "p", "Two")])
    )
    assert dict(Priority.objects.values_list("code", "order")) == {"A": 5, "B": 1}


def attached_report(**parts):
    """An update report on the Northfield strategy, which has priority A "Safer streets"."""
    partnership = PartnershipFactory(name=PARTNERSHIP)
    strategy = PlanFactory(
        partnership=partnership, title="Strategy", period_start=START, period_end=END
    )
    safer = PriorityFactory(plan=strategy, code="A", title="Safer streets", order=0)
    parts.setdefault("priorities", [])
    return strategy, safer, document(kind=Plan.Kind.UPDATE_REPORT, **parts)


def test_a_report_reuses_the_plans_priority_of_the_same_title():
    strategy, safer, parsed = attached_report(
        priorities=[PriorityInfo("1", "p", "Safer streets")],
        actions=[ActionInfo(title="Patrol", priority_codes=["1"])],
    )
    write(parsed)
    assert list(strategy.priorities.all()) == [safer]
    assert list(Action.objects.get().priorities.all()) == [safer]


def test_a_report_adds_a_new_priority_after_the_plans_with_a_code_not_used():
    strategy, safer, parsed = attached_report(
        priorities=[PriorityInfo("A", "p", "Fewer burglaries")],
        actions=[ActionInfo(title="Patrol", priority_codes=["A"])],
    )
    write(parsed)
    added = strategy.priorities.exclude(pk=safer.pk).get()
    assert (added.code, added.title, added.order) == ("A-2", "Fewer burglaries", 1)
    assert list(Action.objects.get().priorities.all()) == [added]


def test_a_report_adds_the_priorities_after_one_the_plan_already_has():
    strategy, safer, parsed = attached_report(
        priorities=[PriorityInfo("1", "p", "Safer streets"), PriorityInfo("2", "p", "Fewer fires")]
    )
    write(parsed)
    assert list(strategy.priorities.order_by("order").values_list("code", "title")) == [
        ("A", "Safer streets"),
        ("2", "Fewer fires"),
    ]


def test_two_new_priorities_of_one_code_get_different_codes():
    strategy, safer, parsed = attached_report(
        priorities=[PriorityInfo("A", "p", "One"), PriorityInfo("A", "p", "Two")]
    )
    write(parsed)
    assert sorted(strategy.priorities.values_list("code", flat=True)) == ["A", "A-2", "A-3"]


def test_a_new_plans_priorities_do_not_take_codes_of_another_plan():
    PriorityFactory(code="A", plan=PlanFactory(partnership=PartnershipFactory(name=PARTNERSHIP)))
    write(document(title="New plan"))
    assert Plan.objects.get(title="New plan").priorities.get().code == "A"


def test_an_action_under_a_priority_the_document_lacks_is_refused():
    parsed = document(actions=[ActionInfo(title="Patrol", priority_codes=["Z"], line=14)])
    with pytest.raises(DocumentError) as refused:
        write(parsed)
    assert refused.value.message == "no priority 'Z' in the plan"
    assert (refused.value.source, refused.value.line) == ("northfield.txt", 14)
    assert not Plan.objects.exists()


def test_a_success_criterion_under_a_priority_the_document_lacks_is_refused():
    parsed = document(success_criteria=[CriterionInfo("Z", "Fewer", False, False, line=17)])
    with pytest.raises(DocumentError) as refused:
        write(parsed)
    assert refused.value.message == "no priority 'Z' in the plan"
    assert refused.value.line == 17
    assert not Plan.objects.exists()


def test_success_criteria_are_saved_under_their_priority_in_order():
    write(
        document(
            priorities=[PriorityInfo("A", "p", "One"), PriorityInfo("B", "p", "Two")],
            success_criteria=[
                CriterionInfo("B", "Fewer burglaries", True, False, Decimal(5), "%"),
                CriterionInfo("A", "Fewer robberies", False, True),
            ],
        )
    )
    rows = SuccessCriterion.objects.order_by("order")
    assert [
        (
            c.priority.code,
            c.text,
            c.associated,
            c.laa_target,
            c.target_value,
            c.target_unit,
            c.order,
        )
        for c in rows
    ] == [
        ("B", "Fewer burglaries", True, False, Decimal(5), "%", 0),
        ("A", "Fewer robberies", False, True, None, "", 1),
    ]


def test_a_report_repeats_no_success_criterion_the_plan_holds():
    strategy, safer, parsed = attached_report(
        priorities=[PriorityInfo("A", "p", "Safer streets")],
        success_criteria=[
            CriterionInfo("A", "Fewer robberies", False, False),
            CriterionInfo("A", "Fewer burglaries", False, False),
        ],
    )
    SuccessCriterionFactory(priority=safer, text="Fewer robberies")
    write(parsed)
    assert sorted(safer.success_criteria.values_list("text", flat=True)) == [
        "Fewer burglaries",
        "Fewer robberies",
    ]


def test_a_new_plan_keeps_every_success_criterion_of_its_document():
    write(
        document(
            success_criteria=[
                CriterionInfo("A", "Fewer robberies", False, False),
                CriterionInfo("A", "Fewer robberies", False, False),
            ]
        )
    )
    assert SuccessCriterion.objects.count() == 2


# Actions


def test_an_action_is_saved_with_what_the_document_says():
    write(
        document(
            actions=[
                ActionInfo(
                    title="Patrol",
                    description="Evening patrols",
                    target="Fewer incidents",
                    timescale="By March",
                    start=datetime.date(2019, 5, 1),
                    due=datetime.date(2020, 2, 1),
                    rag="amber",
                    status=Status.IN_PROGRESS,
                )
            ]
        )
    )
    action = Action.objects.get()
    assert (action.title, action.description, action.target, action.timescale) == (
        "Patrol",
        "Evening patrols",
        "Fewer incidents",
        "By March",
    )
    assert (action.start_date, action.due_date) == (
        datetime.date(2019, 5, 1),
        datetime.date(2020, 2, 1),
    )
    assert (action.rag, action.status, action.order) == ("amber", Status.IN_PROGRESS, 0)
    assert action.plan == Plan.objects.get()


def test_an_action_stating_no_rating_or_status_is_not_rated_and_not_known():
    write(document(actions=[ActionInfo(title="Patrol")]))
    action = Action.objects.get()
    assert action.rag == Action._meta.get_field("rag").default
    assert action.status == Status.UNKNOWN


def test_actions_are_numbered_in_the_order_written():
    write(document(actions=[ActionInfo(title="One"), ActionInfo(title="Two")]))
    assert list(Action.objects.order_by("order").values_list("title", "order")) == [
        ("One", 0),
        ("Two", 1),
    ]


def test_an_action_under_one_priority_twice_is_linked_once():
    write(
        document(
            priorities=[PriorityInfo("A", "p", "One"), PriorityInfo("B", "p", "Two")],
            actions=[ActionInfo(title="Patrol", priority_codes=["B", "A", "B"])],
        )
    )
    assert sorted(Action.objects.get().priorities.values_list("code", flat=True)) == ["A", "B"]


def test_leads_keep_their_order_and_partners_are_linked_each_once():
    AgencyAliasFactory(agency=AgencyFactory(name="Northfield Police"), alias="NF Constables")
    agencies = Agency.objects.count()
    write(
        document(
            actions=[
                ActionInfo(
                    title="Patrol",
                    lead_agencies=["Northfield Council", "NF Constables", "northfield police"],
                    partner_agencies=["Northfield Fire", "NORTHFIELD FIRE", "NF Constables"],
                )
            ]
        )
    )
    action = Action.objects.get()
    leads = ActionLead.objects.filter(action=action).order_by("order")
    assert [(lead.agency.name, lead.order) for lead in leads] == [
        ("Northfield Council", 0),
        ("Northfield Police", 1),
    ]
    assert sorted(action.partner_agencies.values_list("name", flat=True)) == [
        "Northfield Fire",
        "Northfield Police",
    ]
    assert Agency.objects.count() == agencies + 2


def test_a_report_adds_progress_to_the_plans_action_of_the_same_title_and_adds_new_ones():
    strategy, safer, parsed = attached_report(
        actions=[
            ActionInfo(title="  evening   PATROL ", progress=["Done twice"], rag="green"),
            ActionInfo(title="Survey"),
        ],
        last_updated=datetime.date(2019, 10, 1),
    )
    patrol = ActionFactory(plan=strategy, title="Evening patrol", order=0)
    ActionFactory(plan=strategy, title="Leaflets", order=1)
    report = write(parsed)
    update = ProgressUpdate.objects.get()
    assert update.action == patrol
    assert (update.text, update.rag, update.date) == (
        "Done twice",
        "green",
        datetime.date(2019, 10, 1),
    )
    survey = strategy.actions.get(title="Survey")
    assert survey.order == 2
    assert strategy.actions.count() == 3
    assert report.created["actions"] == 1


def test_a_new_plan_makes_every_action_even_with_a_title_another_plan_has():
    ActionFactory(
        title="Patrol", plan=PlanFactory(partnership=PartnershipFactory(name=PARTNERSHIP))
    )
    write(document(title="New plan", actions=[ActionInfo(title="Patrol", progress=["Begun"])]))
    action = Action.objects.get(plan__title="New plan")
    assert action.order == 0
    assert ProgressUpdate.objects.get().action == action


def test_progress_is_signed_by_the_document_and_dated_by_its_last_update():
    write(
        document(
            actions=[ActionInfo(title="Patrol", progress=["Begun", "Begun", "Half done"])],
            last_updated=datetime.date(2019, 12, 1),
        )
    )
    updates = ProgressUpdate.objects.order_by("text")
    assert [(u.text, u.date) for u in updates] == [
        ("Begun", datetime.date(2019, 12, 1)),
        ("Half done", datetime.date(2019, 12, 1)),
    ]
    assert {u.author_name for u in updates} == {"Imported from northfield.txt"}
    assert {u.rag for u in updates} == {""}
    assert Action.objects.get().last_update_on == datetime.date(2019, 12, 1)


def test_progress_of_a_document_without_a_date_is_dated_by_its_end():
    write(document(actions=[ActionInfo(title="Patrol", progress=["Begun"])]))
    assert ProgressUpdate.objects.get().date == END


def test_progress_is_never_dated_in_the_future():
    today = datetime.date.today()
    end = today + datetime.timedelta(days=200)
    write(
        document(
            start=today - datetime.timedelta(days=100),
            end=end,
            actions=[ActionInfo(title="Patrol", progress=["Begun"])],
        )
    )
    assert ProgressUpdate.objects.get().date <= today
    assert ProgressUpdate.objects.get().date >= today - datetime.timedelta(days=1)


def test_progress_already_held_for_that_date_is_not_added_again():
    strategy, safer, parsed = attached_report(
        actions=[ActionInfo(title="Patrol", progress=["Begun", "Half done"])]
    )
    patrol = ActionFactory(plan=strategy, title="Patrol")
    ProgressUpdateFactory(action=patrol, date=END, text="Begun")
    ProgressUpdateFactory(action=patrol, date=datetime.date(2019, 6, 1), text="Half done")
    write(parsed)
    assert sorted(patrol.updates.values_list("text", "date")) == [
        ("Begun", END),
        ("Half done", datetime.date(2019, 6, 1)),
        ("Half done", END),
    ]


def test_progress_held_by_another_action_does_not_stop_the_same_text():
    strategy, safer, parsed = attached_report(
        actions=[ActionInfo(title="Patrol", progress=["Begun"])]
    )
    patrol = ActionFactory(plan=strategy, title="Patrol")
    ProgressUpdateFactory(
        action=ActionFactory(plan=strategy, title="Other"), date=END, text="Begun"
    )
    write(parsed)
    assert patrol.updates.get().text == "Begun"


# Agencies


def test_agencies_are_found_by_name_or_alias_ignoring_case_and_spacing():
    police = AgencyFactory(name="Northfield Police")
    AgencyAliasFactory(agency=police, alias="NF Constables")
    council = AgencyFactory(name="Northfield Council")
    agencies = Agency.objects.count()
    report = write(
        document(
            members=[Member(agency="northfield  council", role="member")],
            actions=[ActionInfo(title="Patrol", lead_agencies=["nf CONSTABLES"])],
        )
    )
    assert Agency.objects.count() == agencies
    assert Membership.objects.get().agency == council
    assert ActionLead.objects.get().agency == police
    assert sorted(report.linked) == ["agency Northfield Council", "agency Northfield Police"]
    assert report.new_agencies == []


def test_an_agency_named_only_as_a_partner_is_found_not_made_again():
    fire = AgencyFactory(name="Northfield Fire")
    AgencyAliasFactory(agency=fire, alias="NF Fire")
    report = write(document(actions=[ActionInfo(title="Patrol", partner_agencies=["nf fire"])]))
    assert list(Action.objects.get().partner_agencies.all()) == [fire]
    assert report.new_agencies == []
    assert report.linked == ["agency Northfield Fire"]


def test_an_agency_named_twice_is_linked_and_reported_once():
    police = AgencyFactory(name="Northfield Police")
    AgencyAliasFactory(agency=police, alias="NF Constables")
    report = write(
        document(
            members=[Member(agency="NF Constables", role="member")],
            actions=[
                ActionInfo(title="One", lead_agencies=["Northfield Police"]),
                ActionInfo(title="Two", lead_agencies=["NF Constables"]),
            ],
        )
    )
    assert report.linked.count("agency Northfield Police") == 1
    assert set(ActionLead.objects.values_list("agency", flat=True)) == {police.pk}


def test_an_agency_the_database_lacks_is_created_once_under_the_name_written():
    report = write(
        document(
            members=[Member(agency="Northfield Fire", role="member")],
            actions=[ActionInfo(title="Patrol", partner_agencies=["northfield fire"])],
        )
    )
    assert list(
        Agency.objects.filter(name__iexact="Northfield Fire").values_list("name", flat=True)
    ) == ["Northfield Fire"]
    assert report.new_agencies == ["Northfield Fire"]
    assert report.created["agencies"] == 1


@pytest.mark.parametrize("other", ["Alpha Watch", "Zulu Watch"])
def test_where_a_name_and_an_alias_match_it_takes_the_agency_resolve_takes(other):
    by_name = AgencyFactory(name="Watch")
    by_alias = AgencyFactory(name=other)
    AgencyAliasFactory(agency=by_alias, alias="watch")
    write(document(actions=[ActionInfo(title="Patrol", lead_agencies=["WATCH"])]))
    taken = ActionLead.objects.get().agency
    assert taken == Agency.objects.resolve("WATCH")
    assert taken == min(by_name, by_alias, key=lambda agency: agency.name)


def test_a_name_differing_from_a_known_agency_only_in_a_letter_without_a_capital_is_new():
    # "ß" has no capital of its own: upper-casing makes "STRASSE", lower-casing keeps it, as
    # the database's comparison (and Agency.objects.resolve) does.
    team = AgencyFactory(name="Strasse Team")
    AgencyAliasFactory(agency=team, alias="NF Street Team")
    assert Agency.objects.resolve("Straße Team") is None
    write(
        document(
            actions=[ActionInfo(title="Patrol", lead_agencies=["NF Street Team", "Straße Team"])]
        )
    )
    assert [lead.agency.name for lead in ActionLead.objects.order_by("order")] == [
        "Strasse Team",
        "Straße Team",
    ]


# Figures and targets


def test_figures_are_saved_as_observations_of_their_indicator():
    write(
        figures_only(
            [figure(44, unit="count"), figure("12.5", indicator="Burglary", unit="rate_per_1000")]
        )
    )
    robbery = Indicator.objects.get(name="Robbery")
    assert (robbery.slug, robbery.unit) == ("robbery", Indicator.Unit.COUNT)
    assert Indicator.objects.get(name="Burglary").unit == Indicator.Unit.RATE_PER_1000
    observation = Observation.objects.get(indicator=robbery)
    assert (observation.value, observation.period_start, observation.source) == (
        Decimal(44),
        START,
        "northfield.txt",
    )
    assert observation.period_end == datetime.date(2020, 3, 31)


@pytest.mark.parametrize(
    "unit, saved",
    [
        ("count", Indicator.Unit.COUNT),
        ("percent", Indicator.Unit.PERCENT),
        ("rate_per_1000", Indicator.Unit.RATE_PER_1000),
        ("rank", Indicator.Unit.RANK),
    ],
)
def test_each_unit_of_a_figure_gives_its_indicator_unit(unit, saved):
    write(figures_only([figure(3, unit=unit)]))
    assert Indicator.objects.get().unit == saved


def test_an_indicator_is_found_by_name_ignoring_case():
    held = IndicatorFactory(name="ROBBERY")
    report = write(figures_only([figure(44), figure(40, indicator="robbery", start=END)]))
    assert Indicator.objects.get() == held
    assert Observation.objects.filter(indicator=held).count() == 2
    assert report.created["indicators"] == 0


def test_one_new_indicator_serves_every_figure_naming_it():
    write(figures_only([figure(44), figure(40, indicator="ROBBERY", start=END)]))
    assert Indicator.objects.get().name == "Robbery"
    assert Observation.objects.count() == 2


def test_targets_are_saved_with_their_note_as_counts():
    write(
        figures_only(targets=[TargetInfo("Robbery", START, END, Decimal(40), 9, note="5% fewer")])
    )
    target = Target.objects.get()
    assert (target.indicator.name, target.indicator.unit) == ("Robbery", Indicator.Unit.COUNT)
    assert (target.value, target.period_start, target.period_end) == (Decimal(40), START, END)
    assert target.note == "5% fewer"
    assert target.partnership.name == PARTNERSHIP


def test_a_target_uses_the_indicator_a_figure_made():
    write(figures_only([figure(44)], targets=[TargetInfo("robbery", START, END, Decimal(40), 9)]))
    assert Indicator.objects.count() == 1
    assert Target.objects.get().indicator == Observation.objects.get().indicator


def test_a_figure_already_recorded_keeps_its_value_and_the_difference_is_warned():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    robbery = IndicatorFactory(name="Robbery")
    ObservationFactory(
        partnership=partnership,
        indicator=robbery,
        period_start=START,
        period_end=END,
        value=Decimal("47.00"),
    )
    parsed = figures_only([figure("44.50", line=21)])
    report = write(parsed)
    assert Observation.objects.get().value == Decimal(47)
    message = f"Robbery {START} to {END}: kept the recorded 47; the document says 44.5"
    assert report.kept_existing == [message]
    assert ImportBatch.objects.get().warnings == [{"line": 21, "message": message}]
    assert report.created["observations"] == 0


def test_a_figure_already_recorded_with_the_same_value_is_neither_added_nor_warned():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    robbery = IndicatorFactory(name="Robbery")
    ObservationFactory(
        partnership=partnership, indicator=robbery, period_start=START, period_end=END, value=44
    )
    report = write(figures_only([figure(44)]))
    assert Observation.objects.count() == 1
    assert report.kept_existing == []
    assert ImportBatch.objects.get().warnings == []


def test_a_figure_recorded_for_another_period_or_partnership_does_not_stop_a_new_one():
    robbery = IndicatorFactory(name="Robbery")
    own = PartnershipFactory(name=PARTNERSHIP)
    ObservationFactory(
        partnership=own, indicator=robbery, period_start=END, period_end=END, value=1
    )
    ObservationFactory(indicator=robbery, period_start=START, period_end=END, value=2)
    write(figures_only([figure(44)]))
    assert Observation.objects.filter(partnership=own, period_start=START).get().value == 44


def test_one_period_given_twice_in_a_document_is_saved_once_and_warned():
    report = write(figures_only([figure(44, line=3), figure(45, line=4)]))
    assert Observation.objects.get().value == 44
    assert len(report.kept_existing) == 1
    assert ImportBatch.objects.get().warnings[0]["line"] == 4


def test_a_target_already_recorded_keeps_its_value():
    partnership = PartnershipFactory(name=PARTNERSHIP)
    robbery = IndicatorFactory(name="Robbery")
    TargetFactory(
        partnership=partnership, indicator=robbery, period_start=START, period_end=END, value=30
    )
    report = write(figures_only(targets=[TargetInfo("Robbery", START, END, Decimal(40), 9)]))
    assert Target.objects.get().value == 30
    assert report.kept_existing == [
        f"Robbery {START} to {END}: kept the recorded 30; the document says 40"
    ]


def test_every_row_created_has_history_naming_the_user():
    user = UserFactory()
    write(
        document(
            members=[Member(agency="Northfield Police", role="member")],
            actions=[
                ActionInfo(title="Patrol", progress=["Begun"], lead_agencies=["Northfield Council"])
            ],
            figures=[figure(4)],
        ),
        user=user,
    )
    for model in [Partnership, Plan, Priority, Membership, Action, ProgressUpdate]:
        assert set(model.history.values_list("history_user", "history_type")) == {(user.pk, "+")}, (
            model
        )
    assert ContentType.objects.get_for_model(Observation) in {
        item.content_type for item in ImportedObject.objects.all()
    }
