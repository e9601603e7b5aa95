"""The county-wide CSV export: who may ask for it and download it, whose actions it holds,
and the background task that writes it."""

import csv
import datetime
import io
import uuid

import pytest
from django.urls import reverse

from partnerships.models import Partnership, Role
from performance import county_export
from performance.county_export import HEADER, CountyExport
from performance.tasks import export_county_actions
from tests.background import run_worker, use_database_backend
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PartnershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
START = datetime.date(TODAY.year if TODAY.month >= 4 else TODAY.year - 1, 4, 1)


def current_plan_of(partnership, title, actions=1):
    plan = PlanFactory(
        partnership=partnership,
        title=title,
        period_start=START,
        period_end=START.replace(year=START.year + 1) - datetime.timedelta(days=1),
    )
    for number in range(actions):
        ActionFactory(plan=plan, title=f"{title} action {number}", order=number)
    return plan


@pytest.fixture
def plans(partnership, other_partnership):
    """Northfield and Southgate (Hertfordshire) each with a current plan; Eastwick in Essex."""
    eastwick = PartnershipFactory(name="Eastwick CSP", slug="eastwick", county="Essex")
    return {
        "northfield": current_plan_of(partnership, "Northfield plan"),
        "southgate": current_plan_of(other_partnership, "Southgate plan"),
        "eastwick": current_plan_of(eastwick, "Eastwick plan"),
    }


def rows_of(export) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export.content)))


def titles_in(export) -> set[str]:
    return {row[HEADER.index("Action")] for row in rows_of(export)[1:]}


def county_url():
    return reverse("performance:county_export", args=["hertfordshire"])


def test_the_county_page_offers_the_export(client, alice, plans):
    client.force_login(alice)
    response = client.get(reverse("performance:county", args=["hertfordshire"]))
    assert county_url() in response.content.decode()


def test_asking_writes_the_csv_at_once_with_the_immediate_backend(client, alice, plans):
    client.force_login(alice)
    response = client.post(county_url())
    export = CountyExport.objects.get()
    assert response.url == reverse("performance:export_status", args=[export.pk])
    assert (export.state, export.requested_by, export.county) == ("done", alice, "Hertfordshire")
    assert export.task_id
    assert rows_of(export)[0] == HEADER
    page = client.get(response.url).content.decode()
    assert "Ready to download" in page
    assert "1 action of 1 partnership" in page
    assert reverse("performance:export_download", args=[export.pk]) in page


def test_a_coordinator_gets_only_the_partnerships_where_they_hold_a_role(client, charlie, plans):
    # charlie coordinates Southgate: the county page shows him Northfield's RAG counts, not
    # its actions, and neither does the export.
    client.force_login(charlie)
    page = client.get(county_url()).content.decode()
    assert "Southgate" in page and "Northfield" not in page
    client.post(county_url())
    assert titles_in(CountyExport.objects.get()) == {"Southgate plan action 0"}


def test_a_county_viewer_gets_every_partnership_of_the_county(client, bob, plans):
    RoleFactory(user=bob, partnership=plans["southgate"].partnership, name="viewer")
    client.force_login(bob)
    client.post(county_url())
    export = CountyExport.objects.get()
    assert titles_in(export) == {"Northfield plan action 0", "Southgate plan action 0"}
    assert export.partnerships == 2
    # By partnership name, each with its plan.
    assert [row[:2] for row in rows_of(export)[1:]] == [
        ["Northfield Community Safety Partnership", "Northfield plan"],
        ["Southgate Community Safety Partnership", "Southgate plan"],
    ]


def test_a_superuser_gets_the_whole_county_and_nothing_of_another(client, superuser, plans):
    client.force_login(superuser)
    client.post(county_url())
    assert titles_in(CountyExport.objects.get()) == {
        "Northfield plan action 0",
        "Southgate plan action 0",
    }


