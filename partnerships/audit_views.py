"""The audit page of a partnership and its CSV export, for its partnership admins."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from actions.forms import GovukDateField
from actions.history import NOBODY
from partnerships import audit
from partnerships.access import partnership_for_user

PAGE_SIZE = 50
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class AuditFilterForm(forms.Form):
    person = forms.ChoiceField(label="Who", required=False)
    kind = forms.ChoiceField(label="What", required=False)
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2027")

    def __init__(self, data, *, people):
        super().__init__(data)
        self.fields["person"].choices = [
            ("", "Anyone"),
            *[(str(user.pk), user.get_full_name() or user.get_username()) for user in people],
            (audit.NOBODY_CHOICE, NOBODY),
        ]
        self.fields["kind"].choices = [("", "Any record")] + [
            (kind.key, kind.label) for kind in audit.KINDS
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> audit.Filters:
        """The valid filters; a field with an error filters nothing (the page says why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return audit.Filters(
            person=data.get("person", ""),
            kind=data.get("kind", ""),
            date_from=data.get("date_from") if "date_to" not in self.errors else None,
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
        )


def _audit_request(request, slug):
    partnership = partnership_for_user(request, slug, need="can_manage").partnership
    form = AuditFilterForm(request.GET or None, people=audit.people_in(partnership))
    return partnership, form, form.filters()


@require_GET
@login_required
def audit_page(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, form, filters = _audit_request(request, slug)
    page = Paginator(audit.changes_in(partnership, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "partnership": partnership,
        "form": form,
        "page_obj": page,
        "changes": audit.explain(page.object_list),
    }
    return render(request, "partnerships/audit.html", context)


class _Echo:
    def write(self, value):
        return value


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


@require_GET
@login_required
def audit_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    partnership, _, filters = _audit_request(request, slug)
    writer = csv.writer(_Echo())
    rows = audit.csv_rows(partnership, filters)
    lines = (writer.writerow([_safe(cell) for cell in row]) for row in rows)
    response = StreamingHttpResponse(
        (line for part in ([writer.writerow(audit.CSV_HEADER)], lines) for line in part),
        content_type="text/csv; charset=utf-8",
    )
    name = f"audit-{partnership.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
