"""Small data.police.uk street-level files written for the tests, and where the real ones are."""

import csv
import io

from tests.shared_data import shared_path

HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
FORCE = "Hertfordshire Constabulary"


def street_row(lsoa_name, crime_type, *, month="2021-12", crime_id="abc", force=FORCE):
    """One row; an empty lsoa_name is a row with no location."""
    code = "E01000001" if lsoa_name else ""
    location = "On or near High Street" if lsoa_name else "No Location"
    return [crime_id, month, force, force, "", "", location, code, lsoa_name, crime_type, "", ""]


def street_file_bytes(rows, header=HEADER) -> bytes:
    """A street-level file's bytes: the header, then the rows."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def write_street_file(path, rows):
    with open(path, "wb") as file:
        file.write(street_file_bytes(rows))
    return path


def real_file(name):
    """A real data.police.uk file from ../shared/data/real; skips (fails under CI) if absent."""
    return shared_path("data", "real", name)
