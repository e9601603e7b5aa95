"""The county comparison: every partnership of a county side by side.

For each count indicator and period: the figure, the rate per 1,000 residents (population
of the year the period starts in, else the nearest earlier year, else the nearest later
one), the position in the county by rate (1 = the lowest rate), the % change on the same
period a year before, and the position by % reduction (1 = the largest fall). Positions are
computed from the figures as shown (rate to 2 decimals, change to 1 decimal), so partnerships
that show the same figure share a position, written "=2nd", and the next one is 4th.
For an indicator where higher is better both orders are reversed: 1 is always the best.

Who sees what: anyone holding a role in a partnership of the county sees the county's
aggregated figures and the RAG counts of every partnership there. The RAG counts come from
each partnership's current plan (one whose period includes today) or, if none is running,
its latest, which the page labels with its period; for partnerships where the user holds no
role, only a published plan is counted, so their drafts stay private.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils.text import slugify

from actions.models import Action, Rag
from partnerships.models import Partnership, PopulationEstimate
from performance.comparisons import Change, compare
from performance.dashboards import INDICATOR_FIELDS, current_plan
from performance.models import Indicator, Observation
from performance.periods import Period, available_periods, value_for
from plans.models import Plan

# Who may see a county: "performance.view_county" in partnerships/rules.py


@dataclass(frozen=True)
class County:
    name: str
    slug: str
    partnership_ids: frozenset[int]
    partnerships: tuple = field(default=(), compare=False)  # by name, as read


def counties_visible_to(user) -> list[str]:
    partnerships = Partnership.objects.visible_to(user).exclude(county="")
    return sorted(set(partnerships.values_list("county", flat=True)))


def county_named(slug: str) -> County | None:
    """The county whose name slugifies to `slug`, with its partnerships by name; or None.

    Reads the distinct county names (a few dozen), not every partnership's."""
    names = Partnership.objects.exclude(county="").order_by().values_list("county", flat=True)
    name = min((found for found in names.distinct() if slugify(found) == slug), default=None)
    if name is None:
        return None
    partnerships = tuple(Partnership.objects.filter(county=name).order_by("name"))
    return County(name, slug, frozenset(p.pk for p in partnerships), partnerships)


def county_for_user(request, slug: str) -> County:
    """The county, if the user may see its comparison: 404 for no county, else 403."""
    county = county_named(slug)
    if county is None:
        raise Http404("No such county")
    if not request.user.has_perm("performance.view_county", county):
        raise PermissionDenied
    return county


# Arithmetic


def rate_per_1000(count: Decimal, population: int) -> Decimal:
    return (Decimal(count) * 1000 / population).quantize(Decimal("0.01"), ROUND_HALF_UP)


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Rank:
    position: int
    tied: bool
    out_of: int

    def __str__(self):
        return f"{'=' if self.tied else ''}{ordinal(self.position)}"


def competition_ranks(values: dict, lowest_first: bool = True) -> dict:
    """Standard competition ranking ("1224") of {key: value}; keys with no value get none."""
    ranked = [(key, value) for key, value in values.items() if value is not None]
    ranked.sort(key=lambda item: item[1], reverse=not lowest_first)
    tally = Counter(value for _key, value in ranked)
    ranks, position = {}, 0
    for index, (key, value) in enumerate(ranked, start=1):
        if index == 1 or value != ranked[index - 2][1]:
            position = index
        ranks[key] = Rank(position, tally[value] > 1, len(ranked))
    return {key: ranks.get(key) for key in values}


def population_for(estimates: dict[int, int], year: int) -> tuple[int, int] | None:
    """(year, population): the year asked for, else the nearest earlier, else nearest later."""
    if not estimates:
        return None
    earlier = [known for known in estimates if known <= year]
    chosen = max(earlier) if earlier else min(estimates)
    return chosen, estimates[chosen]


# The comparison


@dataclass
class CountyRow:
    partnership: Partnership
    value: Decimal | None = None
    population_year: int | None = None
    population: int | None = None
    rate: Decimal | None = None
    rate_rank: Rank | None = None
    last_year: Decimal | None = None
    change: Change | None = None
    reduction_rank: Rank | None = None


@dataclass
class IndicatorComparison:
    indicator: Indicator
    period: Period
    rows: list[CountyRow] = field(default_factory=list)

    @property
    def population_note(self) -> str | None:
        """Which population the rates use, said plainly when it is not the period's own year
        (populations come from the censuses of 2011 and 2021, and from estimates where held)."""
        years = sorted({row.population_year for row in self.rows if row.population_year})
        if not years:
            return None
        wanted = self.period.start.year
        used = " and ".join(str(year) for year in years)
        if years == [wanted]:
            return f"Rates use the {wanted} population."
        if all(year < wanted for year in years):
            which = "the latest year before it with a figure"
        elif all(year > wanted for year in years):
            which = "the earliest year with a figure, as none is held before it"
        else:
            which = "the nearest year with a figure"
        return (
            f"No population figure is held for {wanted}: the rates for {self.period.label} "
            f"use the {used} population, {which}."
        )


