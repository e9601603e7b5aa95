"""The superusers' backups page in the admin: make a backup in the background, download it.

Only superusers: a backup holds every table, password hashes and personal data included.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskException

from partnerships import backup_files, tasks


def superusers_only(view):
    def superuser_view(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(superuser_view)


def _queued_backup(result_id: str | None):
    """The backup task of that id, while the backend can say (the database backend)."""
    if not result_id or not tasks.export_backup.get_backend().supports_get_result:
        return None
    try:
        return tasks.export_backup.get_result(result_id)
    except TaskException:
        return None


@superusers_only
def backups(request):
    context = {
        **admin.site.each_context(request),
        "title": "Backups",
        "backups": backup_files.stored_backups(),
        "queued": _queued_backup(request.GET.get("task")),
    }
    return TemplateResponse(request, "admin/backups.html", context)


@superusers_only
@require_POST
def make_backup(request):
    result = tasks.export_backup.enqueue(backup_files.new_backup_name())
    if result.status == TaskResultStatus.SUCCESSFUL:
        made = result.return_value
        messages.success(request, f"Made {made['file_name']}: {made['rows']:,} rows.")
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, f"The backup failed ({result.errors[-1].exception_class_path}).")
    else:
        return HttpResponseRedirect(f"{reverse('backups')}?task={result.id}")
    return HttpResponseRedirect(reverse("backups"))


@superusers_only
def download_backup(request, file_name):
    opened = backup_files.open_backup(file_name)
    if opened is None:
        raise Http404("No such backup.")
    return FileResponse(opened, as_attachment=True, filename=file_name)
