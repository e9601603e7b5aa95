from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, ActionLead, ProgressUpdate, Rag
from partnerships.access import object_for_user, roles_by_partnership
from partnerships.models import Partnership
from performance import county as county_figures
from performance.dashboards import (
    MIN_TREND_POINTS,
    crime_figures,
    current_plan,
    delivery,
    delivery_chart,
    figure_views,
    plans_for_selector,
    running_or_latest,
)
from performance.periods import KIND_ORDER, Period


def _period_from(request) -> Period | None:
    """The period chosen in the selector; None for "latest" or a key that is not a period."""
    try:
        return Period.from_key(request.GET.get("period", ""))
    except ValueError:
        return None


def _period_choices(periods):
    """The selector's groups: financial years, quarters, months, newest first in each."""
    names = {"year": "Financial years", "quarter": "Quarters", "month": "Months"}
    groups = {kind: [] for kind in names}
    for period in periods:
        if period.kind in groups:
            groups[period.kind].append(period)
    ordered = sorted(groups.items(), key=lambda item: KIND_ORDER[item[0]])
    return [(names[kind], found) for kind, found in ordered if found]


@login_required
def index(request):
    partnerships = Partnership.objects.visible_to(request.user).order_by("name")
    counties = county_figures.counties_visible_to(request.user)
    return render(
        request,
        "performance/index.html",
        {
            "partnerships": partnerships,
            "counties": [(name, slugify(name)) for name in counties],
        },
    )


@login_required
def dashboard(request, slug):
    partnership = object_for_user(request, Partnership.objects, slug=slug)
    today = timezone.localdate()
    plans = plans_for_selector(partnership)
    chosen = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == chosen), None) or current_plan(plans, today)
    period = _period_from(request)
    work = delivery(plan, today) if plan else None
    figures = crime_figures(partnership, period)
    trends = figure_views(figures, today)
    context = {
        "partnership": partnership,
        "plans": plans,
        "plan": plan,
        "period": period,
        "period_choices": _period_choices(figures.periods),
        "delivery": work,
        "figures": figures,
        "delivery_chart": delivery_chart(work.rows) if work and work.rows else None,
        "trends": trends,
        "min_trend_points": MIN_TREND_POINTS,
        "today": today,
    }
    return render(request, "performance/dashboard.html", context)


@login_required
def county(request, county_slug):
    name = county_figures.county_named(county_slug)
    if name is None:
        raise Http404("No such county")
    if not county_figures.can_view_county(request.user, name):
        raise PermissionDenied
    comparison = county_figures.county_comparison(
        name, request.user, _period_from(request), timezone.localdate()
    )
    viewable = set(roles_by_partnership(request.user))
    indicators = [
        (found, f"county-{number}", county_chart(found))
        for number, found in enumerate(comparison.indicators, start=1)
    ]
    context = {
        "comparison": comparison,
        "county_slug": county_slug,
        "period_choices": _period_choices(comparison.periods),
        "viewable": viewable,
        "all_viewable": request.user.is_superuser,
        "indicators": indicators,
        "rag_choices": list(Rag),
        "today": timezone.localdate(),
    }
    return render(request, "performance/county.html", context)


def county_chart(comparison) -> dict:
    rows = [row for row in comparison.rows if row.rate is not None]
    return {
        "type": "bar",
        "title": f"{comparison.indicator.name}: rate per 1,000 population",
        "labels": [row.partnership.name for row in rows],
        "datasets": [
            {
                "label": "Rate per 1,000 population",
                "data": [float(row.rate) for row in rows],
                "colour": "#1d70b8",
            }
        ],
    }


def public_summary(request, slug):
    """A published plan's priorities, actions and latest progress, readable by anyone.

    Only partnerships that switched the summary on; only published plans; only progress
    updates published by a coordinator; no one's name (updates are shown without who wrote
    them)."""
    partnership = get_object_or_404(Partnership, slug=slug, public_summary_enabled=True)
    plans = list(partnership.plans.published().order_by("-period_start", "pk"))
    chosen = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == chosen), None)
    plan = plan or running_or_latest(plans, timezone.localdate())
    priorities, unlinked = [], []
    if plan:
        actions = _public_actions()
        priorities = plan.priorities.prefetch_related(Prefetch("actions", queryset=actions))
        unlinked = actions.filter(plan=plan, priorities__isnull=True)
    context = {
        "partnership": partnership,
        "plans": plans,
        "plan": plan,
        "priorities": priorities,
        "unlinked": unlinked,
    }
    return render(request, "performance/public_summary.html", context)


def _public_actions():
    # Only what someone chose to publish: internal updates and requests waiting for approval
    # never reach this page, not even as "the latest".
    latest = (
        ProgressUpdate.objects.published()
        .filter(action=OuterRef("pk"))
        .order_by("-date", "-created_at")
    )
    leads = ActionLead.objects.select_related("agency").order_by("order")
    return (
        Action.objects.order_by("order", "pk")
        .annotate(
            latest_text=Subquery(latest.values("text")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        .prefetch_related(Prefetch("leads", queryset=leads))
    )
