from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import PopulationEstimate
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def run(path):
    out = StringIO()
    call_command("import_populations", str(path), stdout=out)
    return out.getvalue()


def estimates():
    return sorted(PopulationEstimate.objects.values_list("partnership__name", "year", "population"))


def test_it_reads_one_column_per_year_and_old_district_codes(tmp_path):
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    path = tmp_path / "mye.csv"
    path.write_text('Code,Name,Mid-2020,Mid-2021\nE07000100,St Albans,"148,452",149300\n')
    assert run(path).startswith("2 estimates added, 0 changed, 0 unchanged.")
    assert estimates() == [("St Albans", 2020, 148452), ("St Albans", 2021, 149300)]


def test_it_reads_year_and_population_columns_and_updates_what_changed(tmp_path):
    PartnershipFactory(name="Dacorum", ons_code="E22000124")  # a CSP code
    path = tmp_path / "long.csv"
    path.write_text("ons_code,year,population\nE07000096,2021,155000\nE07000103,2021,96000\n")
    output = run(path)
    assert "1 estimates added" in output
    assert "1 area codes are no partnership's: E07000103" in output
    path.write_text("ons_code,year,population\nE07000096,2021,155100\n")
    assert run(path).startswith("0 estimates added, 1 changed")
    assert estimates() == [("Dacorum", 2021, 155100)]


def test_a_file_without_area_codes_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Name,2021\nSomewhere,100\n")
    with pytest.raises(CommandError, match="no column of area codes"):
        run(path)


def test_a_bad_number_names_its_line_and_saves_nothing(tmp_path):
    PartnershipFactory(ons_code="E07000240")
    path = tmp_path / "bad.csv"
    path.write_text("Code,2021\nE07000240,100\nE07000240,lots\n")
    with pytest.raises(CommandError, match="line 3: 'lots' is not a whole number"):
        run(path)
    assert not PopulationEstimate.objects.exists()
