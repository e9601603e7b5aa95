"""dacorum-update-2011-12.txt: numbered priorities, a table under each, a crime table."""

from datetime import date
from decimal import Decimal

import pytest

DBC = "Dacorum Borough Council"
POLICE = "Hertfordshire Constabulary"
FIRE = "Hertfordshire Fire and Rescue Service"


@pytest.fixture(scope="module")
def document(parsed):
    return parsed("dacorum-update-2011-12.txt")


def action(document, title):
    matches = [action for action in document.actions if action.title == title]
    assert len(matches) == 1, f"{len(matches)} actions titled {title!r}"
    return matches[0]


def figure(document, indicator, measure):
    return next(f for f in document.figures if f.indicator == indicator and f.measure == measure)


def test_it_reads_the_partnership_and_plan(document):
    assert document.layout == "priority_action_tables"
    assert document.partnership.name == "Dacorum"
    assert document.plan.kind == "update_report"
    assert (document.plan.start, document.plan.end) == (date(2011, 4, 1), date(2012, 3, 31))


def test_it_reads_6_numbered_priorities(document):
    assert [(p.code, p.title) for p in document.priorities] == [
        ("1", "Antisocial Behaviour & Criminal Damage"),
        ("2", "Dwelling Burglary"),
        ("3", "Alcohol Misuse"),
        ("4", "Drug Misuse"),
        ("5", "Reassurance"),
        ("6", "Youth Related Crime & Disorder"),
    ]


def test_it_reads_37_action_rows(document):
    assert document.counts()["action_rows"] == 37
    assert sum(len(a.rows) for a in document.actions) == 37


def test_an_action_under_several_priorities_is_one_action_linked_to_each(document):
    joint = action(document, "Instigate Joint Agency activity over Halloween period")
    assert joint.priority_codes == ["1", "3", "6"]
    assert joint.rows == [15, 39, 76]
    assert joint.lead_agencies == [POLICE, DBC]
    assert joint.progress == ["120 young people spoken to – 35 litres of alcohol seized"]
    drive = action(document, "Support Programme of Drive Safely Events across Dacorum Schools")
    assert drive.priority_codes == ["1", "3", "4", "6"]
    assert len(drive.progress) == 2
    # 37 rows, of which 3 + 4 + 2 are the same three actions.
    assert len(document.actions) == 31


def test_as_above_takes_the_value_of_the_row_above(document):
    above = action(document, "Support facilities for street/problem drinkers")
    homeless = action(document, "Support for Homeless and Vulnerable")
    assert homeless.target == above.target
    assert homeless.target.startswith("To provide temporary accommodation for homeless")
    assert homeless.progress == above.progress
    assert homeless.priority_codes == ["3", "4"]


@pytest.mark.parametrize(
    ("title", "timescale", "start", "due"),
    [
        (
            "Provide Twilight sessions at Adventure Playgrounds",
            "July- Sept",
            date(2011, 7, 1),
            date(2011, 9, 30),
        ),
        (
            "Support Programme of Drive Safely Events across Dacorum Schools",
            "May – October 2011",
            date(2011, 5, 1),
            date(2011, 10, 31),
        ),
        ("Support Community Action Days", "During 2011-12", date(2011, 4, 1), date(2012, 3, 31)),
        (
            "Provide reassurance messages around sexual assaults",
            "Summer 2011",
            date(2011, 6, 1),
            date(2011, 8, 31),
        ),
        ("Support Alcohol Awareness month", "June 2011", date(2011, 6, 1), date(2011, 6, 30)),
        (
            "Provide support to Adventure Playgrounds (APGs)",
            "Feb – March 2012",
            date(2012, 2, 1),
            date(2012, 3, 31),
        ),
        (
            "Instigate Joint Agency activity over Halloween period",
            "Pre Halloween to November 5 th 2012",
            None,
            date(2012, 11, 5),
        ),
        ("Effective use of Community payback scheme", "Ongoing", None, None),
        (
            "Recruit Family Intervention Programme Worker to implement FIP Programme",
            "Project is ongoing",
            None,
            None,
        ),
    ],
)
def test_timescales_are_kept_as_written_with_dates_where_readable(
    document, title, timescale, start, due
):
    found = action(document, title)
    assert (found.timescale, found.start, found.due) == (timescale, start, due)


def test_updates_become_progress_updates(document):
    assert all(a.progress for a in document.actions)
    assert action(
        document, "Recruit Family Intervention Programme Worker to implement FIP Programme"
    ).progress == ["Worker in post 1/3/12"]


def test_a_row_broken_across_a_page_is_joined(document):
    zone = action(document, "Support No Cold Calling Zone, Northchurch")
    assert zone.progress == [
        "Funding provided by CSP to purchase necessary signs and CP advice provided"
    ]
    assert zone.lead_agencies == ["Trading Standards", POLICE]


def test_lead_agency_aliases_resolve_and_the_partnership_itself_is_not_an_agency(document):
    assert action(document, "Effective use of Community payback scheme").lead_agencies == [
        "Probation Service"
    ]
    assert action(document, "Provide Support to Life Skills Course").lead_agencies == [FIRE]
    assert action(document, "Support positive media messages").lead_agencies == [POLICE, FIRE]
    assert action(
        document, "Develop closer working between DBC CCTV & Herts Police"
    ).lead_agencies == [
        POLICE,
        DBC,
    ]


def test_the_crime_table_becomes_observations_as_at_26_march_2012(document):
    assert len(document.figures) == 24
    assert {(f.period_start, f.period_end) for f in document.figures} == {
        (date(2011, 4, 1), date(2012, 3, 26))
    }
    change = figure(document, "All crime", "change")
    assert (change.value, change.unit) == (Decimal("-11"), "percent")
    assert figure(document, "Robbery", "change").value == Decimal("-42.9")


def test_county_positions_are_ranks_out_of_10_districts(document):
    per_1000 = figure(document, "Vehicle crime", "rank_per_1000")
    assert (per_1000.value, per_1000.unit, per_1000.out_of) == (Decimal("7"), "rank", 10)
    reduction = figure(document, "Burglary dwelling", "rank_change")
    assert (reduction.value, reduction.out_of) == (Decimal("9"), 10)
    assert per_1000.indicator_name == "Vehicle crime: position in county per 1,000 population"


def test_it_warns_about_differing_repeats_and_dates_past_the_plan(document):
    messages = [(w.line, w.message) for w in document.warnings]
    assert (67, "joined to the row on line 65: a table row broken across a page") in messages
    assert any(line == 15 and "after the plan's period ends" in m for line, m in messages)
    assert any(line == 40 and "different timescale" in m for line, m in messages)
