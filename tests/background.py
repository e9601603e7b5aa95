"""Helpers for the tests that prove the database backend's path: enqueue, run a worker, look.

Every other test runs tasks with the immediate backend, the default.
"""

import signal
from unittest import mock

from django.core.management import call_command

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def use_database_backend(settings) -> None:
    """Queue tasks in the database for the rest of the test (pytest-django's `settings`)."""
    settings.TASKS = DATABASE_BACKEND


def run_worker() -> None:
    """Run `manage.py db_worker` until the queue is empty, as a worker machine would."""
    # The worker installs its own signal handlers for a graceful stop; give pytest its own back.
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    # Between tasks a worker closes connections it finds inside a transaction; the test's
    # own transaction is one (on PostgreSQL it would be closed, and the test's data lost).
    keep_connections = mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    )
    try:
        with keep_connections:
            call_command(
                "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
