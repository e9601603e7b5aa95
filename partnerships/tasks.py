"""Background tasks of the partnerships app (README, "Background tasks and workers")."""

from django_tasks import task

from partnerships import backup_files


@task()
def export_backup(name: str) -> dict:
    """Back up every table into the file storage as `name`; its file name and row count."""
    return backup_files.export_to_storage(name)
