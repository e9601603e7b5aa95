import datetime
from decimal import Decimal

import pytest

from performance.periods import Period, available_periods, value_for

D = datetime.date


def test_a_financial_year_runs_from_april_to_march():
    year = Period.financial_year(2021)
    assert (year.start, year.end) == (D(2021, 4, 1), D(2022, 3, 31))
    assert year.kind == "year"
    assert year.label == "2021/22"
    assert year.key == "fy-2021"


def test_quarter_four_is_january_to_march_of_the_next_calendar_year():
    quarter = Period.quarter(2021, 4)
    assert (quarter.start, quarter.end) == (D(2022, 1, 1), D(2022, 3, 31))
    assert quarter.label == "Q4 2021/22 (January to March 2022)"
    assert quarter.key == "fy-2021-q4"


@pytest.mark.parametrize(
    "period",
    [Period.financial_year(2019), Period.quarter(2019, 3), Period.month(2020, 2)],
)
def test_a_key_reads_back_as_the_same_period(period):
    assert Period.from_key(period.key) == period


@pytest.mark.parametrize("key", ["", "fy", "fy-x", "fy-2021-q5", "m-2021-13", "2021-12"])
def test_it_refuses_a_key_that_is_not_a_period(key):
    with pytest.raises(ValueError):
        Period.from_key(key)


def test_the_previous_month_of_january_is_december():
    assert Period.month(2022, 1).previous() == Period.month(2021, 12)


def test_the_previous_quarter_of_q1_is_q4_of_the_year_before():
    assert Period.quarter(2021, 1).previous() == Period.quarter(2020, 4)


def test_the_same_period_last_year_of_a_leap_february_ends_on_the_28th():
    assert Period.month(2024, 2).year_before() == Period(D(2023, 2, 1), D(2023, 2, 28))


def test_a_span_of_odd_dates_compares_with_the_same_dates_a_year_before():
    span = Period(D(2010, 4, 1), D(2010, 12, 31))  # April to December, as in a strategy
    assert span.kind == "other"
    assert span.year_before() == Period(D(2009, 4, 1), D(2009, 12, 31))
    assert span.previous() == Period(D(2009, 7, 1), D(2010, 3, 31))
    assert span.series(3) == [
        Period(D(2008, 4, 1), D(2008, 12, 31)),
        Period(D(2009, 4, 1), D(2009, 12, 31)),
        span,
    ]


def test_a_quarter_sums_its_three_months_when_all_are_there():
    values = {
        (D(2021, 10, 1), D(2021, 10, 31)): Decimal(10),
        (D(2021, 11, 1), D(2021, 11, 30)): Decimal(20),
        (D(2021, 12, 1), D(2021, 12, 31)): Decimal(0),
    }
    assert value_for(values, Period.quarter(2021, 3), additive=True) == 30


def test_a_quarter_with_a_missing_month_has_no_figure():
    values = {(D(2021, 10, 1), D(2021, 10, 31)): Decimal(10)}
    assert value_for(values, Period.quarter(2021, 3), additive=True) is None


def test_a_year_sums_its_quarters_before_trying_months():
    values = {
        (quarter.start, quarter.end): Decimal(100)
        for quarter in (Period.quarter(2021, n) for n in range(1, 5))
    }
    assert value_for(values, Period.financial_year(2021), additive=True) == 400


def test_a_stated_figure_for_the_whole_period_wins_over_its_parts():
    year = Period.financial_year(2021)
    values = {(year.start, year.end): Decimal(7)}
    values.update({(m.start, m.end): Decimal(1) for m in year.parts()[-1]})
    assert value_for(values, year, additive=True) == 7


def test_percentages_are_never_summed():
    values = {(m.start, m.end): Decimal(5) for m in Period.quarter(2021, 1).parts()[-1]}
    assert value_for(values, Period.quarter(2021, 1), additive=False) is None


def test_available_periods_are_newest_first_and_longest_first_for_the_same_end():
    months = [Period.month(2021, m) for m in (10, 11, 12)] + [Period.month(2018, 12)]
    found = available_periods({(m.start, m.end) for m in months})
    assert [p.key for p in found] == [
        "fy-2021-q3",
        "m-2021-12",
        "m-2021-11",
        "m-2021-10",
        "m-2018-12",
    ]
