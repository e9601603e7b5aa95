"""Saving police.uk counts writes each observation's history row, naming who saved it, and
as many queries for a first import of one file as of many (COPY on PostgreSQL)."""

import pytest
from django.db import connection
from django.urls import reverse

from performance.models import Observation, PoliceImport
from performance.police_data import CRIME_TYPES, save_tally
from tests.performance.test_police_admin import UPLOAD, street_upload  # noqa: F401  (fixture)
from tests.performance.test_police_folder import partnerships, tally_of  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# save_tally's savepoint and its release; the old months' partnerships, deleting them, the
# new counts, their sums; the indicators there, then each of the 14 types and "All crime"
# created (get_or_create: a select, a savepoint, the insert, its release); the observations
# there already; the new observations and their history rows. On PostgreSQL the new
# observations take their ids from the sequence first, then are streamed with COPY.
TYPES = len(CRIME_TYPES) + 1
FIRST_SAVE_QUERIES = 2 + 4 + 1 + 4 * TYPES + 1 + 2 + (connection.vendor == "postgresql")


def history_of_observations():
    return list(
        Observation.history.order_by("id").values_list(
            "id", "indicator_id", "partnership_id", "period_start", "value", "history_type"
        )
    )


def test_each_new_observation_has_its_created_history_row(tmp_path, partnerships):  # noqa: F811
    save_tally(tally_of(tmp_path, 2, ["2021-11", "2021-12"]))
    observations = list(
        Observation.objects.order_by("id").values_list(
            "id", "indicator_id", "partnership_id", "period_start", "value"
        )
    )
    # Two partnerships x two months x every type and "All crime".
    assert len(observations) == 2 * 2 * TYPES
    assert history_of_observations() == [(*row, "+") for row in observations]
    # From a command or a task nobody is signed in.
    assert set(Observation.history.values_list("history_user", flat=True)) == {None}


def test_a_changed_observation_gets_a_changed_history_row(tmp_path, partnerships):  # noqa: F811
    save_tally(tally_of(tmp_path / "first", 1, ["2021-12"]))
    save_tally(tally_of(tmp_path / "again", 1, ["2021-12"], copies=2))
    changed = Observation.history.filter(history_type="~")
    # Burglary and Drugs in each partnership, and their "All crime".
    assert changed.count() == 4
    assert sorted(changed.values_list("value", flat=True)) == [2, 2, 2, 2]


def test_the_admin_who_confirms_is_named_in_the_history(
    client,
    superuser,
    street_upload,  # noqa: F811
):
    client.force_login(superuser)
    client.post(UPLOAD, {"files": [street_upload]})
    batch = PoliceImport.objects.get()
    client.post(reverse("admin:performance_policeimport_confirm", args=[batch.pk]))
    assert Observation.history.count() == Observation.objects.count() == TYPES
    assert set(Observation.history.values_list("history_user", flat=True)) == {superuser.pk}


@pytest.mark.parametrize(("forces", "months"), [(1, ["2021-12"]), (4, ["2021-10", "2021-11"])])
def test_a_first_import_takes_the_same_queries_for_one_file_or_many(
    tmp_path,
    partnerships,  # noqa: F811
    forces,
    months,
    django_assert_num_queries,
):
    tally = tally_of(tmp_path, forces, months)
    with django_assert_num_queries(FIRST_SAVE_QUERIES):
        save_tally(tally)
