"""`manage.py load_areas`: every CSP of England and Wales, once, and documents find them."""

import csv

import pytest
from django.core.management import CommandError, call_command

from partnerships.areas import PARTNERSHIPS_FILE, area_lookup, find_area
from partnerships.models import Partnership, PopulationEstimate
from plans.importing.service import import_document
from tests.factories import PartnershipFactory
from tests.performance.shared_files import shared_file
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db

CENSUS = ("data", "real", "census-2011-2021-population-by-lad.csv")
# The January 2017 lookup lists 314 CSPs (293 in England, 21 in Wales). Since then 20 of
# its districts have merged into 7 (Buckinghamshire, BCP, North and West Northamptonshire,
# East Suffolk, Cumberland, Westmorland and Furness): 13 fewer partnerships in England.
ENGLAND, WALES = 280, 21


def load(tmp_path, *args):
    # Without the census file unless a test asks for it, to keep each test quick.
    call_command("load_areas", "--populations", *(args or [_empty_file(tmp_path)]))


def _empty_file(tmp_path):
    path = tmp_path / "none.csv"
    path.write_text("LAD code,2021\n")
    return str(path)


def test_it_sets_up_every_csp_of_england_and_wales(tmp_path):
    load(tmp_path)
    codes = list(Partnership.objects.values_list("ons_code", flat=True))
    assert sum(code.startswith("E") for code in codes) == ENGLAND
    assert sum(code.startswith("W") for code in codes) == WALES
    assert len(codes) == ENGLAND + WALES


def test_every_district_of_the_lookup_is_in_exactly_one_partnership(tmp_path):
    load(tmp_path)
    lookup = area_lookup()
    covered = [
        district
        for code in Partnership.objects.values_list("ons_code", flat=True)
        for district in lookup.districts_of(code)
    ]
    with open(PARTNERSHIPS_FILE, encoding="utf-8-sig") as file:
        lookup_districts = {lookup.current_by_code[row["LAD17CD"]] for row in csv.DictReader(file)}
    assert sorted(covered) == sorted(lookup_districts)


def test_it_gives_the_county_or_else_the_force_area(tmp_path):
    load(tmp_path)
    st_albans = Partnership.objects.get(ons_code="E07000240")
    assert (st_albans.name, st_albans.county) == ("St Albans", "Hertfordshire")
    assert Partnership.objects.get(name="Hartlepool").county == "Cleveland"
    assert Partnership.objects.get(name="Camden").county == "London"
    assert Partnership.objects.filter(county="Hertfordshire").count() == 10
    assert Partnership.objects.get(ons_code="E06000060").name == "Buckinghamshire"


def test_running_it_again_adds_and_changes_nothing(tmp_path, capsys):
    load(tmp_path)
    history = Partnership.history.count()
    load(tmp_path)
    assert Partnership.objects.count() == ENGLAND + WALES
    assert Partnership.history.count() == history
    assert "0 partnerships added, 0 completed, 301 unchanged" in capsys.readouterr().out


def test_it_keeps_partnerships_already_here_and_fills_in_only_what_is_blank(tmp_path):
    by_code = PartnershipFactory(name="St Albans CSP", ons_code="E07000240", county="Herts")
    by_name = PartnershipFactory(name="Dacorum Community Safety Partnership", ons_code="")
    load(tmp_path)
    by_code.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_code.name, by_code.county) == ("St Albans CSP", "Herts")
    assert (by_name.ons_code, by_name.county) == ("E07000096", "Hertfordshire")
    assert Partnership.objects.count() == ENGLAND + WALES


@pytest.mark.parametrize(
    "name",
    ["North Herts", "Shepway", "Aylesbury Vale", "South Nottinghamshire CSP", "Cwm Taf"],
)
def test_a_document_naming_a_loaded_partnership_its_own_way_is_matched_to_it(tmp_path, name):
    load(tmp_path)
    text = (DOCUMENTS / "north-herts-plan-2008-11.txt").read_text()
    document = tmp_path / "plan.txt"
    document.write_text(text.replace("North Herts", name))
    report = import_document(document)
    assert report.partnership.ons_code == find_area(name).code
    assert Partnership.objects.count() == ENGLAND + WALES


def test_it_loads_the_census_populations_summing_a_csp_of_several_districts(tmp_path):
    load(tmp_path, str(shared_file(*CENSUS)))

    def population(code, year):
        return PopulationEstimate.objects.get(partnership__ons_code=code, year=year).population

    assert population("E07000240", 2021) == 147900  # St Albans
    assert population("E06000060", 2011) == 505283  # Buckinghamshire, four 2017 CSPs
    assert population("E22000366", 2021) == 119000 + 117200 + 110000  # South Nottinghamshire


def test_a_bad_population_file_is_refused_naming_the_line_and_nothing_is_saved(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("LAD code,2021\nE07000240,many\n")
    with pytest.raises(CommandError, match=r"bad\.csv: line 2: 'many' is not a whole number"):
        call_command("load_areas", "--populations", str(path))
    assert not Partnership.objects.exists()


def test_a_missing_population_file_given_by_name_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_areas", "--populations", str(tmp_path / "absent.csv"))
    assert not Partnership.objects.exists()


def test_every_csp_name_of_the_lookup_finds_a_loaded_partnership(tmp_path):
    # The importer matches a document's partnership by the code find_area gives its name.
    load(tmp_path)
    codes = set(Partnership.objects.values_list("ons_code", flat=True))
    with open(PARTNERSHIPS_FILE, encoding="utf-8-sig") as file:
        names = {row["CSP17NM"] for row in csv.DictReader(file)}
    assert {name for name in names if find_area(name) is None} == set()
    assert {name for name in names if find_area(name).code not in codes} == set()
