"""The ONS area of a partnership, found from the name people give it."""

import pytest

from partnerships.areas import Area, area_lookup, find_area


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("St Albans", Area("E07000240", "St Albans", "Hertfordshire")),
        ("Dacorum", Area("E07000096", "Dacorum", "Hertfordshire")),
        ("North Herts", Area("E07000099", "North Hertfordshire", "Hertfordshire")),
    ],
)
def test_it_finds_the_district_of_each_partnership_in_the_seeds(name, area):
    assert find_area(name) == area


@pytest.mark.parametrize(
    "name",
    [
        "St Albans City and District",
        "St. Albans City & District Council",
        "Saint Albans District",
        "ST ALBANS COMMUNITY SAFETY PARTNERSHIP",
    ],
)
def test_names_are_compared_loosely(name):
    assert find_area(name).code == "E07000240"


def test_and_and_ampersand_and_shortened_counties_make_no_difference():
    assert find_area("Welwyn & Hatfield").code == find_area("Welwyn Hatfield").code
    assert find_area("Redcar & Cleveland").name == "Redcar and Cleveland"
    assert find_area("North Hertfordshire District Council").code == "E07000099"
    assert find_area("East Herts").name == "East Hertfordshire"


def test_a_name_with_city_of_is_found_either_way_round():
    assert find_area("Kingston upon Hull").code == "E06000010"
    assert find_area("City of Bristol") == find_area("Bristol, City of")


def test_a_former_district_finds_the_area_that_now_covers_it():
    # Barrow-in-Furness became part of Westmorland and Furness in 2023.
    assert find_area("Barrow-in-Furness") == Area("E06000064", "Westmorland and Furness", "")


def test_a_unitary_authority_has_no_county():
    assert find_area("Luton").county == ""


def test_a_partnership_of_several_districts_gets_its_csp_code():
    assert find_area("East and Mid Devon") == Area("E22000362", "East and Mid Devon", "Devon")


@pytest.mark.parametrize("name", ["", "Hertfordshire", "Herts", "Nowhere Borough"])
def test_a_name_of_no_district_finds_nothing(name):
    assert find_area(name) is None


def test_an_lsoa_name_finds_its_current_district_exactly():
    lookup = area_lookup()
    assert lookup.district_of_lsoa("St Albans 012C") == "E07000240"
    assert lookup.district_of_lsoa("Nowhere 001A") is None


def test_an_old_district_code_or_a_csp_code_finds_todays_districts():
    lookup = area_lookup()
    assert lookup.districts_of("E07000100") == {"E07000240"}  # St Albans before 2015
    assert lookup.districts_of("E22000128") == {"E07000240"}  # St Albans CSP
