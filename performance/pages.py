"""What the performance pages show: one function per page, given what the request chose."""

import datetime

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.text import slugify

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.models import Partnership
from performance.county import (
    County,
    IndicatorComparison,
    counties_visible_to,
    county_comparison,
)
from performance.dashboards import (
    crime_figures,
    current_plan,
    delivery,
    delivery_chart,
    figure_views,
    plans_for_selector,
    running_or_latest,
)
from performance.periods import KIND_ORDER, Period

PERIOD_GROUPS = {"year": "Financial years", "quarter": "Quarters", "month": "Months"}


def period_choices(periods) -> list[tuple[str, list[Period]]]:
    """The selector's groups: financial years, quarters, months, newest first in each."""
    groups = {kind: [] for kind in PERIOD_GROUPS}
    for period in periods:
        if period.kind in groups:
            groups[period.kind].append(period)
    ordered = sorted(groups.items(), key=lambda item: KIND_ORDER[item[0]])
    return [(PERIOD_GROUPS[kind], found) for kind, found in ordered if found]


def chosen_plan(plans, chosen: str, fallback):
    """The plan whose id is `chosen` among `plans`, else `fallback(plans)`."""
    return next((p for p in plans if str(p.pk) == chosen), None) or fallback(plans)


def index_page(user) -> dict:
    partnerships = Partnership.objects.visible_to(user).order_by("name")
    counties = [(name, slugify(name)) for name in counties_visible_to(user)]
    return {"partnerships": partnerships, "counties": counties}


def dashboard_page(partnership, chosen: str, period: Period | None, today) -> dict:
    plans = plans_for_selector(partnership)
    plan = chosen_plan(plans, chosen, lambda found: current_plan(found, today))
    work = delivery(plan, today) if plan else None
    figures = crime_figures(partnership, period)
    return {
        "plans": plans,
        "plan": plan,
        "period_choices": period_choices(figures.periods),
        "delivery": work,
        "figures": figures,
        "delivery_chart": delivery_chart(work.rows) if work and work.rows else None,
        "trends": figure_views(figures, today),
    }


def county_page(county: County, user, period: Period | None, today: datetime.date) -> dict:
    comparison = county_comparison(county.name, user, period, today, county.partnerships)
    indicators = [
        (found, f"county-{number}", county_chart(found))
        for number, found in enumerate(comparison.indicators, start=1)
    ]
    return {
        "comparison": comparison,
        "period_choices": period_choices(comparison.periods),
        "indicators": indicators,
    }


def county_chart(comparison: IndicatorComparison) -> dict:
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


def public_summary_page(partnership, chosen: str, today: datetime.date) -> dict:
    """A published plan's priorities and actions with the latest published update."""
    plans = list(partnership.plans.published().order_by("-period_start", "pk"))
    plan = chosen_plan(plans, chosen, lambda found: running_or_latest(found, today))
    priorities, unlinked = [], []
    if plan:
        actions = public_actions()
        priorities = plan.priorities.prefetch_related(Prefetch("actions", queryset=actions))
        unlinked = actions.filter(plan=plan, priorities__isnull=True)
    return {"plans": plans, "plan": plan, "priorities": priorities, "unlinked": unlinked}


def public_actions():
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
