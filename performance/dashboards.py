"""What the partnership dashboard shows: delivery rolled up from actions, and crime figures.

Delivery: each action counts once under each of its priorities, and once for the plan.
An action's progress is 100 when completed, otherwise the latest percentage reported in its
updates; actions that never reported a percentage (not started ones included) and cancelled
actions have none and are left out of the averages: the page says how many of the actions
each average rests on, so "3% on average" over 3 of 24 actions is never read as all 24.
The RAG counts are set beside those at the start of the quarter (from the actions' history),
and the red and amber actions are listed.

Crime figures: for each indicator, the figure for the period shown against the period just
before and the same period a year earlier, with the change computed (performance.comparisons)
and judged by the indicator's direction, the target for that period if there is one, and a
trend of the periods before it.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Prefetch, Q

from actions.models import (
    Action,
    ActionLead,
    ProgressUpdate,
    Rag,
    Status,
    latest_percent_complete,
)
from performance.comparisons import Change, compare
from performance.models import Indicator, Observation, Target
from performance.periods import (
    MONTH,
    OTHER,
    QUARTER,
    YEAR,
    Period,
    available_periods,
    figure_age_note,
    value_for,
)
from performance.rag_history import ratings_at, start_of
from plans.models import Plan

LATEST_UPDATES = 10
AXIS_LINE = 24  # characters on one line of a chart's axis label
MIN_TREND_POINTS = 3  # fewer figures than this are a small table, not a chart
TREND_LENGTH = {MONTH: 24, QUARTER: 12, YEAR: 10, OTHER: 10}


# Which plan


def plans_for_selector(partnership):
    """The partnership's plans, newest first, each with its number of actions."""
    return list(
        partnership.plans.annotate(action_count=Count("actions")).order_by("-period_start", "pk")
    )


def running_or_latest(plans, today: datetime.date):
    """The plan running today (the latest to start, if several), else the latest; or None."""
    plans = list(plans)
    if not plans:
        return None
    running = [plan for plan in plans if plan.period_start <= today <= plan.period_end]
    return max(running or plans, key=lambda plan: (plan.period_start, plan.pk))


def current_plan(plans, today: datetime.date):
    """The plan a dashboard opens on: `running_or_latest` of the plans that have actions
    (`action_count`), or of all of them when none has any."""
    with_actions = [plan for plan in plans if plan.action_count]
    return running_or_latest(with_actions or plans, today)


# Delivery


def action_progress(status: str, latest_percent: int | None) -> int | None:
    if status == Status.COMPLETED:
        return 100
    if status == Status.CANCELLED:
        return None
    return latest_percent


def mean_percent(values) -> int | None:
    if not values:
        return None
    mean = Decimal(sum(values)) / len(values)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class DeliveryRow:
    label: str
    priority: object = None
    by_status: Counter = field(default_factory=Counter)
    by_rag: Counter = field(default_factory=Counter)
    progress_values: list = field(default_factory=list)

    def add(self, status, rag, progress):
        self.by_status[status] += 1
        self.by_rag[rag] += 1
        if progress is not None:
            self.progress_values.append(progress)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def progress(self) -> int | None:
        return mean_percent(self.progress_values)

    @property
    def reporting(self) -> int:
        return len(self.progress_values)

    @property
    def status_counts(self):
        return [(choice, self.by_status[choice.value]) for choice in Status]

    @property
    def rag_counts(self):
        return [(choice, self.by_rag[choice.value]) for choice in Rag]


@dataclass
class Delivery:
    plan: Plan
    rows: list[DeliveryRow]
    total: DeliveryRow
    overdue: list
    stale: list
    latest_updates: list
    exceptions: list  # red, then amber
    quarter_start: datetime.date
    rag_before: Counter  # the RAG counts at quarter_start

    @property
    def rag_changes(self):
        """(choice, now, change since the start of the quarter) for each RAG rating."""
        return [
            (choice, number, number - self.rag_before[choice.value])
            for choice, number in self.total.rag_counts
        ]


def delivery_rows(plan) -> tuple[list[DeliveryRow], DeliveryRow]:
    """Counts by status and RAG, and progress, per priority and for the whole plan."""
    rows = {priority.pk: DeliveryRow(priority.code, priority) for priority in plan.priorities.all()}
    unlinked = DeliveryRow("Not linked to a priority")
    total = DeliveryRow("Whole plan")
    seen = set()
    actions = (
        Action.objects.filter(plan=plan)
        .annotate(latest_percent=latest_percent_complete())
        .values_list("pk", "status", "rag", "priorities", "latest_percent")
        .order_by()
    )
    for pk, status, rag, priority_id, latest_percent in actions:
        progress = action_progress(status, latest_percent)
        rows.get(priority_id, unlinked).add(status, rag, progress)
        if pk not in seen:
            seen.add(pk)
            total.add(status, rag, progress)
    listed = list(rows.values()) + ([unlinked] if unlinked.total else [])
    return listed, total


