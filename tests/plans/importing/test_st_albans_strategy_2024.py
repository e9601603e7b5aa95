"""st-albans-strategy-2024-27.txt: priorities, partner agencies, commitments per priority."""

from datetime import date

import pytest

SADC = "St Albans City and District Council"
POLICE = "Hertfordshire Constabulary"
FIRE = "Hertfordshire Fire and Rescue Service"


@pytest.fixture(scope="module")
def document(parsed):
    return parsed("st-albans-strategy-2024-27.txt")


def starting(document, text):
    matches = [a for a in document.actions if a.title.startswith(text)]
    assert len(matches) == 1, f"{len(matches)} actions starting {text!r}"
    return matches[0]


def test_it_is_a_strategy_for_april_2024_to_march_2027(document):
    assert document.layout == "narrative_strategy"
    assert document.partnership.name == "St Albans"
    assert document.plan.kind == "strategy"
    assert document.plan.title == (
        "St Albans City and District Community Safety Partnership Strategy 2024-2027"
    )
    assert (document.plan.start, document.plan.end) == (date(2024, 4, 1), date(2027, 3, 31))


def test_it_reads_3_priorities_with_their_narratives(document):
    assert [(p.code, p.title) for p in document.priorities] == [
        ("1", "Protecting communities and making them feel safe."),
        ("2", "Tackling crime and anti-social behaviour."),
        ("3", "Responding to emerging issues effectively and proportionately."),
    ]
    first, second, third = (p.narrative for p in document.priorities)
    assert first.startswith("The Council will build on its achievements as a White Ribbon")
    assert "Operation Vigilant" in first
    assert second.startswith("Hertfordshire Services for Young People will continue to deliver")
    assert third.endswith("another approach considered if not.")


def test_it_reads_member_and_partner_agencies(document):
    members = [m.agency for m in document.members if m.role == "member"]
    assert members == [
        SADC,
        "Hertfordshire Services for Young People",
        "Hertfordshire Police and Crime Commissioner",
        POLICE,
        FIRE,
        "Probation Service",
        "Herts Valleys Clinical Commissioning Group",
        "Hertfordshire County Council",
    ]
    others = [m.agency for m in document.members if m.role == "other_agency"]
    assert "Change Grow Live" in others
    assert "British Transport Police" in others
    assert "Govia Thameslink" in others
    # Already a member, so not listed again among the agencies worked with.
    assert "Hertfordshire County Council" not in others


def test_the_clinical_commissioning_group_is_not_the_primary_care_trust(document):
    agencies = {m.agency for m in document.members}
    assert "Herts Valleys Clinical Commissioning Group" in agencies
    assert "Primary Care Trust" not in agencies


def test_each_commitment_paragraph_becomes_an_action_of_its_priority(document):
    assert len(document.actions) == 24
    codes = [a.priority_codes for a in document.actions]
    assert codes == [["1"]] * 16 + [["2"]] * 6 + [["3"]] * 2


def test_the_council_is_the_district_council(document):
    assert starting(document, "The Council will build on").lead_agencies == [SADC]
    assert starting(document, "In partnership with Morgan Sindell").lead_agencies == [SADC]
    licensing = starting(document, "The Council’s Licensing Team")
    assert licensing.lead_agencies == [SADC]
    assert licensing.partner_agencies == [POLICE]


def test_they_is_the_agency_of_the_paragraph_before(document):
    assert starting(document, "Hertfordshire Fire and Rescue Service will").lead_agencies == [FIRE]
    assert starting(document, "They will also work to identify").lead_agencies == [FIRE]
    tenancies = starting(document, "They will continue to work with the District Council")
    assert tenancies.lead_agencies == [FIRE]
    assert tenancies.partner_agencies == [SADC]
    assert starting(document, "The Service will collaborate").lead_agencies == [FIRE]


def test_the_police_is_the_constabulary(document):
    police = starting(document, "The Police will address")
    assert police.lead_agencies == [POLICE]
    assert "Continue VAWG scrutiny panels" in police.description
    assert starting(document, "Police Neighbourhood Teams").lead_agencies == [POLICE]
    assert starting(document, "Hertfordshire Constabulary Neighbourhood").lead_agencies == [POLICE]


def test_a_commitment_naming_no_agency_is_a_warning(document):
    unled = [a for a in document.actions if not a.lead_agencies]
    assert [a.line for a in unled] == [97, 101]
    assert {w.line for w in document.warnings} == {97, 101}
    # "This will include ..." goes on from the paragraph before it.
    assert "short term targeted measures" in unled[0].description
