"""Background tasks of the performance app (README, "Background tasks and workers")."""

import logging

from django_tasks import task

from performance import police_data

logger = logging.getLogger(__name__)


def _log_progress(done: int, total: int, message: str) -> None:
    logger.info("police.uk import: %s of %s file(s) read. %s", done, total, message)


@task()
def import_police_folder(paths: list[str], dry_run: bool = False) -> str:
    """Import police.uk street files and folders, as the worker sees them; the summary."""
    tally = police_data.import_police_folder(paths, dry_run=dry_run, progress=_log_progress)
    return tally.summary(dry_run)
