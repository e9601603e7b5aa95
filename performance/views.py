from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from actions.models import Rag
from partnerships.access import partnership_for_user
from partnerships.models import Partnership
from performance.county import county_for_user
from performance.dashboards import MIN_TREND_POINTS
from performance.pages import county_page, dashboard_page, index_page, public_summary_page
from performance.periods import Period


def _period_from(request) -> Period | None:
    """The period chosen in the selector; None for "latest" or a key that is not a period."""
    try:
        return Period.from_key(request.GET.get("period", ""))
    except ValueError:
        return None


@login_required
def index(request):
    return render(request, "performance/index.html", index_page(request.user))


@login_required
def dashboard(request, slug):
    partnership = partnership_for_user(request, slug).partnership
    today = timezone.localdate()
    period = _period_from(request)
    context = {
        "partnership": partnership,
        "period": period,
        "min_trend_points": MIN_TREND_POINTS,
        "today": today,
        **dashboard_page(partnership, request.GET.get("plan", ""), period, today),
    }
    return render(request, "performance/dashboard.html", context)


@login_required
def county(request, county_slug):
    found = county_for_user(request, county_slug)
    today = timezone.localdate()
    context = {
        "county_slug": county_slug,
        "rag_choices": list(Rag),
        "today": today,
        **county_page(found, request.user, _period_from(request), today),
    }
    return render(request, "performance/county.html", context)


def public_summary(request, slug):
    """A published plan's priorities, actions and latest progress, readable by anyone.

    Only partnerships that switched the summary on; only published plans; only progress
    updates published by a coordinator; no one's name (updates are shown without who wrote
    them)."""
    partnership = get_object_or_404(Partnership, slug=slug, public_summary_enabled=True)
    page = public_summary_page(partnership, request.GET.get("plan", ""), timezone.localdate())
    return render(request, "performance/public_summary.html", {"partnership": partnership, **page})
