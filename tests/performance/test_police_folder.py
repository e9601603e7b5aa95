"""import_police_folder and `import_police_data FOLDER`: a police.uk archive imported whole."""

import csv
import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from performance.models import Observation, PoliceCrimeCount
from performance.police_data import (
    PoliceDataError,
    folder,
    import_police_folder,
    save_tally,
    tally_paths,
)
from tests.factories import PartnershipFactory
from tests.performance.police_files import HEADER, street_row, write_street_file

pytestmark = pytest.mark.django_db
HERTS, BEDS = "Hertfordshire Constabulary", "Bedfordshire Police"


@pytest.fixture
def partnerships():
    return {
        "St Albans": PartnershipFactory(name="St Albans", ons_code="E07000240"),
        "Luton": PartnershipFactory(name="Luton", ons_code="E06000032"),
    }


def write_force_month(archive, month, slug, force, rows):
    folder = archive / month
    folder.mkdir(parents=True, exist_ok=True)
    return write_street_file(
        folder / f"{month}-{slug}-street.csv",
        [street_row(lsoa, crime, month=month, force=force) for lsoa, crime in rows],
    )


@pytest.fixture
def archive(tmp_path, partnerships):
    """Two forces, two months; Bedfordshire's November has a row in St Albans too."""
    root = tmp_path / "archive"
    herts = [("St Albans 001A", "Burglary"), ("St Albans 002B", "Drugs")]
    write_force_month(root, "2021-11", "hertfordshire", HERTS, herts)
    write_force_month(root, "2021-12", "hertfordshire", HERTS, herts[:1])
    beds = [("Luton 001A", "Robbery"), ("St Albans 001A", "Burglary"), ("Watford 001A", "Drugs")]
    write_force_month(root, "2021-11", "bedfordshire", BEDS, beds)
    write_force_month(root, "2021-12", "bedfordshire", BEDS, beds[:1] * 3)
    return root


def observed(name, crime_type, month):
    return Observation.objects.get(
        partnership__name=name,
        indicator__police_category=crime_type,
        period_start=f"{month}-01",
    ).value


def add_other_files(archive):
    (archive / "2021-11" / "2021-11-hertfordshire-outcomes.csv").write_text("Crime ID,Month\n")
    (archive / "2021-12" / "2021-12-bedfordshire-stop-and-search.csv").write_text("Type,Date\n")
    (archive / "README.txt").write_text("police.uk archive\n")


def snapshot():
    counts = PoliceCrimeCount.objects.values_list(
        "force", "month", "partnership__name", "crime_type", "count"
    )
    observations = Observation.objects.values_list(
        "partnership__name", "indicator__name", "period_start", "value"
    )
    return sorted(counts), sorted(observations)


def test_a_folder_of_two_forces_and_two_months_is_imported_whole(archive):
    tally = import_police_folder([archive])
    assert len(tally.files) == 4
    assert (tally.rows, tally.imported, tally.outside_area) == (9, 8, 1)
    assert observed("St Albans", "Burglary", "2021-11") == 2  # one from each force
    assert observed("St Albans", "Drugs", "2021-11") == 1
    assert observed("St Albans", "Burglary", "2021-12") == 1
    assert observed("Luton", "Robbery", "2021-11") == 1
    assert observed("Luton", "Robbery", "2021-12") == 3
    assert PoliceCrimeCount.objects.filter(force=BEDS).count() == 3


def test_files_that_are_not_street_files_are_skipped_and_said(archive):
    add_other_files(archive)
    tally = import_police_folder([archive])
    assert len(tally.files) == 4
    reasons = {Path(file["file"]).name: file["reason"] for file in tally.skipped}
    assert reasons == {
        "2021-11-hertfordshire-outcomes.csv": "an outcomes file, not street-level crime",
        "2021-12-bedfordshire-stop-and-search.csv": (
            "a stop and search file, not street-level crime"
        ),
        "README.txt": "not a street-level file (its name does not end -street.csv)",
    }


def test_the_command_lists_the_files_it_skipped(archive):
    add_other_files(archive)
    output = run(str(archive))
    assert "Imported 8 of 9 rows from 4 file(s)" in output
    assert "Skipped 1 file(s), an outcomes file, not street-level crime: " in output
    assert "2021-11-hertfordshire-outcomes.csv" in output
    assert "Skipped 1 file(s), not a street-level file" in output
    result = json.loads(run(str(archive), "--json", "--dry-run"))
    assert len(result["skipped"]) == 3
    assert result["rows"] == 9


def run(*args):
    out = StringIO()
    call_command("import_police_data", *args, stdout=out)
    return out.getvalue()


def test_a_bad_file_in_the_folder_is_named_with_its_line_and_nothing_is_saved(archive):
    import_police_folder([archive])
    before = snapshot()
    # A changed month that would replace November's counts, and a bad file beside it.
    write_force_month(archive, "2021-11", "hertfordshire", HERTS, [("St Albans 001A", "Drugs")])
    bad = write_street_file(
        archive / "2021-12" / "2021-12-kent-street.csv",
        [
            street_row("St Albans 001A", "Drugs", month="2021-12", force="Kent Police"),
            street_row("St Albans 001A", "Drugs", month="December", force="Kent Police"),
        ],
    )
    with pytest.raises(PoliceDataError) as error:
        import_police_folder([archive])
    assert str(error.value) == f"{bad}, line 3: 'December' is not a month like 2021-12."
    assert snapshot() == before


