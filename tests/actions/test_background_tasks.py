"""The reminders and the RAG refresh as background tasks: what a scheduler enqueues."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from actions import tasks
from actions.models import Action, Rag, Status
from tests.background import run_worker, use_database_backend
from tests.factories import ActionFactory, ActionLeadFactory, PlanFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    use_database_backend(settings)


@pytest.fixture
def behind_action(partnership):
    """An action whose computed rating turns red by 30 September 2025."""
    plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        rag_method="computed",
    )
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=action, date=datetime.date(2025, 5, 1), percent_complete=20)
    # As rated in May, whatever saving the update did to the stored rating.
    Action.objects.filter(pk=action.pk).update(rag=Rag.GREEN)
    return action


@pytest.fixture
def late_police_action(plan, police, today):
    action = ActionFactory(plan=plan, title="Police action", due_date=today - datetime.timedelta(1))
    ActionLeadFactory(action=action, agency=police)
    return action


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_rag_refresh_in_the_background_runs_at_once_with_the_immediate_backend(
    behind_action,
):
    assert run("refresh_rag", "--background", "--date", "2025-09-30") == "1 rating(s) changed.\n"
    behind_action.refresh_from_db()
    assert behind_action.rag == Rag.RED


def test_the_rag_refresh_waits_in_the_database_for_a_worker(behind_action, database_tasks):
    out = run("refresh_rag", "--background", "--date", "2025-09-30")
    queued = DBTaskResult.objects.get()
    assert (
        out == f"Queued refresh_rag as task {queued.id}: a worker (manage.py db_worker) runs it.\n"
    )
    behind_action.refresh_from_db()
    assert behind_action.rag == Rag.GREEN

    run_worker()
    behind_action.refresh_from_db()
    assert behind_action.rag == Rag.RED
    assert tasks.refresh_rag.get_result(str(queued.id)).return_value == 1


def test_reminders_wait_in_the_database_for_a_worker(
    alice, dora, late_police_action, database_tasks
):
    assert run("send_reminders", "--background").startswith("Queued send_reminders as task ")
    assert mail.outbox == []
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "dora@example.org",
    ]
    assert DBTaskResult.objects.get().return_value == 2


def test_reminders_in_the_background_are_sent_at_once_with_the_immediate_backend(
    alice, late_police_action
):
    assert run("send_reminders", "--background") == "Sent 1 reminder(s).\n"
    assert len(mail.outbox) == 1


def test_a_dry_run_cannot_be_sent_to_the_background(alice, late_police_action):
    with pytest.raises(CommandError, match="--dry-run runs here"):
        run("send_reminders", "--background", "--dry-run")
    assert mail.outbox == []


def test_a_task_that_fails_makes_the_command_fail_with_its_error(monkeypatch, partnership):
    def broken(today):
        raise RuntimeError("mail server refused")

    monkeypatch.setattr("actions.reminders.send_reminders", broken)
    with pytest.raises(CommandError, match="mail server refused"):
        run("send_reminders", "--background")


def test_a_task_without_a_day_rates_as_on_the_day_it_runs(partnership, today):
    plan = PlanFactory(
        partnership=partnership,
        period_start=today - datetime.timedelta(days=300),
        period_end=today + datetime.timedelta(days=65),
        rag_method="computed",
    )
    # Most of its time gone and nothing reported: red today, green on its first day.
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    assert tasks.refresh_rag.call(plan.period_start.isoformat()) == 0
    assert tasks.refresh_rag.call(None) == 1
    action.refresh_from_db()
    assert action.rag == Rag.RED
