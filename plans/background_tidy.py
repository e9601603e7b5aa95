"""What `manage.py tidy_background_work` does, from cron or as a worker's task: mark failed the
work whose worker was lost (document imports, county exports), and remove the uploads,
documents and exports nobody came back for."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from csp.background import mark_stale_task_results_lost
from performance.county_export import CountyExport
from plans.import_jobs import DocumentImportJob
from plans.pending_documents import PendingDocument


@dataclass
class Tidied:
    lost_imports: int
    lost_tasks: int
    reviews_removed: int
    documents_dropped: int
    lost_exports: int
    exports_removed: int

    def summary(self) -> str:
        return (
            f"{self.lost_imports} import(s) whose worker was lost marked failed, "
            f"{self.lost_tasks} other task(s) still running after their limit marked failed, "
            f"{self.reviews_removed} abandoned import review(s) removed, "
            f"{self.documents_dropped} stopped import(s) not tried again lost their document, "
            f"{self.lost_exports} county export(s) whose worker was lost marked failed, "
            f"{self.exports_removed} county export(s) older than "
            f"{settings.COUNTY_EXPORT_KEEP_DAYS} day(s) removed."
        )

    def to_json(self) -> dict:
        return self.__dict__.copy()


def tidy_background_work(now=None) -> Tidied:
    now = now or timezone.now()
    # The work of lost workers first, so that their task results are marked as theirs and
    # not only as over the general limit.
    lost_imports = DocumentImportJob.objects.mark_lost(now)
    lost_exports = CountyExport.objects.mark_lost(now)
    return Tidied(
        lost_imports=lost_imports,
        lost_tasks=mark_stale_task_results_lost(now),
        reviews_removed=PendingDocument.objects.remove_abandoned(now),
        documents_dropped=DocumentImportJob.objects.drop_stopped_documents(now),
        lost_exports=lost_exports,
        exports_removed=CountyExport.objects.remove_old(now),
    )
