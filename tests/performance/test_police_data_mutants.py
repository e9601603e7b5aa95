"""What mutation testing of performance/police_data/ found untested: progress while reading, a
previewed import kept and restored, who and what an observation's history names, and the
wording of the refusals. See docs/testing.md."""

import csv
import datetime
import hashlib
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.areas import AreaLookup
from performance.models import Indicator, Observation, PoliceCrimeCount, PoliceImport
from performance.police_data import (
    SOURCE,
    PoliceDataError,
    Tally,
    folder,
    import_police_folder,
    reading,
    save_tally,
    tally_files,
    tally_paths,
)
from tests.factories import IndicatorFactory, PartnershipFactory, UserFactory
from tests.performance.police_files import (
    FORCE,
    HEADER,
    street_file_bytes,
    street_row,
    write_street_file,
)
from tests.performance.test_police_admin import UPLOAD, street_upload  # noqa: F401  (fixture)
from tests.performance.test_police_folder import (  # noqa: F401  (fixtures)
    BEDS,
    HERTS,
    archive,
    partnerships,
    tally_of,
    write_force_month,
)

pytestmark = pytest.mark.django_db
DECEMBER = datetime.date(2021, 12, 1)


class Clock:
    """time.monotonic for folder.py: a second later at each call."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        self.now += 1.0
        return self.now


def progress_of(archive, monkeypatch, seconds, **options):  # noqa: F811
    monkeypatch.setattr(folder, "time", SimpleNamespace(monotonic=Clock().monotonic))
    monkeypatch.setattr(folder, "PROGRESS_SECONDS", seconds)
    calls = []
    import_police_folder([archive], progress=lambda *call: calls.append(call), **options)
    return calls


def test_reading_progress_is_reported_once_the_interval_has_passed_exactly(
    archive,  # noqa: F811
    monkeypatch,
):
    # The clock moves a second a call: files 2 and 4 are read two seconds after the last report.
    calls = progress_of(archive, monkeypatch, 2, dry_run=True)
    assert [done for done, _total, _message in calls] == [0, 2, 4, 4]
    assert calls[1] == (2, 4, "Read 2 of 4 files, 5 rows.")


def test_no_reading_progress_is_reported_before_the_interval_has_passed(
    archive,  # noqa: F811
    monkeypatch,
):
    calls = progress_of(archive, monkeypatch, 5, dry_run=True)
    assert [done for done, _total, _message in calls] == [0, 4]


def test_a_dry_run_ends_its_progress_with_what_it_would_import(archive, monkeypatch):  # noqa: F811
    calls = progress_of(archive, monkeypatch, 3600, dry_run=True)
    assert calls[-1] == (
        4,
        4,
        "Would import 8 of 9 rows from 4 file(s); 1 outside every partnership's area, "
        "0 with no location.",
    )
    assert not PoliceCrimeCount.objects.exists()


def test_a_summary_without_dry_run_says_imported(tmp_path, partnerships):  # noqa: F811
    tally = tally_of(tmp_path, 1, ["2021-12"])
    assert tally.summary().startswith("Imported 2 of 2 rows from 1 file(s)")
    assert tally.summary(dry_run=True).startswith("Would import 2 of 2 rows")


def test_every_missing_path_is_named(tmp_path):
    with pytest.raises(PoliceDataError) as error:
        import_police_folder([tmp_path / "one", tmp_path, tmp_path / "two"])
    assert str(error.value) == f"No such file or folder: {tmp_path / 'one'}, {tmp_path / 'two'}"


def test_every_folder_without_street_files_is_named(tmp_path):
    first, second = tmp_path / "2021-11", tmp_path / "2021-12"
    for month in (first, second):
        month.mkdir()
        (month / f"{month.name}-kent-outcomes.csv").write_text("Crime ID\n")
    with pytest.raises(PoliceDataError) as error:
        import_police_folder([first, second])
    assert str(error.value) == f"No street-level file (*-street.csv) in {first}, {second}."


def test_the_counts_of_every_force_are_summed_by_partnership(archive):  # noqa: F811
    tally = import_police_folder([archive], dry_run=True)
    counts = {
        (row["partnership"], row["month"], row["crime_type"]): row["count"]
        for row in tally.to_json()["counts"]
    }
    assert counts == {
        ("Luton", "2021-11", "Robbery"): 1,
        ("Luton", "2021-12", "Robbery"): 3,
        ("St Albans", "2021-11", "Burglary"): 2,  # one from each force
        ("St Albans", "2021-11", "Drugs"): 1,
        ("St Albans", "2021-12", "Burglary"): 1,
    }


def test_a_lookup_given_is_the_one_rows_are_placed_by(tmp_path):
    ruritania = PartnershipFactory(name="Ruritania", ons_code="E07999999")
    lookup = AreaLookup({"ruritania": "E07999999"}, {"E07999999": "E07999999"}, {})
    path = write_street_file(tmp_path / "street.csv", [street_row("Ruritania 001A", "Drugs")])
    tally = tally_paths([path], lookup)
    assert tally.counts == Counter({(FORCE, "2021-12", ruritania.pk, "Drugs"): 1})
    assert tally_paths([path]).outside_districts == Counter({"Ruritania": 1})


# A previewed upload kept on its PoliceImport and restored to be confirmed.


def stored(tally):
    return PoliceImport.preview_of(tally)


def test_a_stored_tally_is_restored_as_it_was_read(archive, partnerships):  # noqa: F811
    PartnershipFactory(name="Hitchin", ons_code="")  # named by no count
    write_force_month(archive, "2021-12", "kent", "Kent Police", [("", "Drugs")])
    read = import_police_folder([archive], dry_run=True)
    batch = stored(read)
    batch.refresh_from_db()
    restored = Tally.from_storable(batch)
    assert restored.files == read.files
    assert (restored.rows, restored.imported, restored.outside_area, restored.no_location) == (
        10,
        8,
        1,
        1,
    )
    assert restored.counts == read.counts
    assert (
        restored.months
        == read.months
        == {(force, month) for force in (HERTS, BEDS) for month in ("2021-11", "2021-12")}
        | {("Kent Police", "2021-12")}
    )
    assert restored.outside_districts == read.outside_districts == Counter({"Watford": 1})
    assert restored.partnerships == {p.pk: p for p in partnerships.values()}
    assert restored.count_list() == read.count_list()
    assert restored.summary() == read.summary()


def test_a_batch_without_stored_counts_is_restored_as_an_empty_tally():
    restored = Tally.from_storable(PoliceImport.objects.create())
    assert (restored.counts, restored.months, restored.outside_districts) == (
        Counter(),
        set(),
        Counter(),
    )
    assert restored.count_list() == []


def confirm_upload(client, upload):
    client.post(UPLOAD, {"files": [upload]})
    batch = PoliceImport.objects.latest("pk")
    client.post(reverse("admin:performance_policeimport_confirm", args=[batch.pk]))
    return batch


def test_confirming_an_upload_of_a_month_again_replaces_it(
    client,
    superuser,
    street_upload,  # noqa: F811
):
    client.force_login(superuser)
    confirm_upload(client, street_upload)
    street_upload.seek(0)
    second = confirm_upload(client, street_upload)
    assert list(PoliceCrimeCount.objects.values_list("crime_type", "count", "batch")) == [
        ("Burglary", 1, second.pk)
    ]
    assert Observation.objects.get(indicator__police_category="Burglary").value == 1


def test_the_admin_who_confirms_is_named_not_the_one_who_uploaded(
    client,
    street_upload,  # noqa: F811
):
    uploader = UserFactory(is_staff=True, is_superuser=True)
    confirmer = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(uploader)
    client.post(UPLOAD, {"files": [street_upload]})
    batch = PoliceImport.objects.get()
    client.force_login(confirmer)
    client.post(reverse("admin:performance_policeimport_confirm", args=[batch.pk]))
    assert set(Observation.history.values_list("history_user", flat=True)) == {confirmer.pk}


def test_a_changed_observation_keeps_its_indicator_partnership_and_source_in_history(
    tmp_path,
    partnerships,  # noqa: F811
):
    save_tally(tally_of(tmp_path / "first", 1, ["2021-12"]))
    Observation.objects.update(source="typed in")
    save_tally(tally_of(tmp_path / "again", 1, ["2021-12"], copies=2))
    assert set(Observation.objects.values_list("source", flat=True)) == {SOURCE}
    for observation in Observation.objects.all():
        newest = observation.history.order_by("-history_id").first()
        assert (
            newest.indicator_id,
            newest.partnership_id,
            newest.period_start,
            newest.period_end,
            newest.value,
            newest.source,
        ) == (
            observation.indicator_id,
            observation.partnership_id,
            DECEMBER,
            datetime.date(2021, 12, 31),
            observation.value,
            SOURCE,
        )


def test_saving_says_how_many_observations_it_created_then_changed(tmp_path, partnerships):  # noqa: F811
    # Two partnerships, each with every type and "All crime"; then four of them change.
    assert save_tally(tally_of(tmp_path / "first", 1, ["2021-12"])) == 2 * 15
    assert save_tally(tally_of(tmp_path / "again", 1, ["2021-12"], copies=2)) == 4


def test_confirming_rows_all_outside_every_area_writes_no_observation(client, superuser, tmp_path):
    client.force_login(superuser)
    path = write_street_file(tmp_path / "street.csv", [street_row("Watford 001A", "Drugs")])
    upload = SimpleUploadedFile("2021-12-test-street.csv", path.read_bytes(), "text/csv")
    client.post(UPLOAD, {"files": [upload]})
    batch = PoliceImport.objects.get()
    confirm = reverse("admin:performance_policeimport_confirm", args=[batch.pk])
    response = client.post(confirm, follow=True)
    assert "Saved 0 rows as monthly counts; 0 observations written." in response.text
    assert not Observation.objects.exists()


def test_the_uploader_of_a_batch_is_named_in_the_history_of_changed_observations(
    tmp_path,
    partnerships,  # noqa: F811
):
    uploader = UserFactory()
    for name, copies in (("first", 1), ("again", 2)):
        save_tally(
            tally_of(tmp_path / name, 1, ["2021-12"], copies=copies),
            PoliceImport.objects.create(created_by=uploader),
        )
    changed = Observation.history.filter(history_type="~")
    assert changed.count() == 4
    assert set(Observation.history.values_list("history_user", flat=True)) == {uploader.pk}


def test_a_row_with_an_lsoa_code_but_no_name_is_outside_every_area_not_without_location(
    tmp_path,
    partnerships,  # noqa: F811
):
    row = street_row("St Albans 001A", "Drugs")
    row[8] = ""  # the LSOA name; its code is still there
    tally = tally_paths([write_street_file(tmp_path / "street.csv", [row])])
    assert (tally.outside_area, tally.no_location) == (1, 0)
    assert tally.outside_districts == Counter({"(no LSOA name)": 1})


def test_a_new_observations_history_row_gives_no_reason(tmp_path, partnerships):  # noqa: F811
    save_tally(tally_of(tmp_path, 1, ["2021-12"]))
    reasons = set(Observation.history.values_list("history_change_reason", flat=True))
    assert reasons <= {"", None}
    assert Observation.history.count() == 2 * 15


def test_a_crime_type_a_reimported_month_no_longer_has_loses_its_figure(tmp_path, partnerships):  # noqa: F811
    st_albans = partnerships["St Albans"]
    path = tmp_path / "street.csv"
    write_street_file(path, [street_row("St Albans 001A", "Violent crime")])
    save_tally(tally_paths([path]))
    figure = Observation.objects.filter(
        partnership=st_albans, indicator__police_category="Violent crime"
    )
    assert figure.get().value == 1
    write_street_file(path, [street_row("St Albans 001A", "Burglary")])
    save_tally(tally_paths([path]))
    assert not PoliceCrimeCount.objects.filter(crime_type="Violent crime").exists()
    assert not figure.exists()


@pytest.mark.parametrize(
    ("month", "accepted"),
    [("2021-01", True), ("2021-12", True), ("2021-00", False), ("2021-13", False)],
)
def test_a_month_is_accepted_from_january_to_december_only(tmp_path, month, accepted):
    path = write_street_file(
        tmp_path / "street.csv", [street_row("St Albans 001A", "Drugs", month=month)]
    )
    if accepted:
        assert tally_paths([path]).months == {(FORCE, month)}
    else:
        with pytest.raises(PoliceDataError, match=f"line 2: '{month}' is not a month"):
            tally_paths([path])


def test_rows_outside_every_area_are_summed_by_district(tmp_path, partnerships):  # noqa: F811
    rows = [street_row("Watford 001A", "Drugs"), street_row("Watford 002B", "Robbery")]
    rows += [street_row("Watford 001A", "Drugs", month="2021-11")]
    tally = tally_paths([write_street_file(tmp_path / "street.csv", rows)])
    assert tally.outside_districts == Counter({"Watford": 3})


def test_the_indicators_made_for_police_figures_say_what_they_count(tmp_path, partnerships):  # noqa: F811
    save_tally(tally_of(tmp_path, 1, ["2021-12"]))
    descriptions = dict(
        Indicator.objects.filter(
            name__in=[
                "All crime (police.uk)",
                "Anti-social behaviour (police.uk)",
                "Burglary (police.uk)",
            ]
        ).values_list("police_category", "description")
    )
    assert descriptions == {
        "All crime": (
            "Street-level crimes of all types from data.police.uk, without anti-social behaviour."
        ),
        "Anti-social behaviour": (
            "Anti-social behaviour incidents from data.police.uk street-level files."
        ),
        "Burglary": 'Street-level crimes of the type "Burglary" from data.police.uk.',
    }


def test_a_row_without_a_crime_type_is_not_counted_under_an_indicator_of_no_police_type(
    tmp_path,
    partnerships,  # noqa: F811
):
    typed_in = IndicatorFactory(name="Domestic abuse", police_category="")
    path = write_street_file(tmp_path / "street.csv", [street_row("St Albans 001A", "")])
    tally = tally_paths([path])
    save_tally(tally)
    assert tally.imported == 1
    assert not Observation.objects.filter(indicator=typed_in).exists()


def test_a_file_without_the_street_columns_is_refused_by_its_name(tmp_path):
    path = tmp_path / "2021-12-kent-outcomes.csv"
    path.write_text("Crime ID,Month,Outcome type\n")
    with pytest.raises(PoliceDataError) as error:
        tally_paths([path])
    assert str(error.value).startswith(f"{path}: not a data.police.uk street-level crime file")


def test_blank_lines_and_lines_of_empty_fields_are_skipped_and_reading_goes_on(tmp_path):
    path = write_street_file(tmp_path / "street.csv", [street_row("St Albans 001A", "Drugs")])
    with open(path, "a", encoding="utf-8") as file:
        file.write("\n,,,\n" + ",".join(street_row("St Albans 001A", "Robbery")) + "\n")
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    tally = tally_paths([path])
    assert (tally.rows, tally.imported) == (2, 2)


def tally_of_bytes(*named_files):
    return tally_files([(name, io.BytesIO(data)) for name, data in named_files])


def test_a_file_of_exactly_the_size_limit_is_read_whole(monkeypatch):
    data = street_file_bytes([street_row("St Albans 001A", "Burglary")] * 3)
    monkeypatch.setattr(reading, "MAX_UPLOAD_BYTES", len(data))
    tally = tally_of_bytes(("2021-12-street.csv", data))
    assert tally.files == [
        {"name": "2021-12-street.csv", "sha256": hashlib.sha256(data).hexdigest(), "rows": 3}
    ]


def test_a_file_one_byte_over_the_size_limit_is_refused_by_its_name(monkeypatch):
    data = street_file_bytes([street_row("St Albans 001A", "Burglary")] * 3)
    monkeypatch.setattr(reading, "MAX_UPLOAD_BYTES", len(data) - 1)
    with pytest.raises(PoliceDataError) as error:
        tally_of_bytes(("2021-12-street.csv", data))
    assert str(error.value) == "2021-12-street.csv: the file is over 50 MB; split it by month."


def test_each_file_is_listed_with_its_own_rows_and_checksum():
    december = street_file_bytes([street_row("St Albans 001A", "Burglary")] * 2)
    november = street_file_bytes([street_row("Luton 001A", "Drugs", month="2021-11")] * 5)
    tally = tally_of_bytes(("a/2021-12-street.csv", december), ("b/2021-11-street.csv", november))
    assert tally.files == [
        {"name": "2021-12-street.csv", "sha256": hashlib.sha256(december).hexdigest(), "rows": 2},
        {"name": "2021-11-street.csv", "sha256": hashlib.sha256(november).hexdigest(), "rows": 5},
    ]
    assert tally.rows == 7


def test_a_file_missing_two_columns_names_both():
    header = [title for title in HEADER if title not in ("Crime ID", "LSOA code")]
    with pytest.raises(PoliceDataError) as error:
        tally_of_bytes(("street.csv", street_file_bytes([], header=header)))
    assert str(error.value) == (
        "street.csv: not a data.police.uk street-level crime file "
        "(no column 'Crime ID', 'LSOA code')."
    )


def test_a_file_the_csv_module_cannot_read_is_refused_by_its_name():
    # A quoted field sends the file through the csv module, which refuses a field over its
    # limit (131,072 characters).
    data = street_file_bytes([]) + b'"' + b"x" * (csv.field_size_limit() + 1) + b'",2021-12\r\n'
    with pytest.raises(PoliceDataError) as error:
        tally_of_bytes(("street.csv", data))
    message = str(error.value)
    assert message.startswith("street.csv: not a readable CSV file (")
    assert "field larger than field limit" in message and message.endswith(").")
