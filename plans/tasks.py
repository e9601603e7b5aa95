"""Background tasks of the plans app (README, "Background tasks and workers")."""

from django_tasks import task

from plans.background_tidy import tidy_background_work as tidy
from plans.import_jobs import DocumentImportJob


@task()
def import_document_job(job_id: str) -> str:
    """Run one confirmed document import; returns the job's final state."""
    job = DocumentImportJob.objects.get(pk=job_id)
    job.run()
    return job.state


@task()
def tidy_background_work() -> dict:
    """Mark lost work failed and remove abandoned uploads; what was done, as counts."""
    return tidy().to_json()
