import pytest

from plans.importing.agencies import (
    DEFAULT_AGENCIES,
    DEFAULT_ALIASES,
    AgencyResolver,
    alias_key,
    resolve_agencies,
)

SADC = "St Albans City and District Council"
POLICE = "Hertfordshire Constabulary"
FIRE = "Hertfordshire Fire and Rescue Service"
HCC = "Hertfordshire County Council"


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("SADC/Police", [SADC, POLICE]),
        ("Police, Trading Standards, SADC", [POLICE, "Trading Standards", SADC]),
        ("Herts County Council, Police", [HCC, POLICE]),
        ("HFRS/Druglink/HCC/Herts Police", [FIRE, "Druglink", HCC, POLICE]),
        ("Police/Herts Police/Hertfordshire Constabulary", [POLICE]),
        ("CSP/Herts Police/HFRS", [POLICE, FIRE]),
        ("Police; Fire", [POLICE, FIRE]),
        ("", []),
    ],
)
def test_it_resolves_a_lead_agency_cell_in_order(cell, names):
    assert resolve_agencies(cell) == names


@pytest.mark.parametrize(
    "name",
    [
        "SADC",
        "St Albans City & District Council",
        "St Albans District Council",
        "st albans city and district council.",
        "  SADC  ",
    ],
)
def test_the_names_of_the_district_council_are_one_body(name):
    assert resolve_agencies(name) == [SADC]


@pytest.mark.parametrize(
    "name", ["Police", "Herts Police", "Hertfordshire Constabulary", "the police", "HERTS  POLICE"]
)
def test_the_names_of_the_constabulary_are_one_body(name):
    assert resolve_agencies(name) == [POLICE]


@pytest.mark.parametrize(
    "name", ["HFRS", "Fire", "Herts Fire & Rescue", "Hertfordshire Fire & Rescue Service"]
)
def test_the_names_of_the_fire_service_are_one_body(name):
    assert resolve_agencies(name) == [FIRE]


def test_the_primary_care_trust_and_the_ccg_are_separate_agencies():
    assert resolve_agencies("PCT") == ["Primary Care Trust"]
    assert resolve_agencies("Herts Valleys CCG") == ["Herts Valleys Clinical Commissioning Group"]


def test_an_unknown_name_passes_through_as_a_new_canonical_name():
    assert resolve_agencies("Hemel Churches Together") == ["Hemel Churches Together"]
    assert resolve_agencies("schools") == ["Schools"]


def test_a_team_of_a_known_agency_is_that_agency():
    assert resolve_agencies("DBC CCTV") == ["Dacorum Borough Council"]
    assert resolve_agencies("HCC Targeted Youth Support") == [HCC]


def test_an_abbreviation_in_brackets_is_read_either_way():
    assert resolve_agencies("Community Mental Health Team (CMHT)") == [
        "Community Mental Health Team"
    ]
    # The commas inside the brackets do not split the name.
    assert resolve_agencies("CGL (Change, Grow, Live), SADC") == ["Change Grow Live", SADC]
    assert resolve_agencies("Safer Streets Team (SST)") == ["Safer Streets Team"]


def test_a_possessive_names_the_team_if_known_else_the_owner():
    resolver = AgencyResolver()
    name = "Hertfordshire County Council’s Trading Standards and Highways teams"
    assert resolver.resolve(name) == ["Trading Standards", HCC]


def test_a_member_list_item_drops_an_area_after_a_slash():
    resolver = AgencyResolver()
    assert resolver.resolve_listed("Hertfordshire Constabulary / North Hertfordshire") == [POLICE]
    assert resolver.resolve_listed("Druglink") == ["Druglink"]


def test_it_uses_the_alias_table_it_is_given():
    aliases = {"Police": "Bedfordshire Police", "BBC": "Bedford Borough Council"}
    assert resolve_agencies("police / bbc", aliases) == [
        "Bedfordshire Police",
        "Bedford Borough Council",
    ]
    assert resolve_agencies("SADC", aliases) == ["SADC"]


def test_only_capitalised_names_in_running_text_are_mentions():
    resolver = AgencyResolver()
    assert resolver.mentions("The Police will work with Fire.") == [(4, POLICE), (26, FIRE)]
    assert resolver.mentions("support police, and identify fire risks") == []
    assert resolver.mentions("The hcc team") == []


def test_no_default_alias_names_two_agencies():
    agencies_by_key = {}
    for agency in DEFAULT_AGENCIES:
        for name in (agency.name, *agency.aliases):
            agencies_by_key.setdefault(alias_key(name), set()).add(agency.name)
    assert {key: names for key, names in agencies_by_key.items() if len(names) > 1} == {}
    assert all(DEFAULT_ALIASES[agency.name] == agency.name for agency in DEFAULT_AGENCIES)


def test_every_default_agency_has_a_known_sector():
    sectors = {"council", "police", "fire", "probation", "health", "education", "housing"}
    sectors |= {"voluntary", "other"}
    assert {agency.sector for agency in DEFAULT_AGENCIES} <= sectors
