import datetime
from decimal import Decimal

import pytest

from actions.models import Rag
from partnerships.models import PopulationEstimate
from performance.county import (
    compare_indicator,
    competition_ranks,
    county_comparison,
    county_named,
    ordinal,
    population_for,
    rate_per_1000,
)
from performance.models import Indicator
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
)

D = datetime.date


def test_the_rate_per_1000_is_rounded_half_up_to_two_places():
    assert rate_per_1000(Decimal(1184), 147000) == Decimal("8.05")  # 8.0544...
    assert rate_per_1000(Decimal(1), 8000) == Decimal("0.13")  # 0.125
    assert rate_per_1000(Decimal(0), 5000) == Decimal("0.00")


def test_equal_figures_share_a_position_and_the_next_skips_one():
    ranks = competition_ranks({"a": 1, "b": 2, "c": 2, "d": 3, "e": None})
    assert {key: str(rank) for key, rank in ranks.items() if rank} == {
        "a": "1st",
        "b": "=2nd",
        "c": "=2nd",
        "d": "4th",
    }
    assert ranks["e"] is None
    assert ranks["d"].out_of == 4


def test_it_ranks_highest_first_when_asked():
    ranks = competition_ranks({"a": 1, "b": 3}, lowest_first=False)
    assert (ranks["b"].position, ranks["a"].position) == (1, 2)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinals(number, text):
    assert ordinal(number) == text


def test_the_population_is_that_of_the_year_else_the_nearest_before_else_after():
    estimates = {2019: 100, 2021: 120}
    assert population_for(estimates, 2021) == (2021, 120)
    assert population_for(estimates, 2020) == (2019, 100)
    assert population_for(estimates, 2025) == (2021, 120)
    assert population_for(estimates, 2010) == (2019, 100)
    assert population_for({}, 2020) is None


class Stub:
    def __init__(self, pk, name):
        self.pk, self.name = pk, name


def test_it_ranks_the_county_by_rate_and_by_reduction_worked_by_hand():
    """
    | partnership | now | a year before | population | rate | by rate | change | by reduction |
    | one         | 120 | 100           | 40,000     | 3.00 | =2nd    | +20.0% | 3rd          |
    | two         |  90 | 100           | 30,000     | 3.00 | =2nd    | -10.0% | 2nd          |
    | three       |  50 |  80           | 25,000     | 2.00 | 1st     | -37.5% | 1st          |
    | four        |  10 | none          | none       | none | none    | none   | none         |
    """
    period = Period.financial_year(2021)
    before = period.year_before()
    partnerships = [Stub(1, "one"), Stub(2, "two"), Stub(3, "three"), Stub(4, "four")]
    figures = {1: (120, 100), 2: (90, 100), 3: (50, 80), 4: (10, None)}
    series = {}
    for pk, (now, then) in figures.items():
        series[pk] = {(period.start, period.end): Decimal(now)}
        if then is not None:
            series[pk][before.start, before.end] = Decimal(then)
    populations = {1: {2021: 40000}, 2: {2021: 30000}, 3: {2020: 25000}}
    crime = Indicator(name="All crime")
    rows = compare_indicator(crime, period, partnerships, series, populations).rows
    table = [
        (
            row.partnership.name,
            row.rate,
            str(row.rate_rank) if row.rate_rank else None,
            row.change.percent if row.change else None,
            str(row.reduction_rank) if row.reduction_rank else None,
        )
        for row in rows
    ]
    assert table == [
        ("one", Decimal("3.00"), "=2nd", Decimal("20.0"), "3rd"),
        ("two", Decimal("3.00"), "=2nd", Decimal("-10.0"), "2nd"),
        ("three", Decimal("2.00"), "1st", Decimal("-37.5"), "1st"),
        ("four", None, None, None, None),
    ]
    assert rows[2].population_year == 2020  # the nearest earlier estimate


@pytest.mark.django_db
def test_the_county_comparison_reads_the_figures_of_every_partnership_in_the_county(
    partnership, other_partnership, alice
):
    away = PartnershipFactory(county="Elsewhere")
    crime = IndicatorFactory(name="All crime")
    year = Period.financial_year(2021)
    for place, value, population in ((partnership, 300, 100000), (other_partnership, 100, 50000)):
        ObservationFactory(
            indicator=crime,
            partnership=place,
            period_start=year.start,
            period_end=year.end,
            value=value,
        )
        PopulationEstimate.objects.create(partnership=place, year=2021, population=population)
    ObservationFactory(
        indicator=crime, partnership=away, period_start=year.start, period_end=year.end
    )
    comparison = county_comparison("Hertfordshire", alice, today=D(2022, 6, 1))
    assert comparison.period == year
    (found,) = comparison.indicators
    assert [(row.partnership, row.rate) for row in found.rows] == [
        (partnership, Decimal("3.00")),
        (other_partnership, Decimal("2.00")),
    ]
    assert [str(row.rate_rank) for row in found.rows] == ["2nd", "1st"]


@pytest.mark.django_db
def test_rag_counts_of_another_partnership_come_only_from_its_published_plan(
    partnership, other_partnership, alice, charlie
):
    today = D(2025, 6, 1)
    draft = PlanFactory(partnership=partnership, status="draft")
    ActionFactory.create_batch(2, plan=draft, rag=Rag.RED)
    published = PlanFactory(
        partnership=other_partnership,
        status="published",
        period_start=D(2024, 4, 1),
        period_end=D(2025, 3, 31),
    )
    ActionFactory(plan=published, rag=Rag.GREEN)
    as_alice = {
        s.partnership: s for s in county_comparison("Hertfordshire", alice, today=today).rag
    }
    assert as_alice[partnership].plan == draft
    assert as_alice[partnership].by_rag[Rag.RED] == 2
    assert as_alice[other_partnership].plan == published
    as_charlie = {
        s.partnership: s for s in county_comparison("Hertfordshire", charlie, today=today).rag
    }
    assert as_charlie[partnership].plan is None
    assert as_charlie[partnership].total == 0
    assert as_charlie[other_partnership].by_rag[Rag.GREEN] == 1


def test_a_county_is_found_by_its_slug_with_its_partnerships_by_name(partnership):
    kent = PartnershipFactory(name="Ashford", county="Kent")
    later = PartnershipFactory(name="Zeal", county="Hertfordshire")
    earlier = PartnershipFactory(name="Abbots", county="Hertfordshire")
    county = county_named("hertfordshire")
    assert county.name == "Hertfordshire"
    assert list(county.partnerships) == [earlier, partnership, later]
    assert county.partnership_ids == {earlier.pk, partnership.pk, later.pk}
    assert county_named("kent").partnerships == (kent,)
    assert county_named("atlantis") is None