def test_the_all_partnerships_export_is_for_superusers(client, alice, superuser, plans):
    url = reverse("performance:all_partnerships_export")
    client.force_login(alice)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not CountyExport.objects.exists()
    client.force_login(superuser)
    assert "all 3 partnerships" in client.get(url).content.decode()
    client.post(url)
    export = CountyExport.objects.get()
    assert export.county == "" and export.partnerships == 3
    assert "Eastwick plan action 0" in titles_in(export)


def test_only_the_current_plan_of_each_partnership_is_exported(partnership, alice):
    current = current_plan_of(partnership, "Current plan")
    old = PlanFactory(
        partnership=partnership,
        title="Old plan",
        period_start=START.replace(year=START.year - 1),
        period_end=START - datetime.timedelta(days=1),
    )
    ActionFactory(plan=old, title="An old action")
    export = CountyExport.start(alice, "Hertfordshire")
    assert titles_in(export) == {"Current plan action 0"}
    assert current.actions.count() == 1


def test_the_rows_carry_the_plan_export_columns_with_formulas_defused(partnership, alice):
    plan = current_plan_of(partnership, "Plan", actions=0)
    priority = PriorityFactory(plan=plan, code="2")
    action = ActionFactory(plan=plan, title="=HYPERLINK(1)", target="-5%", rag="amber")
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency__name="Northfield Police")
    ProgressUpdateFactory(action=action, text="@done", date=TODAY)
    row = dict(zip(HEADER, rows_of(CountyExport.start(alice, "Hertfordshire"))[1], strict=True))
    assert row["Action"] == "'=HYPERLINK(1)"
    assert row["Target"] == "'-5%"
    assert row["Progress"] == "'@done"
    assert (row["Aim/priority"], row["Lead agency"], row["RAG rating"]) == (
        "2",
        "Northfield Police",
        "Amber",
    )
    assert row["Progress date"] == TODAY.isoformat()


def test_a_county_where_the_user_holds_no_role_is_refused(client, plans):
    stranger = UserFactory(username="stranger")
    RoleFactory(user=stranger, partnership=plans["eastwick"].partnership, name="viewer")
    client.force_login(stranger)
    assert client.get(county_url()).status_code == 403
    assert client.post(county_url()).status_code == 403
    assert client.get(reverse("performance:county_export", args=["nowhere"])).status_code == 404
    assert not CountyExport.objects.exists()


def test_only_who_asked_and_superusers_follow_and_download_it(client, alice, bob, superuser, plans):
    export = CountyExport.start(alice, "Hertfordshire")
    status = reverse("performance:export_status", args=[export.pk])
    download = reverse("performance:export_download", args=[export.pk])
    for user, expected in [(alice, 200), (superuser, 200), (bob, 403)]:
        client.force_login(user)
        assert client.get(status).status_code == expected, user
        assert client.get(download).status_code == expected, user
    client.force_login(alice)
    response = client.get(download)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"hertfordshire-actions-{TODAY:%Y-%m-%d}.csv" in response["Content-Disposition"]
    assert b"Northfield plan action 0" in response.content
    missing = reverse("performance:export_status", args=[uuid.uuid4()])
    assert client.get(missing).status_code == 404


def test_losing_every_role_in_the_county_stops_the_download(client, alice, plans):
    export = CountyExport.start(alice, "Hertfordshire")
    Role.objects.filter(user=alice).delete()
    client.force_login(alice)
    assert client.get(reverse("performance:export_download", args=[export.pk])).status_code == 403


def test_a_queued_export_says_so_and_its_download_waits(client, alice, plans):
    export = CountyExport.objects.create(requested_by=alice, county="Hertfordshire")
    client.force_login(alice)
    status = reverse("performance:export_status", args=[export.pk])
    page = client.get(status).content.decode()
    assert "Queued: waiting for a worker" in page
    assert 'hx-trigger="every 2s"' in page  # the page follows the task
    response = client.get(reverse("performance:export_download", args=[export.pk]))
    assert response.url == status
    export_county_actions.call(str(export.pk))  # what a worker does
    assert "Ready to download" in client.get(status).content.decode()


