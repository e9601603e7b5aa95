"""Every accepted document passes plausibility checks; what fails one is a check warning."""

from datetime import date, timedelta

import pytest

from plans.importing import parse_document
from plans.importing.corrections import Corrections

HEADER = "Action\tLead agency\tTimescale"


def parse(text: str, name: str = "plan.txt"):
    return parse_document(text.encode(), name)


def checks(document) -> list[str]:
    return [warning.message for warning in document.warnings if warning.check]


def plan(title="Northfield Community Safety Partnership Action Plan 2019/20", rows=None, before=""):
    rows = rows or ["Patrol the park\tPolice\tJune 2019", "Visit schools\tCouncil\tMarch 2020"]
    return "\n".join([title, "", before, "", HEADER, *rows])


def test_a_plain_plan_raises_no_checks():
    assert checks(parse(plan())) == []


def test_a_meeting_line_taken_for_the_partnership_is_checked():
    title = "Meeting of the Executive held on 05/04/2005\nNorthfield Community Safety Partnership"
    document = parse(plan(title=title + " Action Plan 2019/20"))
    assert any("looks like a heading or a meeting line" in m for m in checks(document))


def test_a_partnership_named_after_an_ons_district_is_not_checked():
    document = parse(plan(title="St Albans Community Safety Partnership Action Plan 2019/20"))
    assert not any("partnership" in m for m in checks(document))


def test_a_partnership_name_that_is_a_plain_name_is_not_checked_even_if_unknown_to_ons():
    assert not any("partnership" in m for m in checks(parse(plan())))


@pytest.mark.parametrize(("days", "expect_check"), [(1, True), (27, True), (28, False)])
def test_a_plan_shorter_than_a_month_is_checked(days, expect_check):
    start = date(2019, 5, 5)
    corrections = Corrections(period_start=start, period_end=start + timedelta(days=days - 1))
    document = parse_document(plan().encode(), "plan.txt", corrections=corrections)
    assert any(f"the plan covers only {days} day" in m for m in checks(document)) is expect_check


def test_a_report_of_one_quarter_is_not_checked_for_its_length():
    corrections = Corrections(
        kind="update_report", period_start=date(2004, 4, 1), period_end=date(2004, 4, 20)
    )
    document = parse_document(plan().encode(), "plan.txt", corrections=corrections)
    assert not any("covers only" in m for m in checks(document))


def test_a_date_outside_1995_to_2040_is_checked():
    document = parse(plan(rows=["Patrol the park\tPolice\tMarch 2055", "Visit\tCouncil\tMay 2019"]))
    assert any("outside 1995-2040" in m and "Patrol the park" in m for m in checks(document))


def test_over_half_the_actions_without_a_lead_is_checked():
    rows = [
        "Patrol the park.\t\tJune 2019",
        "Visit schools.\t\tMay 2019",
        "Mend.\tPolice\tMay 2019",
    ]
    assert any("2 of 3 actions have no lead agency" in m for m in checks(parse(plan(rows=rows))))


def test_half_the_actions_without_a_lead_is_not_checked():
    rows = ["Patrol the park.\t\tJune 2019", "Mend.\tPolice\tMay 2019"]
    assert not any("no lead agency" in m for m in checks(parse(plan(rows=rows))))


def test_a_code_glued_to_its_words_is_checked():
    rows = ["2.1Reduce burglary\tPolice\tJune 2019", "Visit schools\tCouncil\tMay 2019"]
    found = checks(parse(plan(rows=rows)))
    assert any('"2.1" glued to the word "Reduce"' in m for m in found)


@pytest.mark.parametrize(
    ("stated", "expect_check"), [("four", True), ("two", False), ("2", False), ("11", True)]
)
def test_a_stated_count_of_aims_is_checked_against_those_found(stated, expect_check):
    before = f"Our {stated} aims are:\n(A) Reduce crime\n(B) Reassure people"
    rows = ["Patrol the park\tA\tPolice\tJune 2019", "Visit schools\tB\tCouncil\tMay 2019"]
    text = "\n".join(
        ["Northfield Community Safety Partnership Action Plan 2019/20", "", before, ""]
        + ["Action\tAim\tLead agency\tTimescale", *rows]
    )
    document = parse(text)
    assert len(document.priorities) == 2
    assert any("speaks of" in m for m in checks(document)) is expect_check


def test_checks_come_first_and_say_so_in_json():
    rows = ["2.1Reduce burglary.\tPolice\tJune 2019", "Visit.\t\tMay 2019", "Mend.\t\tMay 2019"]
    data = parse(plan(rows=rows)).to_json()
    flags = [warning["check"] for warning in data["warnings"]]
    assert flags and flags == sorted(flags, reverse=True)
    assert flags[0] is True


def test_a_document_of_aims_alone_says_all_that_would_be_saved():
    text = (
        "Northfield Community Safety Partnership Strategy 2019/20\n\n"
        "Our aims are:\n1. Reduce burglary.\n2. Reassure residents.\n"
    )
    found = [m for m in checks(parse(text)) if "neither actions nor figures" in m]
    assert found == ["found neither actions nor figures: only 2 priorities would be saved"]
