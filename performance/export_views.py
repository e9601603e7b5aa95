"""The county-wide CSV exports' pages: ask for one, follow it, download it.

Who may ask: anyone who may see the county's comparison (`county_for_user`); for every
partnership at once, superusers. An export is seen and downloaded by whoever asked for it
(and superusers), while they may still see its county.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from performance.county import county_for_user
from performance.county_export import CountyExport, exported_partnerships

# The last few exports of the same scope, listed under the button.
RECENT_EXPORTS = 5


@dataclass(frozen=True)
class ExportScope:
    county: str  # empty: every partnership
    county_slug: str


def _scope_for_user(request: HttpRequest, county_slug: str | None) -> ExportScope:
    if county_slug is None:
        if not request.user.is_superuser:
            raise PermissionDenied
        return ExportScope("", "")
    return ExportScope(county_for_user(request, county_slug).name, county_slug)


def export_for_user(request: HttpRequest, pk, with_content=False) -> CountyExport:
    """The export, if the user asked for it (or is a superuser) and may still see its scope:
    404 for no such export, else 403. The CSV itself is read only `with_content`."""
    exports = CountyExport.objects.all() if with_content else CountyExport.objects.for_list()
    export = exports.filter(pk=pk).first()
    if export is None:
        raise Http404("No such export")
    if export.requested_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    _scope_for_user(request, export.county_slug if export.county else None)
    return export


@login_required
def county_export(request: HttpRequest, county_slug: str) -> HttpResponse:
    return _ask(request, _scope_for_user(request, county_slug))


@login_required
def all_partnerships_export(request: HttpRequest) -> HttpResponse:
    return _ask(request, _scope_for_user(request, None))


def _ask(request: HttpRequest, scope: ExportScope) -> HttpResponse:
    if request.method == "POST":
        export = CountyExport.start(request.user, scope.county)
        return redirect("performance:export_status", pk=export.pk)
    partnerships = exported_partnerships(request.user, scope.county).order_by("name")
    recent = (
        CountyExport.objects.for_list()
        .filter(requested_by=request.user, county=scope.county)
        .order_by("-requested_at")[:RECENT_EXPORTS]
    )
    context = {
        "scope": scope,
        "partnership_count": partnerships.count(),
        # Named only for a county: every partnership at once is hundreds of names.
        "partnerships": list(partnerships) if scope.county else [],
        "recent": recent,
    }
    return render(request, "performance/county_export.html", context)


@login_required
def export_status(request: HttpRequest, pk) -> HttpResponse:
    export = export_for_user(request, pk)
    return render(request, "performance/export_status.html", {"export": export})


@login_required
def export_download(request: HttpRequest, pk) -> HttpResponse:
    export = export_for_user(request, pk, with_content=True)
    if export.state != CountyExport.State.DONE:
        # Not ready (or failed): its page says which.
        return redirect("performance:export_status", pk=export.pk)
    response = HttpResponse(export.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    return response