def watch_lists(plan, today: datetime.date) -> tuple[list, list, list]:
    """The plan's overdue actions (by due date), stale ones (by the date they count from) and
    red then amber ones (by order), read in one query with one more for all their leads."""
    leads = ActionLead.objects.select_related("agency").order_by("order")
    listed = list(
        Action.objects.filter(plan=plan)
        .with_lateness(today, plan.partnership)
        .filter(Q(is_overdue=True) | Q(is_stale=True) | Q(rag__in=[Rag.RED, Rag.AMBER]))
        .prefetch_related(Prefetch("leads", queryset=leads))
        .order_by("pk")
    )
    overdue = sorted((a for a in listed if a.is_overdue), key=lambda a: (a.due_date, a.pk))
    stale = sorted((a for a in listed if a.is_stale), key=lambda a: (a.reference_date, a.pk))
    exceptions = sorted(
        (a for a in listed if a.rag in (Rag.RED, Rag.AMBER)),
        key=lambda a: (a.rag != Rag.RED, a.order, a.pk),
    )
    return overdue, stale, exceptions


def delivery(plan, today: datetime.date) -> Delivery:
    rows, total = delivery_rows(plan)
    overdue, stale, exceptions = watch_lists(plan, today)
    updates = (
        ProgressUpdate.objects.filter(action__plan=plan)
        .select_related("action", "author")
        .order_by("-date", "-created_at")[:LATEST_UPDATES]
    )
    quarter_start = Period(today, today).containing(QUARTER).start
    before = Counter(value["rag"] for value in ratings_at(plan, start_of(quarter_start)).values())
    return Delivery(
        plan,
        rows,
        total,
        overdue,
        stale,
        list(updates),
        exceptions,
        quarter_start,
        before,
    )


def axis_label(row: DeliveryRow) -> list[str]:
    """A priority's code and name on a few short lines (Chart.js draws a list as lines); the
    table beside the chart gives the name in full."""
    if row.priority is None:
        return [row.label]
    words = f"{row.priority.code}: {row.priority.title}".split()
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) >= AXIS_LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines[:3] if len(lines) <= 3 else [*lines[:2], lines[2] + " …"]


def delivery_chart(rows: list[DeliveryRow]) -> dict:
    """A stacked bar of actions by RAG rating for each priority, for static/js/charts.js."""
    colours = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "none": "#b1b4b6"}
    return {
        "type": "bar",
        "title": "Actions by RAG rating for each priority",
        "labels": [axis_label(row) for row in rows],
        "xTitle": "Priority",
        "yTitle": "Actions",
        "stacked": True,
        "wholeNumbers": True,
        "datasets": [
            {
                "label": choice.label,
                "data": [row.by_rag[choice.value] for row in rows],
                "colour": colours[choice.value],
            }
            for choice in Rag
        ],
    }


# Crime and performance figures


@dataclass
class Comparison:
    period: Period
    value: Decimal | None
    change: Change | None
    better: bool | None


@dataclass
class TrendPoint:
    period: Period
    value: Decimal | None
    target: Decimal | None


@dataclass
class IndicatorFigures:
    indicator: Indicator
    period: Period
    value: Decimal
    previous: Comparison
    last_year: Comparison
    target: Decimal | None
    trend: list[TrendPoint]

    @property
    def target_gap(self) -> Decimal | None:
        """How far ahead of target (positive) or behind it (negative), by the direction."""
        if self.target is None:
            return None
        gap = self.target - self.value
        return gap if self.indicator.lower_is_better else -gap

    # Cached: the trend's table asks on each of its rows.
    @cached_property
    def trend_has_target(self) -> bool:
        return any(point.target is not None for point in self.trend)

    @cached_property
    def charted(self) -> bool:
        """Whether the trend has enough figures to be worth a chart."""
        return sum(point.value is not None for point in self.trend) >= MIN_TREND_POINTS


@dataclass
class CrimeFigures:
    indicators: list[IndicatorFigures]
    spans: set  # the (start, end) of every figure read
    without_figure: list[Indicator]  # indicators with data, but none for the period chosen

    @cached_property
    def periods(self) -> list[Period]:
        """What the period selector offers; worked out only for a page that has one."""
        return available_periods(self.spans)


INDICATOR_FIELDS = ["name", "slug", "unit", "direction", "police_category"]


