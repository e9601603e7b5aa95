import csv
import datetime
import re
from collections import Counter

import pytest

from partnerships.areas import area_lookup
from performance.models import Indicator, Observation, PoliceCrimeCount
from performance.police_data import (
    ALL_CRIME,
    SOURCE,
    PoliceDataError,
    save_tally,
    tally_paths,
)
from tests.factories import IndicatorFactory, PartnershipFactory
from tests.performance.police_files import real_file, street_row, write_street_file

pytestmark = pytest.mark.django_db
DECEMBER = datetime.date(2021, 12, 1)


@pytest.fixture
def st_albans():
    return PartnershipFactory(name="St Albans", ons_code="E07000240")


@pytest.fixture
def dacorum():
    return PartnershipFactory(name="Dacorum", ons_code="E07000096")


def observed(partnership, crime_type, month=DECEMBER):
    return Observation.objects.get(
        partnership=partnership, indicator__police_category=crime_type, period_start=month
    ).value


def import_rows(tmp_path, rows, name="street.csv"):
    tally = tally_paths([write_street_file(tmp_path / name, rows)])
    save_tally(tally)
    return tally


def test_the_lookup_maps_old_district_codes_and_csp_codes_to_current_districts():
    lookup = area_lookup()
    assert lookup.districts_of("E07000100") == {"E07000240"}  # St Albans before 2015
    assert lookup.districts_of("E22000128") == {"E07000240"}  # St Albans CSP
    assert lookup.district_of_lsoa("St Albans 012C") == "E07000240"
    assert lookup.district_of_lsoa("Aylesbury Vale 009A") == "E06000060"  # now Buckinghamshire
    assert lookup.district_of_lsoa("Nowhere 001A") is None


def test_it_counts_rows_by_partnership_month_and_type(tmp_path, st_albans, dacorum):
    tally = import_rows(
        tmp_path,
        [
            street_row("St Albans 001A", "Burglary"),
            street_row("St Albans 002B", "Burglary"),
            street_row("Dacorum 010C", "Robbery"),
            street_row("Watford 001A", "Burglary"),
            street_row("", "Bicycle theft"),
        ],
    )
    assert (tally.rows, tally.imported, tally.outside_area, tally.no_location) == (5, 3, 1, 1)
    assert observed(st_albans, "Burglary") == 2
    assert observed(st_albans, "Robbery") == 0  # a month read, with none of that type
    assert observed(dacorum, "Robbery") == 1
    assert observed(st_albans, ALL_CRIME) == 2
    assert tally.outside_districts == {"Watford": 1}


def test_a_row_without_a_crime_id_is_anti_social_behaviour(tmp_path, st_albans):
    import_rows(
        tmp_path,
        [
            street_row("St Albans 001A", "Anti-social behaviour", crime_id=""),
            street_row("St Albans 001A", "Public order", crime_id=""),
            street_row("St Albans 001A", "Public order"),
        ],
    )
    assert observed(st_albans, "Anti-social behaviour") == 2
    assert observed(st_albans, "Public order") == 1
    assert observed(st_albans, ALL_CRIME) == 1  # anti-social behaviour is not a crime


def test_reimporting_a_month_replaces_it_and_nothing_doubles(tmp_path, st_albans):
    rows = [street_row("St Albans 001A", "Burglary")] * 3
    import_rows(tmp_path, rows)
    import_rows(tmp_path, rows)
    assert observed(st_albans, "Burglary") == 3
    import_rows(tmp_path, rows[:1])
    assert observed(st_albans, "Burglary") == 1
    assert PoliceCrimeCount.objects.get(crime_type="Burglary").count == 1


def test_each_force_replaces_only_its_own_rows_and_the_month_sums_them(tmp_path, st_albans):
    import_rows(tmp_path, [street_row("St Albans 001A", "Burglary")] * 2, "herts.csv")
    transport = "British Transport Police"
    import_rows(tmp_path, [street_row("St Albans 001A", "Burglary", force=transport)], "btp.csv")
    assert observed(st_albans, "Burglary") == 3
    import_rows(tmp_path, [street_row("St Albans 001A", "Burglary")], "herts.csv")
    assert observed(st_albans, "Burglary") == 2


def test_a_month_reimported_without_the_partnership_loses_its_figures(tmp_path, st_albans):
    import_rows(tmp_path, [street_row("St Albans 001A", "Burglary")])
    import_rows(tmp_path, [street_row("Watford 001A", "Burglary")])
    assert not Observation.objects.filter(partnership=st_albans, source=SOURCE).exists()


def test_a_partnership_may_be_known_by_an_old_district_code_or_its_csp_code(tmp_path):
    old = PartnershipFactory(ons_code="E07000100")
    csp = PartnershipFactory(ons_code="E22000124")  # Dacorum CSP
    import_rows(
        tmp_path, [street_row("St Albans 001A", "Drugs"), street_row("Dacorum 001A", "Drugs")]
    )
    assert observed(old, "Drugs") == 1
    assert observed(csp, "Drugs") == 1


def test_it_stores_figures_under_the_indicator_mapped_to_the_crime_type(tmp_path, st_albans):
    mine = IndicatorFactory(name="Domestic burglary", police_category="burglary")
    import_rows(tmp_path, [street_row("St Albans 001A", "Burglary")])
    observation = Observation.objects.get(indicator=mine)
    assert (observation.value, observation.period_end) == (1, datetime.date(2021, 12, 31))
    assert not Indicator.objects.filter(name="Burglary (police.uk)").exists()
    assert Indicator.objects.filter(name="Robbery (police.uk)", police_category="Robbery").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"Crime ID,Month,Outcome type\n", "not a data.police.uk street-level crime file"),
        (b"\xff\xfe\x00\x00garbage", "not UTF-8"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_street_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(PoliceDataError, match=message):
        tally_paths([path])


def test_it_names_the_line_of_a_bad_month(tmp_path, st_albans):
    path = write_street_file(
        tmp_path / "bad.csv", [street_row("St Albans 001A", "Drugs", month="Dec")]
    )
    with pytest.raises(PoliceDataError, match="bad.csv, line 2: 'Dec' is not a month"):
        tally_paths([path])


# The real files, counted independently with the csv module.

REAL_FILES = ["2018-12-hertfordshire-street.csv", "2021-12-hertfordshire-street.csv"]
DISTRICTS = {"St Albans": "E07000240", "Dacorum": "E07000096", "North Hertfordshire": "E07000099"}


def independent_count(path):
    counts, rows, no_location = Counter(), 0, 0
    with open(path, newline="", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            rows += 1
            if not row["LSOA code"]:
                no_location += 1
                continue
            district = re.sub(r" \d{3}[A-Z]$", "", row["LSOA name"])
            if district in DISTRICTS:
                crime_type = row["Crime type"] if row["Crime ID"] else "Anti-social behaviour"
                counts[district, row["Month"], crime_type] += 1
    return counts, rows, no_location


@pytest.mark.parametrize("name", REAL_FILES)
def test_the_real_files_give_the_counts_of_an_independent_count(name):
    path = real_file(name)
    for district, code in DISTRICTS.items():
        PartnershipFactory(name=district, ons_code=code)
    expected, rows, no_location = independent_count(path)
    tally = tally_paths([path])
    found = {
        (c["partnership"], c["month"], c["crime_type"]): c["count"] for c in tally.count_list()
    }
    assert found == expected
    assert tally.rows == rows
    assert tally.no_location == no_location
    assert tally.imported == sum(expected.values())
    assert tally.rows == tally.imported + tally.outside_area + tally.no_location
