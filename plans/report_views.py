"""Downloads of a plan: Word, Excel and CSV, for anyone who may view its partnership."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from plans.access import plan_for_user
from plans.reports.rows import file_stem, plan_report
from plans.reports.spreadsheet import plan_csv, plan_xlsx
from plans.reports.word import plan_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_docx(request, pk):
    plan = plan_for_user(request, pk).plan
    return _download(plan_docx(plan_report(plan)), DOCX, f"{file_stem(plan)}.docx")


@login_required
def export_xlsx(request, pk):
    plan = plan_for_user(request, pk).plan
    return _download(plan_xlsx(plan_report(plan)), XLSX, f"{file_stem(plan)}.xlsx")


@login_required
def export_csv(request, pk):
    plan = plan_for_user(request, pk).plan
    content = plan_csv(plan_report(plan))
    return _download(content, "text/csv; charset=utf-8", f"{file_stem(plan)}.csv")
