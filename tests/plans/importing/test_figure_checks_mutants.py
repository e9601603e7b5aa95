"""Cases of the figure checks that mutation testing found untested (docs/testing.md):
a stated percentage beside a count that starts at nought, a stated change over three
periods, and a target in a sentence naming one of two indicators."""

from decimal import Decimal

from plans.importing import parse_document
from tests.plans.importing.test_figure_checks import STRATEGY, warnings_of

THREE_PERIODS = STRATEGY.replace(
    "Crime type\tApril 09 - Dec 09\tApril 10 - Dec 10\tChange",
    "Crime type\tApril 08 - Dec 08\tApril 09 - Dec 09\tApril 10 - Dec 10\tChange",
)


def test_a_stated_percentage_of_a_count_from_nought_is_not_checked_and_does_not_fail():
    # No percentage can be worked out from 0, so only the count is compared.
    rows = ["Robbery\t0\t5\t5 more crimes (+100.0%)", "Vehicle crime\t100\t90"]
    assert warnings_of(STRATEGY, rows) == []


def test_a_stated_change_over_three_periods_is_from_the_first_to_the_last():
    other = "Vehicle crime\t100\t90\t80"  # a table of figures has more than one row
    agreeing = ["Burglary\t500\t400\t380\t120 fewer crimes (-24.0%)", other]
    assert warnings_of(THREE_PERIODS, agreeing) == []
    against_the_middle = ["Burglary\t500\t400\t380\t100 fewer crimes (-20.0%)", other]
    [(line, message)] = warnings_of(THREE_PERIODS, against_the_middle)
    assert "500 -> 380 is 120 fewer crimes (-24.0%)" in message


def test_a_target_goes_to_the_indicator_its_sentence_names():
    text = STRATEGY.format(
        rows="Burglary\t400\t380\nRobbery\t40\t43\n\n"
        "Burglary is 20 crimes ahead of the Partnership's target.\n"
    )
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    [target] = document.targets
    assert target.indicator == "Burglary"
    assert target.value == Decimal(400)  # 380 recorded, 20 ahead of a target of 400
