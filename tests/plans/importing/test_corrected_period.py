"""A period the admin gives in the review is the plan's from the start of parsing: what a
layout reads against the plan's period (a timescale with no year, a report's strategy
years, a table's undated figures) takes the admin's period, not the one the parser read."""

from datetime import date

from plans.importing import parse_document
from plans.importing.corrections import Corrections
from tests.plans.importing.test_report_layouts import MONITORING

# The plan says 2021/22; the admin says it is the plan for 2030/31.
ACTION_PLAN = (
    "Ashford Community Safety Partnership Action Plan 2021/22\n\n"
    "Objective\tAction\tLead officer\tBy when\n"
    "Cut burglary\tMark property at events\tPolice\tJuly - Sept\n"
    "Cut burglary\tVisit repeat victims\tPolice\tMarch 2022\n"
)
YEAR_2030_31 = Corrections(period_start=date(2030, 4, 1), period_end=date(2031, 3, 31))


def parse(text, corrections=None):
    return parse_document(text.encode(), "plan.txt", corrections=corrections)


def due_dates(document):
    return {action.title: action.due for action in document.actions}


def test_a_timescale_with_no_year_falls_in_the_plan_year_the_document_states():
    assert due_dates(parse(ACTION_PLAN))["Mark property at events"] == date(2021, 9, 30)


def test_a_timescale_with_no_year_falls_in_the_plan_year_the_admin_gave():
    document = parse(ACTION_PLAN, YEAR_2030_31)
    assert (document.plan.start, document.plan.end) == (date(2030, 4, 1), date(2031, 3, 31))
    dues = due_dates(document)
    assert dues["Mark property at events"] == date(2030, 9, 30)
    # A timescale with its own year keeps it.
    assert dues["Visit repeat victims"] == date(2022, 3, 31)


def test_a_monitoring_report_keeps_the_admins_period_over_its_strategy_years():
    corrections = Corrections(period_start=date(2009, 4, 1), period_end=date(2012, 3, 31))
    document = parse(MONITORING, corrections)
    assert document.layout == "monitoring_report"
    assert (document.plan.start, document.plan.end) == (date(2009, 4, 1), date(2012, 3, 31))
    # The report's own period still dates the report.
    assert document.plan.last_updated == date(2010, 12, 31)


def test_a_monitoring_report_with_no_strategy_years_does_not_guess_when_the_admin_gave_them():
    corrections = Corrections(period_start=date(2009, 4, 1), period_end=date(2012, 3, 31))
    document = parse(MONITORING.replace("2008 - 2011\n", ""), corrections)
    assert (document.plan.start, document.plan.end) == (date(2009, 4, 1), date(2012, 3, 31))
    assert not any("no strategy period" in w.message for w in document.warnings)
