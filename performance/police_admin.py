"""Police data in the admin: upload street-level files, see what they hold, then confirm.

Nothing is saved by the upload: it is read and counted, and the counts are kept on a
PoliceImport in the "preview" state. Confirming saves exactly those counts, in one
transaction, replacing the months they cover force by force.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from performance.models import PoliceCrimeCount, PoliceImport
from performance.police_data import PoliceDataError, Tally, save_tally, tally_files


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class PoliceUploadForm(forms.Form):
    files = MultipleFileField(
        label="Street-level crime files",
        help_text="One or more *-street.csv files downloaded from data.police.uk.",
    )


@admin.register(PoliceImport)
class PoliceImportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file_names", "status", "rows", "imported", "outside_area"]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    readonly_fields = [
        "created_at",
        "created_by",
        "saved_at",
        "status",
        "files",
        "rows",
        "imported",
        "outside_area",
        "no_location",
    ]
    exclude = ["tally"]
    change_list_template = "admin/performance/policeimport/change_list.html"

    @admin.display(description="Files")
    def file_names(self, batch):
        return ", ".join(file["name"] for file in batch.files)

    def has_add_permission(self, request):
        return False  # through the upload page, which previews first

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="performance_policeimport_upload"),
            path(
                "<int:pk>/preview/",
                wrap(self.preview_view),
                name="performance_policeimport_preview",
            ),
            path(
                "<int:pk>/confirm/",
                wrap(require_POST(self.confirm_view)),
                name="performance_policeimport_confirm",
            ),
            *super().get_urls(),
        ]

    def _check_may_import(self, request):
        if not request.user.has_perm("performance.add_policeimport"):
            raise PermissionDenied

    def upload_view(self, request):
        self._check_may_import(request)
        form = PoliceUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = form.cleaned_data["files"]
            try:
                tally = tally_files([(file.name, file) for file in files])
            except PoliceDataError as error:
                form.add_error("files", str(error))
            else:
                batch = PoliceImport.preview_of(tally, created_by=request.user)
                return redirect("admin:performance_policeimport_preview", batch.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload police data",
            "form": form,
        }
        return TemplateResponse(request, "admin/performance/policeimport/upload.html", context)

    def preview_view(self, request, pk):
        self._check_may_import(request)
        batch = get_object_or_404(PoliceImport, pk=pk)
        tally = Tally.from_storable(batch)
        totals = {}
        for (partnership_id, month, _type), count in tally.by_partnership().items():
            key = (tally.partnerships[partnership_id].name, month)
            totals[key] = totals.get(key, 0) + count
        replaced = Q(pk__in=[])
        for force, month in tally.months:
            replaced |= Q(force=force, month=f"{month}-01")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Check the police data before saving it",
            "batch": batch,
            "tally": tally,
            "totals": sorted(totals.items()),
            "counts": tally.count_list(),
            "months": sorted(tally.months),
            "replaced": PoliceCrimeCount.objects.filter(replaced).count(),
            "outside": tally.outside_districts.most_common(),
        }
        return TemplateResponse(request, "admin/performance/policeimport/preview.html", context)

    def confirm_view(self, request, pk):
        self._check_may_import(request)
        batch = get_object_or_404(PoliceImport, pk=pk)
        if batch.status == PoliceImport.Status.SAVED:
            messages.warning(request, "This police data was saved already; nothing changed.")
        else:
            written = save_tally(Tally.from_storable(batch), batch)
            messages.success(
                request,
                f"Saved {batch.imported} rows as monthly counts; {written} observations written.",
            )
        return redirect(reverse("admin:performance_policeimport_changelist"))
