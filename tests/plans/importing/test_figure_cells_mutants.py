"""The cell reader of performance tables (plans/importing/figures.py): what each spelling of
a figure cell is read as, and what a stated change says. Mutation testing found these
untested (docs/testing.md): every kind of cell with its value and text, signs given by a
minus of any kind or by the words, and the cells that are no figure."""

from decimal import Decimal

import pytest

from plans.importing.figures import Cell, StatedChange, cell_value, stated_change

CELLS = {
    "a count": ("380", Cell("count", Decimal(380), "380")),
    "a count with thousands": ("40,861", Cell("count", Decimal(40861), "40,861")),
    "a count in spaces and emphasis": (" **1,204** ", Cell("count", Decimal(1204), "1,204")),
    "a decimal": ("12.5", Cell("decimal", Decimal("12.5"), "12.5")),
    "a negative decimal": ("-3.25", Cell("decimal", Decimal("-3.25"), "-3.25")),
    "a decimal with a minus sign": ("\u22120.4", Cell("decimal", Decimal("-0.4"), "\u22120.4")),
    "a decimal with an en dash": ("\u20131.5", Cell("decimal", Decimal("-1.5"), "\u20131.5")),
    "a decimal with a plus": ("+2.0", Cell("decimal", Decimal("2.0"), "+2.0")),
    "a percentage": ("45%", Cell("percent", Decimal(45), "45%")),
    "a percentage with a decimal": ("12.5 %", Cell("percent", Decimal("12.5"), "12.5 %")),
    "a fall in per cent": ("-6.8%", Cell("signed_percent", Decimal("-6.8"), "-6.8%")),
    "a fall after an en dash": ("\u2013 3%", Cell("signed_percent", Decimal(-3), "\u2013 3%")),
    "a rise in per cent": ("+4%", Cell("signed_percent", Decimal(4), "+4%")),
    "a position": ("3rd", Cell("rank", Decimal(3), "3rd")),
    "a position in capitals": ("21ST", Cell("rank", Decimal(21), "21ST")),
    "a stated change": (
        "3 more crimes (+6.8%)",
        Cell("stated", Decimal(3), "3 more crimes (+6.8%)"),
    ),
    "a stated change in thousands": (
        "1,250 fewer crimes (-2.1%)",
        Cell("stated", Decimal(1250), "1,250 fewer crimes (-2.1%)"),
    ),
    "a stated change with an equals sign": (
        "4,992 crimes = 0.6% reduction",
        Cell("stated", Decimal(4992), "4,992 crimes = 0.6% reduction"),
    ),
}


@pytest.mark.parametrize(("text", "expected"), CELLS.values(), ids=CELLS.keys())
def test_a_figure_cell_is_read_as_its_kind_value_and_cleaned_text(text, expected):
    assert cell_value(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "n/a",
        "Burglary",
        "12,34",
        "1.",
        "about 40",
        "3 more crimes",
        "45% of crime",
        "1st place",
    ],
)
def test_a_cell_that_is_no_figure_is_read_as_nothing(text):
    assert cell_value(text) is None


STATED = {
    "more, with its sign": ("3 more crimes (+6.8%)", StatedChange(3, Decimal("6.8"), "crimes")),
    "fewer, with its sign": (
        "20 fewer crimes (-5.0%)",
        StatedChange(-20, Decimal("-5.0"), "crimes"),
    ),
    "fewer, the percentage unsigned": (
        "20 fewer offences (5.0%)",
        StatedChange(-20, Decimal("-5.0"), "offences"),
    ),
    "more, the percentage unsigned": (
        "7 more incidents (2.5%)",
        StatedChange(7, Decimal("2.5"), "incidents"),
    ),
    "a sign that contradicts the words is kept": (
        "20 more crimes (-5.0%)",
        StatedChange(20, Decimal("-5.0"), "crimes"),
    ),
    "a minus sign": ("8 lower crimes (\u22121.5%)", StatedChange(-8, Decimal("-1.5"), "crimes")),
    "words in capitals": ("12 HIGHER offences (+3%)", StatedChange(12, Decimal(3), "offences")),
    "thousands": ("1,250 fewer crimes (-2.1%)", StatedChange(-1250, Decimal("-2.1"), "crimes")),
    "equals, a reduction": (
        "4,992 crimes = 0.6% reduction",
        StatedChange(-4992, Decimal("-0.6"), "crimes"),
    ),
    "equals, an increase": (
        "20 crimes = 10.0% increase.",
        StatedChange(20, Decimal("10.0"), "crimes"),
    ),
}


@pytest.mark.parametrize(("text", "expected"), STATED.values(), ids=STATED.keys())
def test_a_stated_change_gives_the_signed_change_percentage_and_noun(text, expected):
    assert stated_change(text) == expected


@pytest.mark.parametrize("text", ["380", "3 more crimes", "crime fell by 5%", "-6.8%"])
def test_text_stating_no_change_with_a_percentage_gives_none(text):
    assert stated_change(text) is None