def test_with_the_database_backend_it_waits_for_a_worker(client, alice, plans, settings):
    use_database_backend(settings)
    client.force_login(alice)
    status = client.post(county_url()).url
    assert "Queued: waiting for a worker" in client.get(status).content.decode()
    run_worker()
    export = CountyExport.objects.get()
    assert (export.state, titles_in(export)) == ("done", {"Northfield plan action 0"})
    assert "Ready to download" in client.get(status).content.decode()


def test_a_worker_runs_an_export_once(alice, plans):
    export = CountyExport.start(alice, "Hertfordshire")
    finished = export.finished_at
    export.run()
    export.refresh_from_db()
    assert (export.state, export.finished_at) == ("done", finished)


def test_a_failed_export_says_so(client, alice, plans, monkeypatch):
    def broken(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(county_export, "actions_csv", broken)
    export = CountyExport.objects.create(requested_by=alice, county="Hertfordshire")
    with pytest.raises(RuntimeError):
        export.run()
    export.refresh_from_db()
    assert (export.state, export.content) == ("failed", "")
    client.force_login(alice)
    page = client.get(reverse("performance:export_status", args=[export.pk])).content.decode()
    assert "The export failed" in page and "RuntimeError" in page
    assert "the database went away" not in page  # the details stay in the task's result


def county_of(partnerships, actions_each):
    for number in range(partnerships):
        place = PartnershipFactory(county="Hertfordshire")
        plan = current_plan_of(place, f"Plan {number}", actions=actions_each)
        PriorityFactory(plan=plan)
        for action in plan.actions.all():
            ActionLeadFactory(action=action)
            ProgressUpdateFactory(action=action)


@pytest.mark.parametrize("partnerships, actions_each", [(1, 1), (6, 5)])
def test_the_task_reads_in_the_same_queries_whatever_the_size(
    superuser, django_assert_num_queries, partnerships, actions_each
):
    county_of(partnerships, actions_each)
    export = CountyExport.objects.create(requested_by=superuser, county="Hertfordshire")
    # The export and its user, claiming it, plans, priorities, actions, their leads and
    # priorities, saving the file.
    with django_assert_num_queries(8):
        assert export_county_actions.call(str(export.pk)) == partnerships * actions_each


def test_the_dashboards_page_offers_superusers_the_export_of_everything(client, alice, superuser):
    url = reverse("performance:all_partnerships_export")
    client.force_login(superuser)
    assert url in client.get(reverse("performance:index")).content.decode()
    client.force_login(alice)
    assert url not in client.get(reverse("performance:index")).content.decode()


@pytest.mark.parametrize("partnerships, actions_each", [(1, 1), (6, 5)])
def test_asking_following_and_downloading_cost_the_same_queries_whatever_the_size(
    client, settings, django_assert_num_queries, partnerships, actions_each
):
    county_of(partnerships, actions_each)
    coordinator = UserFactory()
    for place in Partnership.objects.filter(county="Hertfordshire"):
        RoleFactory(user=coordinator, partnership=place, name="coordinator")
    use_database_backend(settings)  # the task waits, so asking is the request alone
    client.force_login(coordinator)
    # The session and user; county_for_user: the counties, the county's partnerships, the
    # user's roles; the export saved, the task queued, its id stored, the export read back.
    with django_assert_num_queries(9):
        status = client.post(county_url()).url
    export = CountyExport.objects.get()
    # The session and user, the export, then county_for_user's three (who may follow it).
    with django_assert_num_queries(6):
        assert client.get(status).status_code == 200
    export_county_actions.call(str(export.pk))
    with django_assert_num_queries(6):  # the same six
        response = client.get(reverse("performance:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert len(rows_of(CountyExport.objects.get())) == 1 + partnerships * actions_each
