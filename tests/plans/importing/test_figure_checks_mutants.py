"""Cases of the performance tables that mutation testing found untested (docs/testing.md):
a stated percentage beside a count that starts at nought, a stated change over three
periods, a target in a sentence naming one of two indicators; and how a table is read:
what each column measures, which date dates it, which rows and header make a table, and
the targets that prose sets against its counts."""

from datetime import date
from decimal import Decimal

import pytest

from plans.importing import parse_document
from plans.importing.corrections import Corrections
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


def test_a_computed_percentage_is_rounded_half_up_to_a_tenth():
    # 1 in 400 is 0.25%: half up gives 0.3, where rounding half to even would give 0.2.
    rows = ["Robbery\t400\t401\t2 more crimes (+0.3%)", "Vehicle crime\t100\t90"]
    [(line, message)] = warnings_of(STRATEGY, rows)
    assert "400 -> 401 is 1 more crimes (+0.3%);" in message


def test_a_target_goes_to_the_indicator_its_sentence_names():
    text = STRATEGY.format(
        rows="Burglary\t400\t380\nRobbery\t40\t43\n\n"
        "Burglary is 20 crimes ahead of the Partnership's target.\n"
    )
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    [target] = document.targets
    assert target.indicator == "Burglary"
    assert target.value == Decimal(400)  # 380 recorded, 20 ahead of a target of 400


# The tables' reading, from the same mutation run: what each column of a table measures,
# which date dates it, which rows and which header make a table, and targets in prose.
STRATEGY_2011 = """\
Kingsmere Community Safety Partnership Strategy 2011-2012

Our priorities:
- Reducing burglary
- Safer roads

Reducing burglary
We will keep burglary falling.
{rows}"""
MEASURES = """
Crime figures accurate at 26/3/12



Crime type:\tApril 10 - Mar 11\tOffences\t% change\tChange\tPosition in county (of 10 districts)\t\
Position per head of population\tPosition, crimes / 1,000\tPosition for reduction\t\
Rate per 1,000\tDetected
Burglary dwelling:\t400\t380\t5%\t-5%\t3rd\t2nd\t6th\t9th\t4.5\t12.5%
Robbery in zone X\t40\t43\t7.5%\t+7.5%\t1st\t4th\t5th\t10th\t0.5\t20%
"""
YEAR_TO_MARCH_2011 = (date(2010, 4, 1), date(2011, 3, 31))
AS_AT = (date(2011, 4, 1), date(2012, 3, 26))  # the financial year to 26 March 2012
PLAN_YEAR = (date(2011, 4, 1), date(2012, 3, 31))


def figures_of(text: str):
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    return [
        (f.indicator, (f.period_start, f.period_end), f.value, f.unit, f.measure, f.out_of, f.line)
        for f in document.figures
    ]


def test_each_column_of_a_table_is_read_as_what_its_header_says_it_measures():
    burglary, robbery = "Burglary dwelling", "Robbery in zone X"
    expected = []
    for name, line, values in [
        (burglary, 15, ["400", "380", "5", "-5", "3", "2", "6", "9", "4.5", "12.5"]),
        (robbery, 16, ["40", "43", "7.5", "7.5", "1", "4", "5", "10", "0.5", "20"]),
    ]:
        kinds = [
            # a column with its own period; a count dated by the "accurate at" note
            (YEAR_TO_MARCH_2011, "count", "value", None),
            (AS_AT, "count", "value", None),
            # "% change" and a signed percentage are changes
            (AS_AT, "percent", "change", None),
            (AS_AT, "percent", "change", None),
            # positions out of the 10 districts the header names
            (AS_AT, "rank", "rank", 10),
            (AS_AT, "rank", "rank_per_1000", 10),
            (AS_AT, "rank", "rank_per_1000", 10),
            (AS_AT, "rank", "rank_change", 10),
            (AS_AT, "rate_per_1000", "value", None),
            (AS_AT, "percent", "value", None),
        ]
        expected += [
            (name, period, Decimal(value), unit, measure, out_of, line)
            for value, (period, unit, measure, out_of) in zip(values, kinds, strict=True)
        ]
    assert figures_of(STRATEGY_2011.format(rows=MEASURES)) == expected


