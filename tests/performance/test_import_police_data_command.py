import json

import pytest
from django.core.management import CommandError, call_command

from performance.models import Observation, PoliceCrimeCount
from tests.factories import PartnershipFactory
from tests.performance.police_files import real_file, street_row, write_street_file

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_police_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def street_file(tmp_path):
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    return write_street_file(
        tmp_path / "2021-12-test-street.csv",
        [
            street_row("St Albans 001A", "Burglary"),
            street_row("St Albans 001A", "Anti-social behaviour", crime_id=""),
            street_row("Watford 001A", "Burglary"),
            street_row("", "Drugs"),
        ],
    )


def test_json_output_has_exactly_the_agreed_keys(street_file):
    result = json.loads(run(str(street_file), "--json"))
    assert result == {
        "files": ["2021-12-test-street.csv"],
        "skipped": [],
        "rows": 4,
        "imported": 2,
        "outside_area": 1,
        "no_location": 1,
        "counts": [
            {
                "partnership": "St Albans",
                "month": "2021-12",
                "crime_type": "Anti-social behaviour",
                "count": 1,
            },
            {"partnership": "St Albans", "month": "2021-12", "crime_type": "Burglary", "count": 1},
        ],
    }
    assert PoliceCrimeCount.objects.count() == 2


def test_the_summary_reports_rows_outside_every_area_and_without_location(street_file):
    output = run(str(street_file))
    assert (
        "Imported 2 of 4 rows from 1 file(s); 1 outside every partnership's area, 1 with" in output
    )
    assert "Watford 1" in output


def test_a_dry_run_saves_nothing(street_file):
    run(str(street_file), "--dry-run")
    assert not Observation.objects.exists()


def test_a_bad_file_stops_the_import_and_saves_nothing(street_file, tmp_path):
    bad = tmp_path / "outcomes.csv"
    bad.write_text("Crime ID,Month,Outcome type\n")
    with pytest.raises(CommandError, match="not a data.police.uk street-level crime file"):
        run(str(street_file), str(bad))
    assert not Observation.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder: .*nothing.csv"):
        run(str(tmp_path / "nothing.csv"))


def test_the_real_december_2021_file_puts_2330_rows_in_three_districts():
    path = real_file("2021-12-hertfordshire-street.csv")
    for name, code in (
        ("St Albans", "E07000240"),
        ("Dacorum", "E07000096"),
        ("North Herts", "E07000099"),
    ):
        PartnershipFactory(name=name, ons_code=code)
    result = json.loads(run(str(path), "--json"))
    assert (result["rows"], result["imported"], result["no_location"]) == (7738, 2330, 163)
    assert result["outside_area"] == 7738 - 2330 - 163
    again = json.loads(run(str(path), "--json"))
    assert again == result
    assert Observation.objects.filter(indicator__police_category="All crime").count() == 3
