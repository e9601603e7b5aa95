"""A county export whose worker was lost is shown stopped and can be asked for again;
`tidy_background_work` marks it failed and removes exports older than COUNTY_EXPORT_KEEP_DAYS."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from performance.county_export import CountyExport
from tests.background import use_database_backend
from tests.performance.test_county_export import county_url, plans  # noqa: F401 (a fixture)
from tests.plans.test_import_jobs_lost import tidy

# Northfield and Southgate in Hertfordshire, each with a current plan of one action.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plans")]

LOST_AFTER = timedelta(minutes=10)  # WORKER_LOST_AFTER_MINUTES's default


def left_running(user, silent_for, **fields):
    """The row a worker killed while writing the file leaves: running, last heard from long ago."""
    then = timezone.now() - silent_for
    return CountyExport.objects.create(
        requested_by=user,
        county="Hertfordshire",
        state="running",
        started_at=then,
        heartbeat_at=then,
        **fields,
    )


def asked_for(user, days_ago, state):
    export = CountyExport.objects.create(
        requested_by=user, county="Hertfordshire", state=state, content="Partnership\n"
    )
    then = timezone.now() - timedelta(days=days_ago)
    CountyExport.objects.filter(pk=export.pk).update(requested_at=then, heartbeat_at=then)
    return export


def status_url(export):
    return reverse("performance:export_status", args=[export.pk])


def test_an_export_not_heard_from_for_the_limit_is_shown_stopped_with_a_way_to_ask_again(
    client, alice
):
    export = left_running(alice, LOST_AFTER + timedelta(seconds=1))
    client.force_login(alice)
    page = client.get(status_url(export)).text
    assert 'id="export-state">Stopped: the worker was lost<' in page
    assert "The export stopped" in page
    assert f'action="{county_url()}"' in page and 'id="export-again"' in page
    # Nothing will change by itself now: the page stops asking again.
    assert "hx-get" not in page and "refresh" not in page
    assert "Stopped: the worker was lost" in client.get(county_url()).text  # recent exports

    response = client.post(county_url())
    again = CountyExport.objects.exclude(pk=export.pk).get()
    assert response.url == status_url(again)
    assert again.state == "done" and "Northfield plan action 0" in again.content


def test_an_export_heard_from_within_the_limit_is_still_running(client, alice):
    export = left_running(alice, LOST_AFTER - timedelta(seconds=30))
    client.force_login(alice)
    page = client.get(status_url(export)).text
    assert 'id="export-state">Running: writing the file<' in page
    assert 'id="export-again"' not in page
    assert 'hx-trigger="every 2s"' in page
    assert "0 county export(s) whose worker was lost marked failed" in tidy()
    assert CountyExport.objects.get().state == "running"


def test_the_limit_is_the_worker_lost_setting(client, alice, settings):
    settings.WORKER_LOST_AFTER_MINUTES = 30
    export = left_running(alice, timedelta(minutes=20))
    assert not export.is_lost
    assert "0 county export(s) whose worker was lost marked failed" in tidy()
    settings.WORKER_LOST_AFTER_MINUTES = 15
    assert CountyExport.objects.get().is_lost
    assert "1 county export(s) whose worker was lost marked failed" in tidy()


def test_only_who_asked_and_superusers_see_a_stopped_export(client, alice, bob, superuser):
    export = left_running(alice, LOST_AFTER * 2)
    for user, expected in [(alice, 200), (superuser, 200), (bob, 403)]:
        client.force_login(user)
        response = client.get(status_url(export))
        assert response.status_code == expected, user
        if expected == 200:
            assert "Stopped: the worker was lost" in response.text


def test_the_tidy_marks_a_lost_export_failed_and_its_page_offers_it_again(client, alice):
    lost = left_running(alice, LOST_AFTER + timedelta(minutes=1))
    alive = left_running(alice, timedelta(minutes=1))
    assert "1 county export(s) whose worker was lost marked failed" in tidy()
    lost.refresh_from_db()
    assert lost.state == "failed"
    assert lost.error.startswith("Stopped: the worker writing the file was lost")
    assert lost.lost_at is not None and lost.finished_at == lost.lost_at
    assert CountyExport.objects.get(pk=alive.pk).state == "running"

    client.force_login(alice)
    page = client.get(status_url(lost)).text
    assert 'id="export-state">Stopped: the worker was lost<' in page
    assert "nothing was heard from it for 10 minutes" in page
    assert 'id="export-again"' in page
    download = client.get(reverse("performance:export_download", args=[lost.pk]))
    assert download.url == status_url(lost)


def test_the_tidy_removes_old_exports_and_keeps_recent_ones(alice):
    old = [asked_for(alice, 8, state) for state in ["done", "failed", "queued"]]
    recent = asked_for(alice, 6, "done")
    still_running = asked_for(alice, 8, "running")  # heard from a moment ago: not lost
    CountyExport.objects.filter(pk=still_running.pk).update(
        started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    assert "3 county export(s) older than 7 day(s) removed" in tidy()
    kept = set(CountyExport.objects.values_list("pk", flat=True))
    assert kept == {recent.pk, still_running.pk}
    assert not kept & {export.pk for export in old}


def test_how_long_exports_are_kept_is_a_setting(alice, settings):
    settings.COUNTY_EXPORT_KEEP_DAYS = 1
    asked_for(alice, 2, "done")
    kept = asked_for(alice, 0, "done")
    assert "1 county export(s) older than 1 day(s) removed" in tidy()
    assert list(CountyExport.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_running_export_beats_and_a_finished_one_does_not(alice):
    running = left_running(alice, timedelta(minutes=3))
    before = running.heartbeat_at
    running.beat()
    running.refresh_from_db()
    assert running.heartbeat_at > before
    finished = asked_for(alice, 1, "done")
    finished.refresh_from_db()
    heard = finished.heartbeat_at
    finished.beat()
    finished.refresh_from_db()
    assert finished.heartbeat_at == heard


def test_an_export_records_its_first_sign_of_life_as_it_starts(alice):
    export = CountyExport.start(alice, "Hertfordshire")
    assert export.state == "done"
    assert export.heartbeat_at is not None and export.heartbeat_at >= export.started_at


class TestWithTheDatabaseBackend:
    @pytest.fixture(autouse=True)
    def database_tasks(self, settings):
        use_database_backend(settings)

    def test_the_tidy_marks_the_lost_exports_task_result_failed_too(self, client, alice):
        client.force_login(alice)
        client.post(county_url())
        then = timezone.now() - LOST_AFTER * 2
        DBTaskResult.objects.update(status="RUNNING", started_at=then, worker_ids=["gone-1"])
        CountyExport.objects.update(state="running", started_at=then, heartbeat_at=then)
        assert "1 county export(s) whose worker was lost marked failed" in tidy()
        result = DBTaskResult.objects.get()
        assert (result.status, result.exception_class_path) == (
            "FAILED",
            "csp.background.WorkerLost",
        )
        assert CountyExport.objects.get().state == "failed"

    def test_a_queued_export_whose_task_ended_before_it_started_is_stopped(self, client, alice):
        client.force_login(alice)
        status = client.post(county_url()).url
        DBTaskResult.objects.update(status="FAILED", started_at=timezone.now())
        assert "1 county export(s) whose worker was lost marked failed" in tidy()
        export = CountyExport.objects.get()
        assert (export.state, export.was_stopped) == ("failed", True)
        page = client.get(status).text
        assert "its task ended before a worker started writing the file" in page
        assert 'id="export-again"' in page
