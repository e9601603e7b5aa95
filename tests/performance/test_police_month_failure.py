"""Re-importing a police.uk month replaces it all or nothing: when writing the new figures
fails after the old month was deleted, the old month is still there.

Run outside the test's own transaction (transaction=True), so what save_tally commits is
what is checked.
"""

import datetime

import pytest

from performance.models import Observation, PoliceCrimeCount
from performance.police_data import save_tally, saving, tally_paths
from tests.factories import PartnershipFactory
from tests.performance.police_files import street_row, write_street_file

pytestmark = pytest.mark.django_db(transaction=True)
DECEMBER = datetime.date(2021, 12, 1)


class InjectedFailure(Exception):
    pass


def fail(*args, **kwargs):
    raise InjectedFailure


def tally_of(tmp_path, rows, name):
    return tally_paths([write_street_file(tmp_path / name, rows)])


def month_as_stored():
    counts = PoliceCrimeCount.objects.order_by("crime_type").values_list("crime_type", "count")
    observations = Observation.objects.order_by("indicator__police_category").values_list(
        "indicator__police_category", "period_start", "value"
    )
    return list(counts), list(observations)


@pytest.fixture
def first_import(tmp_path):
    PartnershipFactory(name="St Albans", ons_code="E07000240")
    rows = [street_row("St Albans 001A", "Burglary")] * 3 + [
        street_row("St Albans 001A", "Robbery")
    ]
    save_tally(tally_of(tmp_path, rows, "first.csv"))
    stored = month_as_stored()
    assert ("Burglary", 3) in stored[0]
    return stored


@pytest.mark.parametrize(
    "step",
    [
        "bulk_update_with_history",  # the observations already there get their new values
        "create_observations",  # observations of types the month had not had
        "_recompute_observations",  # the sums, right after the new counts are written
    ],
)
def test_the_old_month_is_kept_when_writing_the_new_one_fails(
    tmp_path, first_import, monkeypatch, step
):
    rows = [street_row("St Albans 001A", "Burglary")] + [street_row("St Albans 001A", "Drugs")] * 2
    replacement = tally_of(tmp_path, rows, "second.csv")
    monkeypatch.setattr(saving, step, fail)
    with pytest.raises(InjectedFailure):
        save_tally(replacement)
    monkeypatch.undo()
    assert month_as_stored() == first_import


def test_without_a_failure_the_month_is_replaced(tmp_path, first_import):
    rows = [street_row("St Albans 001A", "Burglary")]
    save_tally(tally_of(tmp_path, rows, "second.csv"))
    counts, observations = month_as_stored()
    assert counts == [("Burglary", 1)]
    assert ("Burglary", DECEMBER, 1) in observations
    assert ("Robbery", DECEMBER, 0) in observations
