"""Background tasks: enqueue one from a management command and say what became of it; keep
a long task's heartbeat; mark failed the tasks whose worker was lost.

The rule for lost workers is kept here once, for every model of long work (document imports,
county exports): a row with `state` "running" whose `heartbeat_at` (or, before its first
beat, `started_at`) is older than WORKER_LOST_AFTER_MINUTES has lost its worker; marking it
failed sets `lost_at` and `finished_at`, and fails its task result (`task_id`) too.

With the immediate backend (the default) the task has run by the time `enqueue` returns;
with the database backend it waits for `manage.py db_worker`.
"""

import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, connections
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

BACKGROUND_HELP = (
    "Enqueue the work as a background task instead of running it here "
    "(a db_worker runs it when TASK_BACKEND=database)."
)


def enqueue_and_report(command, task, *args, describe=str, **kwargs):
    """Enqueue `task`; write its outcome (through `describe`) or that it is queued."""
    result = task.enqueue(*args, **kwargs)
    if result.status == TaskResultStatus.SUCCESSFUL:
        command.stdout.write(describe(result.return_value))
    elif result.status == TaskResultStatus.FAILED:
        error = result.errors[-1]
        raise CommandError(f"The task failed: {error.exception_class_path}\n{error.traceback}")
    else:
        command.stdout.write(
            f"Queued {task.name} as task {result.id}: a worker (manage.py db_worker) runs it."
        )
    return result


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped without saying how it ended."""


LOST_TRACEBACK = (
    "The worker running this task was lost (killed, or its machine gone) before the task "
    "ended; manage.py tidy_background_work marked it failed.\n"
)


# How often running work records a sign of life; WORKER_LOST_AFTER_MINUTES is many of these.
HEARTBEAT_SECONDS = 30


def worker_lost_after() -> timedelta:
    return timedelta(minutes=settings.WORKER_LOST_AFTER_MINUTES)


def worker_lost(now=None) -> Q:
    """Rows running whose worker has not been heard from for WORKER_LOST_AFTER_MINUTES."""
    cutoff = (now or timezone.now()) - worker_lost_after()
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None, started_at__lt=cutoff)
    return Q(state="running") & silent


class WatchedWork:
    """What a model of long work under the rule above shows of its worker on its pages."""

    @property
    def is_lost(self) -> bool:
        """Running, but its worker has not been heard from for WORKER_LOST_AFTER_MINUTES:
        `worker_lost` for one row already read."""
        last_sign = self.heartbeat_at or self.started_at
        if self.state != "running" or last_sign is None:
            return False
        return last_sign < timezone.now() - worker_lost_after()

    @property
    def was_stopped(self) -> bool:
        """Its worker was lost: shown stopped now, or marked failed by the tidy."""
        return self.is_lost or (self.state == "failed" and self.lost_at is not None)

    @property
    def state_label(self) -> str:
        """Its state in words; a lost worker's work is shown stopped before the tidy runs."""
        if self.was_stopped:
            return "Stopped: the worker was lost"
        return self.get_state_display()


def mark_worker_lost(rows, now, **fields) -> int:
    """Mark failed those of `rows` (a QuerySet) whose worker is lost, with `fields` too, and
    their task results (the database backend's); how many rows were marked."""
    marked = rows.filter(worker_lost(now)).update(
        state="failed", lost_at=now, finished_at=now, **fields
    )
    if marked:
        task_ids = rows.filter(lost_at=now).values_list("task_id", flat=True)
        mark_task_results_lost([task_id for task_id in task_ids if task_id], now)
    return marked


def mark_never_started(rows, now, waiting_state: str, **fields) -> int:
    """Mark failed (and lost) those of `rows` still in `waiting_state` whose task has ended:
    a worker killed between taking the task and starting the work, or a task marked lost.
    No worker will run them now. How many were marked."""
    waiting = rows.filter(state=waiting_state).exclude(task_id="")
    ended = tasks_ended(list(waiting.values_list("task_id", flat=True)))
    return waiting.filter(task_id__in=ended).update(
        state="failed", lost_at=now, finished_at=now, **fields
    )


class Heartbeat:
    """Calls `beat()` every `seconds` from a thread of its own while the `with` block runs,
    so that a long step (one transaction, say) still shows that its worker is alive. The
    thread has its own database connection, closed when it stops; a beat that fails is
    logged and the next one tried."""

    def __init__(self, beat, seconds: float):
        self.beat, self.seconds = beat, seconds
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stopped.set()
        self._thread.join()

    def _run(self):
        try:
            while not self._stopped.wait(self.seconds):
                try:
                    self.beat()
                except DatabaseError:
                    logger.warning("A heartbeat could not be recorded.", exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections only


def mark_task_results_lost(task_ids, now=None) -> int:
    """Mark these task results (the database backend's) failed if still running: their
    worker was lost. How many were marked."""
    stored = _database_task_ids(task_ids)
    if not stored:
        return 0
    return _lost_results(DBTaskResult.objects.filter(pk__in=stored.values()), now)


def tasks_ended(task_ids) -> list[str]:
    """Those of these task ids whose task result (the database backend's) has finished, as
    they were given; ids of tasks run by the immediate backend have none, and are left out."""
    stored = _database_task_ids(task_ids)
    if not stored:
        return []
    ended = DBTaskResult.objects.filter(pk__in=stored.values()).exclude(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    ended_ids = set(ended.values_list("pk", flat=True))
    return [task_id for task_id, pk in stored.items() if pk in ended_ids]


def _database_task_ids(task_ids) -> dict[str, uuid.UUID]:
    """The task ids that can be the database backend's (UUIDs), with their UUIDs; the
    immediate backend's are random strings of letters."""
    found = {}
    for task_id in task_ids:
        try:
            found[task_id] = uuid.UUID(task_id)
        except ValueError:
            continue
    return found


def mark_stale_task_results_lost(now=None) -> int:
    """Mark failed every task result still running TASK_LOST_AFTER_HOURS after it started."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.TASK_LOST_AFTER_HOURS)
    return _lost_results(DBTaskResult.objects.filter(started_at__lt=cutoff), now)


def _lost_results(results, now=None) -> int:
    return results.filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now or timezone.now(),
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=LOST_TRACEBACK,
        return_value=None,
    )