def compare_indicator(indicator, period, partnerships, series, populations):
    """One indicator across partnerships. `series`: {partnership id: {(start, end): value}};
    `populations`: {partnership id: {year: population}}."""
    rows = []
    for partnership in partnerships:
        values = series.get(partnership.pk, {})
        row = CountyRow(partnership, value=value_for(values, period, additive=True))
        row.last_year = value_for(values, period.year_before(), additive=True)
        found = population_for(populations.get(partnership.pk, {}), period.start.year)
        if found:
            row.population_year, row.population = found
        if row.value is not None and row.population:
            row.rate = rate_per_1000(row.value, row.population)
        if row.value is not None and row.last_year is not None:
            row.change = compare(row.last_year, row.value)
        rows.append(row)
    lowest_first = indicator.lower_is_better
    by_rate = competition_ranks({r.partnership.pk: r.rate for r in rows}, lowest_first)
    by_change = competition_ranks(
        {r.partnership.pk: r.change.percent if r.change else None for r in rows}, lowest_first
    )
    for row in rows:
        row.rate_rank = by_rate[row.partnership.pk]
        row.reduction_rank = by_change[row.partnership.pk]
    return IndicatorComparison(indicator, period, rows)


@dataclass
class RagSummary:
    partnership: Partnership
    plan: Plan | None
    by_rag: Counter
    overdue: int
    current: bool = False  # the plan's period includes today; otherwise it is labelled
    viewable: bool = False  # the user may open the partnership's own pages

    @property
    def total(self) -> int:
        return sum(self.by_rag.values())

    @property
    def rag_counts(self):
        return [(choice, self.by_rag[choice.value]) for choice in Rag]


@dataclass
class CountyComparison:
    county: str
    partnerships: list[Partnership]
    period: Period | None
    periods: list[Period]
    indicators: list[IndicatorComparison]
    rag: list[RagSummary]


def county_comparison(county, user, period=None, today=None, partnerships=None):
    """The comparison of `county` (its name); `partnerships`, the county's by name, when
    already read (County.partnerships)."""
    today = today or datetime.date.today()
    if partnerships is None:
        partnerships = Partnership.objects.filter(county=county).order_by("name")
    partnerships = list(partnerships)
    observations = Observation.objects.filter(
        partnership__in=partnerships, indicator__unit=Indicator.Unit.COUNT
    )
    spans = set(observations.values_list("period_start", "period_end").distinct().order_by())
    periods = available_periods(spans)
    period = period or (periods[0] if periods else None)
    indicators = []
    if period:
        indicators = _compare_indicators(observations, period, partnerships)
    rag = rag_summaries(partnerships, user, today)
    return CountyComparison(county, partnerships, period, periods, indicators, rag)


def _compare_indicators(observations, period, partnerships):
    wanted = Q(period_start__gte=period.start, period_end__lte=period.end)
    last_year = period.year_before()
    wanted |= Q(period_start__gte=last_year.start, period_end__lte=last_year.end)
    series, indicators = defaultdict(lambda: defaultdict(dict)), {}
    columns = ["indicator_id", "partnership_id", "period_start", "period_end", "value"]
    columns += [f"indicator__{name}" for name in INDICATOR_FIELDS]
    for indicator_id, partnership_id, start, end, value, *fields in (
        observations.filter(wanted).values_list(*columns).order_by()
    ):
        series[indicator_id][partnership_id][start, end] = value
        if indicator_id not in indicators:
            indicators[indicator_id] = Indicator(
                pk=indicator_id, **dict(zip(INDICATOR_FIELDS, fields, strict=True))
            )
    populations = defaultdict(dict)
    estimates = PopulationEstimate.objects.filter(partnership__in=partnerships).order_by()
    for partnership_id, year, population in estimates.values_list(
        "partnership_id", "year", "population"
    ):
        populations[partnership_id][year] = population
    comparisons = []
    for indicator_id, indicator in sorted(indicators.items(), key=lambda item: item[1].name):
        comparison = compare_indicator(
            indicator, period, partnerships, series[indicator_id], populations
        )
        if any(row.value is not None for row in comparison.rows):
            comparisons.append(comparison)
    return comparisons


def rag_summaries(partnerships, user, today) -> list[RagSummary]:
    plans_by_partnership = defaultdict(list)
    plans = Plan.objects.filter(partnership__in=partnerships).annotate(
        action_count=Count("actions")
    )
    for plan in plans.order_by():
        plans_by_partnership[plan.partnership_id].append(plan)
    chosen, viewable = {}, set()
    for partnership in partnerships:
        plans = plans_by_partnership[partnership.pk]
        if user.has_perm("partnerships.view_partnership", partnership):
            viewable.add(partnership.pk)
        else:
            plans = [plan for plan in plans if plan.status == Plan.Status.PUBLISHED]
        chosen[partnership.pk] = current_plan(plans, today)
    plan_ids = [plan.pk for plan in chosen.values() if plan]
    counts = defaultdict(Counter)
    by_rag = Action.objects.filter(plan__in=plan_ids).values_list("plan_id", "rag")
    for plan_id, rag, number in by_rag.annotate(number=Count("pk")).order_by():
        counts[plan_id][rag] = number
    overdue = dict(
        Action.objects.filter(plan__in=plan_ids)
        .overdue(today)
        .values_list("plan_id")
        .annotate(number=Count("pk"))
        .order_by()
    )
    return [
        _summary(partnership, chosen[partnership.pk], counts, overdue, today, viewable)
        for partnership in partnerships
    ]


def _summary(partnership, plan, counts, overdue, today, viewable) -> RagSummary:
    can_view = partnership.pk in viewable
    if plan is None:
        return RagSummary(partnership, None, Counter(), 0, viewable=can_view)
    current = plan.period_start <= today <= plan.period_end
    found = counts[plan.pk]
    return RagSummary(partnership, plan, found, overdue.get(plan.pk, 0), current, can_view)
