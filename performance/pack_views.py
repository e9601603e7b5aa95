"""The meeting pack's pages: the pack as it stands, its Word version, issuing it for a
meeting, and each issued pack exactly as it was issued."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from partnerships.access import Access
from performance.forms import IssuePackForm
from performance.meeting_pack import (
    SECTIONS,
    build_pack,
    default_period,
    footer_line,
    issue_pack,
    issued_packs,
    pack_periods,
)
from performance.meeting_pack_docx import pack_docx
from performance.models import MeetingPack
from performance.periods import Period
from plans.access import plan_for_user
from plans.models import Plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class IssuedPackAccess(Access):
    pack: MeetingPack


def get_pack_for_user(request: HttpRequest, pk: int) -> MeetingPack:
    queryset = MeetingPack.objects.select_related("plan__partnership", "issued_by")
    return IssuedPackAccess.for_user(request, queryset, pk=pk).pack


def chosen_period(request: HttpRequest, plan: Plan, today) -> tuple[Period, list[Period]]:
    """The period asked for, if the pack can cover it; else the quarter just ended."""
    periods = pack_periods(plan, today)
    try:
        asked = Period.from_key(request.GET.get("period", ""))
    except ValueError:
        asked = None
    return (asked if asked in periods else default_period(plan, today)), periods


@login_required
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    access = plan_for_user(request, pk)
    plan = access.plan
    today = timezone.localdate()
    period, periods = chosen_period(request, plan, today)
    packs = issued_packs(plan)
    pack = build_pack(plan, period, today, packs)
    context = {
        "plan": plan,
        "partnership": plan.partnership,
        "pack": pack,
        "footer": footer_line(pack),
        "sections": SECTIONS,
        "period": period,
        "periods": periods,
        "issued_packs": packs,
        "can_issue": access.can_issue_pack,
    }
    return render(request, "performance/meeting_pack.html", context)


@login_required
def meeting_pack_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(request, pk).plan
    today = timezone.localdate()
    period, _ = chosen_period(request, plan, today)
    return _docx(build_pack(plan, period, today), f"{plan.title} {period.short_label}")


@login_required
def issue_meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(request, pk, need="can_issue_pack").plan
    today = timezone.localdate()
    period, periods = chosen_period(request, plan, today)
    form = IssuePackForm(request.POST or None, periods=periods, initial={"period": period.key})
    if request.method == "POST" and form.is_valid():
        pack = issue_pack(
            plan, form.chosen_period, form.cleaned_data["meeting_date"], request.user, today
        )
        messages.success(
            request, f"The meeting pack for {pack.meeting_date:%-d %B %Y} has been issued."
        )
        return redirect("performance:issued_pack", pk=pack.pk)
    context = {"plan": plan, "partnership": plan.partnership, "form": form}
    return render(request, "performance/issue_meeting_pack.html", context)


@login_required
def issued_pack(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_pack_for_user(request, pk)
    context = {
        "plan": pack.plan,
        "partnership": pack.plan.partnership,
        "pack": pack.content,
        "issued": pack,
        "footer": footer_line(pack.content, pack),
        "sections": SECTIONS,
    }
    return render(request, "performance/meeting_pack.html", context)


@login_required
def issued_pack_docx(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_pack_for_user(request, pk)
    return _docx(pack.content, f"{pack.plan.title} meeting {pack.meeting_date:%Y-%m-%d}", pack)


def _docx(content: dict, name: str, issued=None) -> HttpResponse:
    response = HttpResponse(pack_docx(content, issued), content_type=DOCX)
    filename = slugify(f"meeting pack {name}") + ".docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
