"""Enqueue a background task from a management command, and say what became of it.

With the immediate backend (the default) the task has run by the time `enqueue` returns;
with the database backend it waits for `manage.py db_worker`.
"""

from django.core.management.base import CommandError
from django_tasks import TaskResultStatus

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
