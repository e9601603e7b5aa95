"""st-albans-strategy-2011-12.txt: a draft strategy with aims, members and a crime table."""

from datetime import date
from decimal import Decimal

import pytest

MEMBERS = [
    "St Albans City and District Council",
    "Hertfordshire County Council",
    "Hertfordshire Constabulary",
    "Hertfordshire Fire and Rescue Service",
    "Hertfordshire Police Authority",
    "Primary Care Trust",
    "Probation Service",
    "Hertfordshire Youth Offending Team",
]
EARLIER = (date(2009, 4, 1), date(2009, 12, 31))
LATER = (date(2010, 4, 1), date(2010, 12, 31))


@pytest.fixture(scope="module")
def document(parsed):
    return parsed("st-albans-strategy-2011-12.txt")


def test_it_is_a_draft_strategy_for_2011_12(document):
    assert document.layout == "narrative_strategy"
    assert document.partnership.name == "St Albans"
    assert document.plan.kind == "strategy"
    assert document.plan.status == "draft"
    assert (document.plan.start, document.plan.end) == (date(2011, 4, 1), date(2012, 3, 31))


def test_it_reads_5_aims(document):
    assert [(p.code, p.kind) for p in document.priorities] == [(str(n), "aim") for n in range(1, 6)]
    assert document.priorities[2].title == "Prevent and reduce anti social behaviour incidents."


def test_each_aim_has_the_narrative_under_its_heading(document):
    narratives = [p.narrative for p in document.priorities]
    assert narratives[0].startswith("The Partnership will prioritise the prevention")
    assert "SmartWater" in narratives[0]
    assert "Hertfordshire Drugs Strategy" in narratives[1]
    # A paragraph a page break cut in two is joined again.
    assert "single framework for the management and rehabilitation" in narratives[3]
    # The performance section that follows is no aim's narrative.
    assert "table below" not in narratives[4]


def test_it_reads_the_8_member_agencies(document):
    assert [m.agency for m in document.members if m.role == "member"] == MEMBERS


def test_it_reads_the_other_agencies_worked_with(document):
    others = [m.agency for m in document.members if m.role == "other_agency"]
    assert others[:5] == [
        "British Transport Police",
        "First Capital Connect",
        "Central Herts Magistrates Bench",
        "Crown Prosecution Service",
        "Trading Standards",
    ]
    assert "The Community Care Partnership" in others


def test_the_performance_table_gives_7_crime_types_over_two_periods(document):
    assert len(document.figures) == 14
    assert {f.indicator for f in document.figures} == {
        "All crime",
        "Serious violent crime",
        "Assault with less serious injury",
        "Burglary dwelling",
        "Theft from vehicle",
        "Theft of vehicle",
        "Robbery",
    }
    assert {(f.period_start, f.period_end) for f in document.figures} == {EARLIER, LATER}
    assert {f.unit for f in document.figures} == {"count"}


def test_the_robbery_numbers_are_kept(document):
    robbery = {
        (f.period_start, f.period_end): f.value
        for f in document.figures
        if f.indicator == "Robbery"
    }
    assert robbery == {EARLIER: Decimal("47"), LATER: Decimal("44")}


def test_a_stated_change_that_disagrees_with_the_numbers_is_a_warning_naming_the_row(document):
    stated = [w for w in document.warnings if "the document says" in w.message]
    assert len(stated) == 1
    assert stated[0].line == 69
    assert stated[0].message.startswith('Robbery: the document says "3 more crimes (+6.8%)"')
    assert "47 -> 44 is 3 fewer crimes (-6.4%)" in stated[0].message


def test_the_target_implied_by_crimes_ahead_of_target_is_kept(document):
    [target] = document.targets
    assert target.indicator == "All crime"
    assert (target.period_start, target.period_end) == LATER
    # 5453 crimes, 612 ahead of (below) the target for the year to date.
    assert target.value == Decimal("6065")
    assert target.line == 60


def test_it_makes_no_actions_of_the_narrative(document):
    assert document.actions == []