def test_a_row_with_too_few_columns_is_named_by_its_line(archive):
    path = archive / "2021-12" / "2021-12-hertfordshire-street.csv"
    path.write_text(path.read_text() + "abc,2021-12,Hertfordshire Constabulary\n")
    with pytest.raises(
        CommandError, match=r"hertfordshire-street.csv, line 3: the row has too few"
    ):
        run(str(archive))
    assert not Observation.objects.exists()


def test_reimporting_the_folder_replaces_its_months_and_doubles_nothing(archive):
    import_police_folder([archive])
    first = snapshot()
    import_police_folder([archive])
    assert snapshot() == first
    write_force_month(archive, "2021-12", "bedfordshire", BEDS, [("Luton 001A", "Robbery")])
    import_police_folder([archive / "2021-12"])
    assert observed("Luton", "Robbery", "2021-12") == 1
    assert observed("Luton", "Robbery", "2021-11") == 1


def test_the_folder_gives_what_its_files_give_one_by_one(archive):
    files = sorted(archive.rglob("*-street.csv"))
    for path in files:
        run(str(path))
    one_by_one = snapshot()
    summed = Counter()
    for path in files:
        summed.update(tally_paths([path]).counts)
    tally = import_police_folder([archive])
    assert tally.counts == summed
    assert snapshot() == one_by_one


def test_two_files_of_the_same_force_and_month_are_refused(archive, tmp_path):
    copy = tmp_path / "copy-of-2021-12-hertfordshire-street.csv"
    copy.write_bytes((archive / "2021-12" / "2021-12-hertfordshire-street.csv").read_bytes())
    with pytest.raises(
        PoliceDataError, match=f"copy-of.*: {HERTS} 2021-12 is also in .*archive/2021-12/"
    ):
        import_police_folder([archive, copy])
    assert not Observation.objects.exists()


def test_a_file_given_twice_is_read_once(archive):
    twice = import_police_folder([archive, archive / "2021-11"], dry_run=True)
    assert len(twice.files) == 4


def test_a_missing_path_or_a_folder_without_street_files_is_refused(tmp_path):
    with pytest.raises(PoliceDataError, match="No such file or folder: .*nowhere"):
        import_police_folder([tmp_path / "nowhere"])
    (tmp_path / "2021-12-kent-outcomes.csv").write_text("Crime ID\n")
    with pytest.raises(PoliceDataError, match=r"No street-level file \(\*-street.csv\) in"):
        import_police_folder([tmp_path])


def test_a_dry_run_of_a_folder_saves_nothing(archive):
    tally = import_police_folder([archive], dry_run=True)
    assert tally.imported == 8
    assert not PoliceCrimeCount.objects.exists()


def test_progress_is_reported_as_each_phase_starts_and_ends(archive, monkeypatch):
    monkeypatch.setattr(folder, "PROGRESS_SECONDS", 3600)
    calls = []
    import_police_folder([archive], progress=lambda *call: calls.append(call))
    assert calls == [
        (0, 4, "Reading 4 street-level file(s); 0 skipped."),
        (4, 4, "Saving the counts of 9 rows."),
        (
            4,
            4,
            "Imported 8 of 9 rows from 4 file(s); 1 outside every partnership's area, "
            "0 with no location.",
        ),
    ]


def test_progress_is_reported_while_reading_once_the_interval_has_passed(archive, monkeypatch):
    monkeypatch.setattr(folder, "PROGRESS_SECONDS", 0)
    calls = []
    import_police_folder([archive], dry_run=True, progress=lambda *call: calls.append(call))
    assert [done for done, _total, _message in calls] == [0, 1, 2, 3, 4, 4]
    assert calls[2] == (2, 4, "Read 2 of 4 files, 5 rows.")


def tally_of(tmp_path, forces, months, copies=1):
    """A tally of `forces` x `months` files, each with rows in each of two partnerships."""
    paths = []
    for force in range(forces):
        for month in months:
            rows = [("St Albans 001A", "Burglary"), ("Luton 001A", "Drugs")] * copies
            paths.append(write_force_month(tmp_path, month, f"f{force}", f"Force {force}", rows))
    return tally_paths(paths)


@pytest.mark.parametrize(("forces", "months"), [(1, ["2021-12"]), (4, ["2021-10", "2021-11"])])
def test_saving_takes_the_same_queries_for_one_file_or_many(
    tmp_path, partnerships, forces, months, django_assert_num_queries
):
    save_tally(tally_of(tmp_path / "first", forces, months))  # creates the indicators
    # Different counts, so that observations are updated (with their history) too.
    tally = tally_of(tmp_path / "again", forces, months, copies=2)
    with django_assert_num_queries(10):
        save_tally(tally)


@pytest.mark.parametrize(
    ("location", "line_end"),
    [
        ("On or near High Street", "\n"),
        ("On or near High Street", "\r\n"),
        ('On or near "The Parade", High Street', "\n"),  # quoted, with a comma: csv module
        ("On or near High Street", "\r"),  # old Mac line ends: csv module
    ],
)
def test_every_way_of_writing_the_file_gives_the_same_counts(
    tmp_path, partnerships, location, line_end
):
    rows = [street_row("St Albans 001A", "Burglary"), street_row("Luton 001A", "", crime_id="")]
    for row in rows:
        row[6] = location
    path = tmp_path / "2021-12-test-street.csv"
    with open(path, "w", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator=line_end).writerows([HEADER, *rows])
    tally = tally_paths([path])
    assert tally.counts == Counter(
        {
            (HERTS, "2021-12", partnerships["St Albans"].pk, "Burglary"): 1,
            (HERTS, "2021-12", partnerships["Luton"].pk, "Anti-social behaviour"): 1,
        }
    )