def test_an_accurate_at_note_more_than_four_lines_above_the_header_dates_nothing():
    text = STRATEGY_2011.format(
        rows="\nCorrect as at 26/3/12\n\n\n\n\nCrime type\tOffences\nBurglary\t380\nRobbery\t43\n"
    )
    assert [period for _, period, *_ in figures_of(text)] == [PLAN_YEAR, PLAN_YEAR]


def test_an_as_at_date_in_the_header_itself_dates_the_table():
    text = STRATEGY_2011.format(rows="\nAs at 31/12/11\tOffences\nBurglary\t380\nRobbery\t43\n")
    year_to_december = (date(2011, 4, 1), date(2011, 12, 31))
    assert [period for _, period, *_ in figures_of(text)] == [year_to_december] * 2


def test_a_row_wider_than_its_header_gives_its_last_figure_too():
    rows = "\nCrime type\tOffences\nBurglary\t380\t12\nRobbery\t43\n"
    assert [
        (name, value) for name, _, value, *_ in figures_of(STRATEGY_2011.format(rows=rows))
    ] == [
        ("Burglary", Decimal(380)),
        ("Burglary", Decimal(12)),
        ("Robbery", Decimal(43)),
    ]


TABLES = {
    "a blank line under the header": ("Crime type\tOffences\n\nBurglary\t380\nRobbery\t43", 2),
    "three blank lines under the header": (
        "Crime type\tOffences\n\n\n\nBurglary\t380\nRobbery\t43",
        0,
    ),
    "a paragraph, not a row, above the rows": (
        "The figures were:\nBurglary\t380\nRobbery\t43",
        0,
    ),
    "a row with a cell that is no figure": (
        "Crime type\tOffences\nBurglary\tn/a\t380\nRobbery\t43",
        0,
    ),
    "rows named by a year, not by what they count": (
        "Year\tOffences\n2010/11\t380\n2011/12\t43",
        0,
    ),
    "a name of eight words": (
        "Crime type\tOffences\nTheft of and from motor vehicles in district\t380\nRobbery\t43",
        2,
    ),
    "a name of nine words": (
        "Crime type\tOffences\nTheft of and from all motor vehicles in district\t380\n"
        "Robbery\t43\nBurglary\t12",
        2,
    ),
    "names in capitals and in small letters": ("Crime type\tOffences\nASB\t380\nrobbery\t43", 2),
    "a single row": ("Crime type\tOffences\nBurglary\t380", 0),
}


@pytest.mark.parametrize(("rows", "count"), TABLES.values(), ids=TABLES.keys())
def test_figure_rows_make_a_table_only_under_a_header_row_and_two_rows_or_more(rows, count):
    assert len(figures_of(STRATEGY_2011.format(rows="\n" + rows + "\n"))) == count


def test_a_figure_rows_name_keeps_its_words_and_loses_a_closing_colon():
    rows = "\nCrime type\tOffences\nASB:\t380\nTheft of and from motor vehicles in district\t43\n"
    assert [name for name, *_ in figures_of(STRATEGY_2011.format(rows=rows))] == [
        "ASB",
        "Theft of and from motor vehicles in district",
    ]


TABLE_2011 = "\nCrime type\tApril 10 - Mar 11\nBurglary\t380\nRobbery\t1,500\n"
TARGETS = {
    "ahead of it": ("Burglary was 20 crimes ahead of target.", "Burglary", 400),
    "under it, in capitals": ("BURGLARY IS 20 CRIMES UNDER TARGET.", "Burglary", 400),
    "behind it": ("Robbery is 1,200 offences behind the annual target.", "Robbery", 300),
    "above it": ("Robbery was 100 crimes above the target.", "Robbery", 1400),
}