def observation_series(observations) -> tuple[dict, dict]:
    """{indicator id: {(start, end): value}} and {indicator id: indicator}, read as plain
    values: a partnership can have thousands of monthly figures."""
    columns = ["indicator_id", "period_start", "period_end", "value"]
    columns += [f"indicator__{name}" for name in INDICATOR_FIELDS]
    series, indicators = defaultdict(dict), {}
    for indicator_id, start, end, value, *fields in observations.values_list(*columns).order_by():
        series[indicator_id][start, end] = value
        if indicator_id not in indicators:
            indicators[indicator_id] = Indicator(
                pk=indicator_id, **dict(zip(INDICATOR_FIELDS, fields, strict=True))
            )
    return series, indicators


def latest_span(values: dict) -> Period:
    """The most recent figure's period; of several ending together, the longest."""
    start, end = max(values, key=lambda span: (span[1], -span[0].toordinal()))
    return Period(start, end)


def _comparison(values, period, current, indicator, additive) -> Comparison:
    value = value_for(values, period, additive)
    change = compare(value, current) if value is not None else None
    better = change.is_better(indicator.lower_is_better) if change else None
    return Comparison(period, value, change, better)


def indicator_figures(
    indicator, values, targets, period=None, with_trend=True
) -> IndicatorFigures | None:
    """The figure for `period` (else the latest) with its comparisons, and its trend unless
    `with_trend` is False (the meeting pack prints no trend)."""
    additive = indicator.unit == Indicator.Unit.COUNT
    period = period or latest_span(values)
    current = value_for(values, period, additive)
    if current is None:
        return None
    trend = []
    for earlier in period.series(TREND_LENGTH[period.kind]) if with_trend else []:
        point_value = value_for(values, earlier, additive)
        target = targets.get((earlier.start, earlier.end))
        if trend or point_value is not None or target is not None:
            trend.append(TrendPoint(earlier, point_value, target))
    return IndicatorFigures(
        indicator=indicator,
        period=period,
        value=current,
        previous=_comparison(values, period.previous(), current, indicator, additive),
        last_year=_comparison(values, period.year_before(), current, indicator, additive),
        target=targets.get((period.start, period.end)),
        trend=trend,
    )


def crime_figures(
    partnership, period: Period | None = None, until=None, with_trend=True
) -> CrimeFigures:
    """Every indicator with figures for the partnership: for `period`, or each one's latest
    (of the figures whose period ends by `until`, when given); trends unless `with_trend` is
    False."""
    observations = Observation.objects.filter(partnership=partnership)
    if until is not None:
        observations = observations.filter(period_end__lte=until)
    series, indicators = observation_series(observations)
    target_rows = Target.objects.filter(partnership=partnership).order_by()
    targets = defaultdict(dict)
    for target in target_rows.only("indicator_id", "period_start", "period_end", "value"):
        targets[target.indicator_id][target.period_start, target.period_end] = target.value
    figures, without = [], []
    for indicator_id, indicator in sorted(indicators.items(), key=lambda item: item[1].name):
        found = indicator_figures(
            indicator, series[indicator_id], targets[indicator_id], period, with_trend
        )
        if found:
            figures.append(found)
        else:
            without.append(indicator)
    spans = {span for values in series.values() for span in values}
    return CrimeFigures(figures, spans, without)


@dataclass
class FigureView:
    """One indicator as the dashboard shows it: its figures, how old they are, and a chart
    only when there are enough points for one."""

    figures: IndicatorFigures
    chart_id: str
    chart: dict | None
    age_note: str | None


def figure_views(crime: CrimeFigures, today: datetime.date) -> list[FigureView]:
    return [
        FigureView(
            found,
            f"trend-{number}",
            trend_chart(found) if found.charted else None,
            figure_age_note(found.period, today),
        )
        for number, found in enumerate(crime.indicators, start=1)
    ]


def trend_chart(figures: IndicatorFigures) -> dict:
    datasets = [
        {
            "label": figures.indicator.name,
            "data": [_number(point.value) for point in figures.trend],
            "colour": "#1d70b8",
        }
    ]
    if figures.trend_has_target:
        datasets.append(
            {
                "label": "Target",
                "data": [_number(point.target) for point in figures.trend],
                "colour": "#0b0c0c",
                "dashed": True,
            }
        )
    return {
        "type": "line",
        "title": f"{figures.indicator.name}: trend",
        "labels": [point.period.short_label for point in figures.trend],
        "xTitle": "Period",
        "yTitle": UNIT_TITLES.get(figures.indicator.unit, "Figure"),
        "datasets": datasets,
        "wholeNumbers": figures.indicator.unit in (Indicator.Unit.COUNT, Indicator.Unit.RANK),
    }


UNIT_TITLES = {
    Indicator.Unit.COUNT: "Number",
    Indicator.Unit.PERCENT: "Per cent",
    Indicator.Unit.RATE_PER_1000: "Per 1,000 residents",
    Indicator.Unit.RANK: "Rank",
}


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
