from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from partnerships.models import Partnership
from plans.models import Plan


def home(request):
    partnerships = (
        Partnership.objects.visible_to(request.user)
        .prefetch_related(Prefetch("plans", queryset=Plan.objects.order_by("-period_start")))
        .order_by("name")
    )
    return render(request, "partnerships/home.html", {"partnerships": partnerships})


def get_partnership_for_user(request, slug):
    """The partnership, if the user holds a role in it; 404 for anyone else."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not request.user.has_perm("partnerships.view_partnership", partnership):
        raise PermissionDenied
    return partnership


@login_required
def partnership_detail(request, slug):
    partnership = get_partnership_for_user(request, slug)
    memberships = partnership.memberships.select_related("agency").order_by("role", "agency__name")
    plans = partnership.plans.order_by("-period_start")
    return render(
        request,
        "partnerships/partnership_detail.html",
        {"partnership": partnership, "memberships": memberships, "plans": plans},
    )