@pytest.mark.parametrize(("sentence", "indicator", "value"), TARGETS.values(), ids=TARGETS.keys())
def test_a_target_is_the_figure_plus_or_minus_the_margin_the_sentence_gives(
    sentence, indicator, value
):
    text = STRATEGY_2011.format(rows=TABLE_2011 + "\n" + sentence + "\n")
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    [target] = document.targets
    assert (target.indicator, target.value) == (indicator, Decimal(value))
    assert (target.period_start, target.period_end) == YEAR_TO_MARCH_2011
    assert (target.line, target.note) == (14, sentence)


def test_each_sentence_of_a_paragraph_is_read_for_its_own_target():
    paragraph = (
        "Burglary fell this year. Robbery is 100 crimes behind the target. "
        "Burglary is 20 crimes ahead of target."
    )
    text = STRATEGY_2011.format(rows=TABLE_2011 + "\n" + paragraph + "\n")
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    assert [(t.indicator, t.value, t.note) for t in document.targets] == [
        ("Robbery", Decimal(1400), "Robbery is 100 crimes behind the target."),
        ("Burglary", Decimal(400), "Burglary is 20 crimes ahead of target."),
    ]


def test_a_target_is_only_of_a_counted_indicator():
    rows = (
        "\nCrime type\tDetected\nBurglary\t12%\nRobbery\t20%\n\n"
        "Burglary is 5 crimes ahead of target.\n"
    )
    document = parse_document(STRATEGY_2011.format(rows=rows).encode(), "kingsmere-csp.txt")
    assert len(document.figures) == 2
    assert document.targets == []


def test_cells_after_an_empty_cell_or_a_stated_change_are_still_read():
    rows = (
        "\nCrime figures accurate at 26/3/12\n"
        "Crime type\tApril 09 - Dec 09\tApril 10 - Dec 10\tChange\tPosition in county 2010/11\n"
        "Burglary\t400\t380\t20 fewer crimes (-5.0%)\t3rd\nRobbery\t\t43\t\t5th\n"
    )
    april_to_december_2010 = (date(2010, 4, 1), date(2010, 12, 31))
    # A position is dated by the note, not by a period in its header: only counts take one.
    assert [
        (name, period, value, unit)
        for name, period, value, unit, *_ in figures_of(STRATEGY_2011.format(rows=rows))
    ] == [
        ("Burglary", (date(2009, 4, 1), date(2009, 12, 31)), Decimal(400), "count"),
        ("Burglary", april_to_december_2010, Decimal(380), "count"),
        ("Burglary", AS_AT, Decimal(3), "rank"),
        ("Robbery", april_to_december_2010, Decimal(43), "count"),
        ("Robbery", AS_AT, Decimal(5), "rank"),
    ]


def test_figures_dated_by_the_plan_take_the_period_the_admin_gave():
    text = (
        "Kingsmere Community Safety Partnership Strategy\n\nOur priorities:\n"
        "- Reducing burglary\n- Safer roads\n\nCrime type\tOffences\tApril 10 - Mar 11\n"
        "Burglary\t380\t400\nRobbery\t43\t40\n"
    )
    period = Corrections(period_start=date(2012, 4, 1), period_end=date(2013, 3, 31))
    document = parse_document(text.encode(), "kingsmere-csp.txt", corrections=period)
    assert [(f.indicator, f.period_start, f.period_end, f.value) for f in document.figures] == [
        ("Burglary", date(2012, 4, 1), date(2013, 3, 31), Decimal(380)),
        ("Burglary", date(2010, 4, 1), date(2011, 3, 31), Decimal(400)),
        ("Robbery", date(2012, 4, 1), date(2013, 3, 31), Decimal(43)),
        ("Robbery", date(2010, 4, 1), date(2011, 3, 31), Decimal(40)),
    ]
    assert not [w for w in document.warnings if "no period" in w.message]


def test_a_table_at_the_very_end_of_a_document_is_read():
    text = STRATEGY_2011.format(rows="\nCrime type\tOffences\nBurglary\t380\nRobbery\t43")
    assert [value for _, _, value, *_ in figures_of(text)] == [Decimal(380), Decimal(43)]
