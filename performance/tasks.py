"""Background tasks of the performance app (README, "Background tasks and workers")."""

import logging

from django_tasks import task

from performance import police_data
from performance.models import CountyExport

logger = logging.getLogger(__name__)


def _log_progress(done: int, total: int, message: str) -> None:
    logger.info("police.uk import: %s of %s file(s) read. %s", done, total, message)


@task()
def import_police_folder(paths: list[str], dry_run: bool = False) -> str:
    """Import police.uk street files and folders, as the worker sees them; the summary."""
    tally = police_data.import_police_folder(paths, dry_run=dry_run, progress=_log_progress)
    return tally.summary(dry_run)


@task()
def export_county_actions(export_id: str) -> int:
    """Write one county-wide CSV of actions (performance/county_export.py); its row count."""
    export = CountyExport.objects.select_related("requested_by").get(pk=export_id)
    export.run()
    return export.rows
