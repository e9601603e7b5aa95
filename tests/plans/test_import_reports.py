"""Importing monitoring reports and figure reports: a report attaches to the plan it reports
on, or makes one; a figure report makes no plan and sends each figure to its partnership."""

import datetime
from decimal import Decimal

import pytest

from actions.models import Action, ProgressUpdate
from partnerships.models import Membership, Partnership
from performance.models import Indicator, Observation, Target
from plans.importing import DocumentError
from plans.importing.corrections import Corrections
from plans.importing.service import import_document
from plans.importing.writer import undo_batch
from plans.models import Plan, Priority, SuccessCriterion
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory, PriorityFactory
from tests.plans.importing.shared_documents import shared_document

pytestmark = pytest.mark.django_db

STRATEGY_YEARS = (datetime.date(2003, 4, 1), datetime.date(2006, 3, 31))

MONITORING_REPORT = """\
Strategy Monitoring Report
2nd Quarter
July to September 2003
ASHVALE CRIME AND DISORDER REDUCTION PARTNERSHIP
COMMUNITY SAFETY STRATEGY
2003 - 2006
OBJECTIVE 1. REDUCING BURGLARY
TARGET:- Reduce domestic burglary by 10% to 1,200 by 2006.
COMMENTS ON ACTIONS
NOT ON
TARGET
Target hardening offered to every repeat victim in the north of the borough this quarter,
with 40 homes fitted so far.
Burglary reduction officer post advertised
OBJECTIVE 2. REDUCING VEHICLE CRIME
TARGET:- Reduce theft from vehicles by 5% by 2006.
COMMENTS ON ACTIONS
NEAR TO TARGET
Car park patrols started in August
"""

FIGURE_REPORT = """\
Community Safety Fund indicators

Indicator\tBaseline at 31 March 2013\tQ2 performance (30 September 2013)\tTarget at 31 March 2014
ASHVALE CSP
Reduce domestic burglary\t1,210\t530\t1,100
Reduce total crime\t9,870 (2%)\tNo New Data Published
BROOKFORD CSP
Reduce domestic burglary\t640\t310\t600
"""


def write(tmp_path, text, name):
    path = tmp_path / name
    path.write_text(text)
    return path


def monitoring_report(tmp_path):
    return write(tmp_path, MONITORING_REPORT, "ashvale-monitoring-q2-2003.txt")


def test_a_monitoring_report_with_no_plan_to_report_on_makes_an_update_report(tmp_path):
    report = import_document(monitoring_report(tmp_path))
    plan = Plan.objects.get()
    assert report.batch.plan == plan
    assert plan.kind == Plan.Kind.UPDATE_REPORT
    assert (plan.period_start, plan.period_end) == STRATEGY_YEARS
    assert plan.last_updated == datetime.date(2003, 9, 30)
    assert plan.partnership.name == "Ashvale"
    assert list(plan.priorities.values_list("code", "title")) == [
        ("1", "Reducing burglary"),
        ("2", "Reducing vehicle crime"),
    ]


def test_targets_comments_and_ratings_are_saved(tmp_path):
    import_document(monitoring_report(tmp_path))
    burglary, vehicles = Action.objects.order_by("order")
    assert (burglary.rag, vehicles.rag) == ("red", "amber")
    updates = list(burglary.updates.order_by("text"))
    assert [u.text[:20] for u in updates] == ["Burglary reduction o", "Target hardening off"]
    assert {(u.date, u.rag) for u in updates} == {(datetime.date(2003, 9, 30), "red")}
    target = Target.objects.get()
    assert (target.indicator.name, target.value) == ("Domestic burglary", Decimal(1200))
    assert (target.period_start, target.period_end) == (
        datetime.date(2005, 4, 1),
        datetime.date(2006, 3, 31),
    )
    criteria = SuccessCriterion.objects.order_by("priority__code")
    assert [(c.target_value, c.target_unit) for c in criteria] == [
        (Decimal(10), "percent"),
        (Decimal(5), "percent"),
    ]


def strategy_plan():
    partnership = PartnershipFactory(name="Ashvale")
    plan = PlanFactory(
        partnership=partnership,
        kind=Plan.Kind.STRATEGY,
        title="Ashvale Community Safety Strategy 2003-2006",
        period_start=STRATEGY_YEARS[0],
        period_end=STRATEGY_YEARS[1],
    )
    priority = PriorityFactory(plan=plan, code="A", title="Reducing burglary")
    action = ActionFactory(plan=plan, title="Reduce domestic burglary by 10% to 1,200 by 2006.")
    action.priorities.add(priority)
    return plan, priority, action


def test_a_monitoring_report_attaches_to_the_strategy_it_reports_on(tmp_path):
    plan, priority, action = strategy_plan()
    report = import_document(monitoring_report(tmp_path))
    assert Plan.objects.get() == plan
    assert report.batch.plan == plan
    assert f"plan {plan.title}" in report.linked
    # The strategy's own priority and action take the report's comments.
    assert action.updates.count() == 2
    assert plan.priorities.count() == 2
    new_priority = plan.priorities.exclude(pk=priority.pk).get()
    assert new_priority.title == "Reducing vehicle crime"
    assert plan.actions.count() == 2
    plan.refresh_from_db()
    assert plan.title == "Ashvale Community Safety Strategy 2003-2006"


