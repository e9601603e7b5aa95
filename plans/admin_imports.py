"""Admin pages to import a document: upload, preview, confirm; and to undo an import."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from plans.import_review import ReviewForm, read_pending
from plans.importing import MAX_DOCUMENT_BYTES, pending
from plans.importing.corrections import Corrections
from plans.importing.service import stored_corrections
from plans.importing.structure import DocumentError
from plans.importing.writer import sha256_of, undo_batch
from plans.models import DocumentImportJob, ImportBatch

IMPORT_PERMISSION = "plans.import_document"


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label="Document",
        help_text="A strategy, action plan, update or monitoring report, or a report of "
        "figures, as Word (.docx), PDF or plain text (.txt). At most 10 MB.",
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(f"{document.name} is larger than 10 MB.")
        return document


class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "partnership", "plan", "imported_by", "imported_at", "undone_at"]
    list_select_related = ["partnership", "plan", "imported_by"]
    list_filter = ["layout", "partnership"]
    search_fields = ["file_name", "sha256", "partnership__name", "plan__title"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
    change_form_template = "admin/plans/importbatch/change_form.html"
    change_list_template = "admin/plans/importbatch/change_list.html"

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        # The imports still running, so that their pages can be found again.
        unfinished = DocumentImportJob.objects.visible_to(request.user).unfinished()[:10]
        return super().changelist_view(
            request, {**(extra_context or {}), "unfinished_jobs": unfinished}
        )

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="plans_importbatch_upload"),
            path("review/", wrap(self.review_view), name="plans_importbatch_review"),
            path("confirm/", wrap(self.confirm_view), name="plans_importbatch_confirm"),
            path("<int:pk>/undo/", wrap(self.undo_view), name="plans_importbatch_undo"),
            path("jobs/<uuid:pk>/", wrap(self.job_view), name="plans_importbatch_job"),
            path(
                "jobs/<uuid:pk>/retry/", wrap(self.retry_job_view), name="plans_importbatch_retry"
            ),
            *super().get_urls(),
        ]

    def _check_permission(self, request):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied

    def _render(self, request, template, context):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        return TemplateResponse(request, f"admin/plans/importbatch/{template}", context)

    def upload_view(self, request):
        self._check_permission(request)
        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["document"]
            data = upload.read()
            # The same document imported before is read with the corrections made then.
            corrections = stored_corrections(sha256_of(data))
            reading = read_pending(upload.name, data, corrections, request.user)
            if reading.error and not reading.error.correctable:
                form.add_error("document", str(reading.error))
            else:
                pending.keep(request.session, upload.name, data, corrections.to_json())
                sha256 = sha256_of(data)
                return self._render_review(
                    request, upload.name, reading, ReviewForm(reading), sha256
                )
        return self._render(request, "upload.html", {"title": "Import a document", "form": form})

    def _pending_upload(self, request):
        """(sha256, filename, bytes, corrections) of the upload posted back, or None."""
        self._check_permission(request)
        if request.method != "POST":
            return None
        sha256 = request.POST.get("sha256", "")
        taken = pending.take(request.session, sha256)
        if taken is None:
            messages.error(request, "That upload has expired. Upload the document again.")
            return None
        corrections = Corrections.from_json(pending.corrections_of(request.session))
        return sha256, *taken, corrections

    def review_view(self, request):
        """Read the pending document again with the admin's corrections."""
        upload = self._pending_upload(request)
        if upload is None:
            return HttpResponseRedirect(reverse("admin:plans_importbatch_upload"))
        sha256, filename, data, before = upload
        form = ReviewForm(read_pending(filename, data, before, request.user), request.POST)
        if not form.is_valid():
            return self._render_review(request, filename, form.reading, form, sha256)
        corrections = form.corrections()
        pending.correct(request.session, sha256, corrections.to_json())
        return self._review(request, filename, data, corrections)

    def _review(self, request, filename, data, corrections):
        reading = read_pending(filename, data, corrections, request.user)
        form = ReviewForm(reading)
        return self._render_review(request, filename, reading, form, sha256_of(data))

    def _render_review(self, request, filename, reading, form, sha256):
        report = reading.report
        context = {
            "title": f"Review: {filename}",
            "reading": reading,
            "report": report,
            "form": form,
            "sha256": sha256,
            # A Counter in a template: .items would look up the key "items".
            "created": sorted(report.created.items()) if report else [],
        }
        status = 200 if report else 422
        response = self._render(request, "preview.html", context)
        response.status_code = status
        return response

    def confirm_view(self, request):
        """Start the import as a background task; show its result, or its progress."""
        upload = self._pending_upload(request)
        if upload is None:
            return HttpResponseRedirect(reverse("admin:plans_importbatch_upload"))
        sha256, filename, data, corrections = upload
        job = DocumentImportJob.start(filename, data, sha256, corrections.to_json(), request.user)
        pending.forget(request.session, sha256)
        if not job.is_finished:
            return HttpResponseRedirect(reverse("admin:plans_importbatch_job", args=[job.pk]))
        return self._finished_job_redirect(request, job)

    def _finished_job_redirect(self, request, job):
        """Where a finished import leads: its batch, the list, or the upload form again."""
        if job.state == job.State.FAILED:
            messages.error(request, job.error)
            return HttpResponseRedirect(reverse("admin:plans_importbatch_upload"))
        if job.batch is None:
            messages.info(request, f"{job.file_name} was imported before; nothing new was created.")
            return HttpResponseRedirect(reverse("admin:plans_importbatch_changelist"))
        messages.success(request, f"Imported {job.file_name}.")
        return HttpResponseRedirect(reverse("admin:plans_importbatch_change", args=[job.batch.pk]))

    def job_view(self, request, pk):
        """A running import's progress, refreshing itself; its result once it has finished."""
        self._check_permission(request)
        jobs = DocumentImportJob.objects.visible_to(request.user).defer("document")
        job = get_object_or_404(jobs, pk=pk)
        context = {"title": f"Importing {job.file_name}", "job": job}
        return self._render(request, "job.html", context)

    def retry_job_view(self, request, pk):
        """Queue again an import whose worker was lost, with the document it kept."""
        self._check_permission(request)
        jobs = DocumentImportJob.objects.visible_to(request.user).defer("document")
        job = get_object_or_404(jobs, pk=pk)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:plans_importbatch_job", args=[job.pk]))
        if not job.retry():
            messages.error(request, f"{job.file_name} cannot be tried again: {job.state_label}.")
            return HttpResponseRedirect(reverse("admin:plans_importbatch_job", args=[job.pk]))
        if not job.is_finished:
            return HttpResponseRedirect(reverse("admin:plans_importbatch_job", args=[job.pk]))
        return self._finished_job_redirect(request, job)

    def undo_view(self, request, pk):
        self._check_permission(request)
        batch = get_object_or_404(ImportBatch, pk=pk)
        if request.method == "POST":
            try:
                result = undo_batch(batch)
            except DocumentError as error:
                messages.error(request, str(error))
            else:
                removed = ", ".join(f"{n} {what}" for what, n in result.removed.items())
                messages.success(request, f"Undid the import of {batch.file_name}: {removed}.")
                for kept in result.kept:
                    messages.warning(request, f"Kept {kept}: other records now use it.")
            return HttpResponseRedirect(reverse("admin:plans_importbatch_changelist"))
        created = batch.created.select_related("content_type")
        return self._render(
            request,
            "undo.html",
            {"title": f"Undo the import of {batch.file_name}?", "batch": batch, "created": created},
        )
