"""north-herts-plan-2008-11.txt: key priorities, consultation ranks, success criteria,
activities, and the Hallmarks of Effective Partnership Working."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture(scope="module")
def document(parsed):
    return parsed("north-herts-plan-2008-11.txt")


def test_it_is_the_north_herts_cdrp(document):
    assert document.layout == "success_criteria_plan"
    assert document.partnership.name == "North Herts"
    assert document.partnership.kind == "cdrp"
    assert document.partnership.county == "Hertfordshire"


def test_it_is_a_published_community_safety_plan_for_march_2008_to_march_2011(document):
    plan = document.plan
    assert plan.kind == "community_safety_plan"
    assert plan.status == "published"
    assert plan.title == "North Herts Community Safety Plan"
    assert (plan.start, plan.end) == (date(2008, 3, 1), date(2011, 3, 31))
    assert plan.last_updated == date(2008, 6, 12)


def test_it_reads_the_vision_and_mission(document):
    assert document.partnership.vision == (
        "Making North Hertfordshire a vibrant place to live, work and prosper"
    )
    assert document.partnership.mission == (
        "To work collaboratively with partners to deliver the vision for the district"
    )


def test_it_reads_the_responsible_authorities(document):
    assert [(m.agency, m.role) for m in document.members] == [
        ("Hertfordshire Constabulary", "responsible_authority"),
        ("Hertfordshire Police Authority", "responsible_authority"),
        ("North Hertfordshire District Council", "responsible_authority"),
        ("Hertfordshire County Council", "responsible_authority"),
        ("Hertfordshire Fire and Rescue Service", "responsible_authority"),
        ("East and North Hertfordshire Primary Care Trust", "responsible_authority"),
    ]


def test_it_reads_6_key_priorities_with_their_consultation_ranks(document):
    key = [p for p in document.priorities if p.kind == "key_priority"]
    assert [(p.code, p.title, p.consultation_rank) for p in key] == [
        ("1", "Promote reassurance and increase feeling of safety", 5),
        ("2", "Reduce anti-social behaviour and criminal damage", 1),
        (
            "3",
            "Reduce alcohol related crime and disorder, in particular alcohol related violent "
            "and serious violent crime",
            2,
        ),
        ("4", "Reduce dwelling burglary", 4),
        ("5", "Reduce vehicle crime", 6),
        ("6", "Increase the awareness of domestic violence", 3),
    ]


def test_success_criteria_flag_laa_targets_with_their_numbers(document):
    first = [c for c in document.success_criteria if c.priority_code == "1" and not c.associated]
    assert [(c.laa, c.target_value, c.target_unit) for c in first] == [
        (True, Decimal("4"), "percent"),
        (True, None, ""),
        (True, Decimal("4"), "percent"),
    ]
    assert first[0].text.endswith("to be a big or fairly big problem by 4%")
    assert "LAA" not in first[0].text


def test_associated_success_criteria_are_marked(document):
    associated = Counter(c.priority_code for c in document.success_criteria if c.associated)
    assert associated == {"1": 2, "2": 6, "3": 2, "4": 1, "5": 1, "6": 1}
    safe = next(c for c in document.success_criteria if "SAFE referrals" in c.text)
    assert (safe.associated, safe.laa, safe.target_value) == (True, False, Decimal("5"))


def test_a_placeholder_criterion_is_skipped_with_a_warning(document):
    assert not any("to be identified" in c.text for c in document.success_criteria)
    assert [w.line for w in document.warnings if not w.check] == [238]


def test_it_reads_45_activities_as_actions(document):
    activities = [a for a in document.actions if a.priority_codes != ["H"]]
    assert len(activities) == 45
    assert Counter(a.priority_codes[0] for a in activities) == {
        "1": 9,
        "2": 8,
        "3": 13,
        "4": 6,
        "5": 4,
        "6": 5,
    }
    assert activities[0].title == "Increase PCSO visibility and awareness"


def test_the_hallmarks_have_their_own_9_actions(document):
    hallmark = next(p for p in document.priorities if p.kind == "hallmark")
    assert (hallmark.code, hallmark.title) == ("H", "Hallmarks of Effective Partnership Working")
    assert hallmark.narrative.startswith("Empowered and Effective Leadership: Partnerships need")
    actions = [a for a in document.actions if a.priority_codes == ["H"]]
    assert len(actions) == 9
    meetings = actions[2]
    assert meetings.title == (
        "The Strategy group to hold at least one or more public meetings during each year"
    )
    assert meetings.description.endswith(
        "A senior representative from each responsible authority should be in attendance."
    )
    assert actions[-1].title == "Introduce and Anti – Social Behaviour working group"