def test_undoing_an_attached_report_keeps_the_strategy(tmp_path):
    plan, priority, action = strategy_plan()
    report = import_document(monitoring_report(tmp_path))
    undo_batch(report.batch)
    assert list(Plan.objects.all()) == [plan]
    assert list(plan.priorities.all()) == [priority]
    assert list(plan.actions.all()) == [action]
    assert not ProgressUpdate.objects.exists()
    assert not Target.objects.exists()


def test_a_new_export_of_a_report_already_attached_adds_no_second_comments(tmp_path):
    strategy_plan()
    import_document(monitoring_report(tmp_path))
    again = write(tmp_path, MONITORING_REPORT + "\n\n", "ashvale-monitoring-q2-2003-v2.txt")
    import_document(again)
    assert ProgressUpdate.objects.count() == 3
    assert SuccessCriterion.objects.count() == 2


def test_a_figure_report_makes_no_plan_and_sends_figures_to_their_partnerships(tmp_path):
    report = import_document(write(tmp_path, FIGURE_REPORT, "csf-indicators-q2-2013-14.txt"))
    assert not Plan.objects.exists()
    assert report.batch.plan is None
    assert report.batch.partnership is None  # it covers two partnerships
    assert set(Partnership.objects.values_list("name", flat=True)) == {"Ashvale", "Brookford"}
    ashvale = Observation.objects.filter(partnership__name="Ashvale")
    burglary = ashvale.filter(indicator__name="Domestic burglary").order_by("period_end")
    assert [(o.period_end, o.value) for o in burglary] == [
        (datetime.date(2013, 3, 31), 1210),
        (datetime.date(2013, 9, 30), 530),
    ]
    assert ashvale.filter(indicator__name="Total crime").get().value == 9870
    targets = Target.objects.order_by("partnership__name")
    assert [(t.partnership.name, t.value, t.period_end) for t in targets] == [
        ("Ashvale", 1100, datetime.date(2014, 3, 31)),
        ("Brookford", 600, datetime.date(2014, 3, 31)),
    ]
    assert any("No New Data Published" in w["message"] for w in report.batch.warnings)


def test_calling_a_plan_a_figure_report_is_refused_and_saves_nothing(tmp_path):
    with pytest.raises(DocumentError, match="a figure report makes no plan"):
        import_document(monitoring_report(tmp_path), corrections=Corrections(kind="figure_report"))
    assert not Plan.objects.exists()
    assert not Partnership.objects.exists()


def test_a_figure_report_of_one_partnership_is_recorded_against_it(tmp_path):
    one = FIGURE_REPORT.split("BROOKFORD CSP")[0]
    report = import_document(write(tmp_path, one, "ashvale-indicators.txt"))
    assert report.batch.partnership == Partnership.objects.get(name="Ashvale")
    assert report.batch.plan is None


def test_undoing_a_figure_report_removes_its_figures_and_partnerships(tmp_path):
    existing = PartnershipFactory(name="Brookford")
    report = import_document(write(tmp_path, FIGURE_REPORT, "csf-indicators-q2-2013-14.txt"))
    undo = undo_batch(report.batch)
    assert not Observation.objects.exists()
    assert not Target.objects.exists()
    assert not Indicator.objects.exists()
    assert list(Partnership.objects.all()) == [existing]
    assert undo.removed["observations"] == 5


def test_a_figure_report_imported_twice_creates_nothing_the_second_time(tmp_path):
    path = write(tmp_path, FIGURE_REPORT, "csf-indicators-q2-2013-14.txt")
    import_document(path)
    second = import_document(path)
    assert second.already_imported is not None
    assert Observation.objects.count() == 5


def test_salford_imports_end_to_end():
    report = import_document(
        shared_document("other-councils/salford-cdrp-strategy-monitoring-q1-2004.txt")
    )
    plan = report.batch.plan
    assert plan.partnership.name == "Salford"
    assert plan.priorities.count() == 1
    assert Target.objects.filter(partnership=plan.partnership).count() == 2
    assert ProgressUpdate.objects.filter(date=datetime.date(2004, 6, 30)).count() == 6
    assert set(plan.actions.values_list("rag", flat=True)) == {"green"}


def test_west_yorkshire_imports_end_to_end():
    report = import_document(
        shared_document("other-councils/west-yorkshire-pcc-csf-indicators-q3-2013-14.txt")
    )
    assert report.batch.plan is None and not Plan.objects.exists()
    bradford = Partnership.objects.get(name="Bradford")
    burglary = Observation.objects.filter(partnership=bradford, indicator__name="Domestic burglary")
    assert sorted(burglary.values_list("value", flat=True)) == [1544, 2528, 3628]
    assert Target.objects.get(partnership=bradford).value == 3115
    assert Observation.objects.filter(partnership__name="Calderdale").exists()


def test_reigate_and_banstead_imports_end_to_end():
    report = import_document(
        shared_document("other-councils/reigate-banstead-community-safety-strategy-2005-08.txt")
    )
    plan = report.batch.plan
    assert plan.partnership.name == "Reigate & Banstead"
    assert plan.priorities.count() == 4
    assert Membership.objects.filter(partnership=plan.partnership).count() == 3
    criterion = SuccessCriterion.objects.get()
    assert (criterion.priority.code, criterion.target_value) == ("2", Decimal(16))
    assert Priority.objects.filter(plan=plan, kind="aim").count() == 4
