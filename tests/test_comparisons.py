from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance.comparisons import compare


@pytest.mark.parametrize(
    ("previous", "current", "difference", "percent"),
    [
        (47, 44, -3, "-6.4"),
        (24, 27, 3, "12.5"),
        (6274, 5453, -821, "-13.1"),
        (10, 10, 0, "0.0"),
    ],
)
def test_it_computes_the_change_and_percent(previous, current, difference, percent):
    change = compare(previous, current)
    assert change.difference == difference
    assert change.percent == Decimal(percent)


def test_a_change_from_zero_has_no_percent():
    change = compare(0, 5)
    assert change.difference == 5
    assert change.percent is None
    assert change.describe() == "+5 (no previous figure)"


def test_it_describes_a_fall_with_its_sign():
    assert compare(47, 44).describe() == "-3 (-6.4%)"


def test_fewer_crimes_is_better_when_lower_is_better():
    assert compare(47, 44).is_better(lower_is_better=True) is True
    assert compare(47, 44).is_better(lower_is_better=False) is False
    assert compare(5, 5).is_better(lower_is_better=True) is None


@given(st.integers(1, 10**6), st.integers(0, 10**6))
def test_percent_agrees_with_the_difference(previous, current):
    change = compare(previous, current)
    assert (change.percent > 0) == (current > previous) or change.percent == 0
    assert abs(change.percent - Decimal(change.difference * 100) / previous) <= Decimal("0.05")


def test_no_change_is_described_without_a_sign():
    assert compare(10, 10).describe() == "0 (0.0%)"


def test_a_rise_of_less_than_one_keeps_its_plus_sign_and_is_worse_when_lower_is_better():
    # Rates and percentages move by fractions: a rise of half a point is still a rise.
    change = compare("10", "10.5")
    assert change.describe() == "+0.5 (+5.0%)"
    assert change.is_better(lower_is_better=True) is False
    assert change.is_better(lower_is_better=False) is True


def test_a_fall_of_less_than_one_is_better_when_lower_is_better():
    change = compare("10", "9.5")
    assert change.describe() == "-0.5 (-5.0%)"
    assert change.is_better(lower_is_better=True) is True
