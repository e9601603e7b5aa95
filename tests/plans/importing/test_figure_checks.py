"""A stated change is checked on its count and on its percentage, each on its own: in a
strategy's table of figures, in a report of figures and in prose, a count that agrees does
not excuse a percentage that does not, nor the other way round. Every document's warnings
are asserted whole."""

import pytest

from plans.importing import parse_document

STRATEGY = """\
Kingsmere Community Safety Partnership Strategy 2010-2011

Our priorities:
- Reducing burglary
- Safer roads

Reducing burglary
We will keep burglary falling.

Crime type\tApril 09 - Dec 09\tApril 10 - Dec 10\tChange
{rows}"""
REPORT = """\
Kingsmere Community Safety Partnership performance figures

Indicator\tYear to 31 March 2012\tYear to 31 March 2013\tChange
{rows}"""
PROSE = """\
Kingsmere Community Safety Partnership Community Safety Strategy 2011-2014

Our priorities:
- Reducing crime
- Reassuring residents

Reducing crime

{rows}"""
# Where the rows start in each document, for the warnings' line numbers.
FIRST_ROW = {STRATEGY: 11, REPORT: 4, PROSE: 9}
KEPT = "the figures are kept and the stated change is not"


def warnings_of(template: str, rows: list[str]) -> list[tuple[int, str]]:
    text = template.format(rows="\n".join(rows) + "\n")
    document = parse_document(text.encode(), "kingsmere-csp.txt")
    return [(warning.line, warning.message) for warning in document.warnings]


CASES = {
    "a table: the count agrees, the percentage does not": (
        STRATEGY,
        ["Burglary\t400\t380\t20 fewer crimes (-10.0%)", "Vehicle crime\t100\t90"],
        [
            'Burglary: the document says "20 fewer crimes (-10.0%)" but 400 -> 380 is 20 '
            f"fewer crimes (-5.0%); {KEPT}"
        ],
    ),
    "a table: the percentage agrees, the count does not": (
        STRATEGY,
        ["Robbery\t40\t43\t5 more crimes (+7.5%)", "Vehicle crime\t100\t90"],
        [
            'Robbery: the document says "5 more crimes (+7.5%)" but 40 -> 43 is 3 more '
            f"crimes (+7.5%); {KEPT}"
        ],
    ),
    "a table: both agree": (
        STRATEGY,
        ["Vehicle crime\t100\t90\t10 fewer crimes (-10.0%)", "Robbery\t40\t43"],
        [],
    ),
    "a table: the direction is wrong, the numbers right": (
        STRATEGY,
        ["Burglary\t400\t380\t20 more crimes (+5.0%)", "Robbery\t40\t43"],
        [
            'Burglary: the document says "20 more crimes (+5.0%)" but 400 -> 380 is 20 '
            f"fewer crimes (-5.0%); {KEPT}"
        ],
    ),
    "a report: the count agrees, the percentage does not": (
        REPORT,
        ["Reduce theft\t1,000\t1,050\t50 more crimes (+10.0%)", "Reduce robbery\t50\t45"],
        [
            'Theft: the document says "50 more crimes (+10.0%)" but 1000 -> 1050 is 50 more '
            f"crimes (+5.0%); {KEPT}"
        ],
    ),
    "a report: the percentage agrees, the count does not": (
        REPORT,
        ["Reduce burglary\t200\t180\t25 fewer crimes (-10.0%)", "Reduce robbery\t50\t45"],
        [
            'Burglary: the document says "25 fewer crimes (-10.0%)" but 200 -> 180 is 20 '
            f"fewer crimes (-10.0%); {KEPT}"
        ],
    ),
    "a report: both agree": (
        REPORT,
        ["Reduce robbery\t50\t45\t5 fewer crimes (-10.0%)", "Reduce theft\t1,000\t1,050"],
        [],
    ),
    "prose: the count agrees, the percentage does not": (
        PROSE,
        ["Burglary rose from 400 in 2009/10 to 420 in 2010/11, 20 crimes = 10.0% increase."],
        [
            'Burglary: the document says "20 crimes = 10.0% increase" but 400 -> 420 is 20 '
            f"more crimes (+5.0%); {KEPT}"
        ],
    ),
    "prose: the percentage agrees, the count does not": (
        PROSE,
        ["Robbery rose from 40 in 2009/10 to 44 in 2010/11, 5 crimes = 10.0% increase."],
        [
            'Robbery: the document says "5 crimes = 10.0% increase" but 40 -> 44 is 4 more '
            f"crimes (+10.0%); {KEPT}"
        ],
    ),
    "prose: a percentage alone that disagrees": (
        PROSE,
        ["Criminal damage fell by 12.0% (1998/99: 1,000 to 2000/01: 900) in those years."],
        [f'Criminal damage: the document says "fell by 12.0%" but 1000 -> 900 is -10.0%; {KEPT}'],
    ),
    "prose: both agree": (
        PROSE,
        ["Vehicle crime fell from 100 in 2009/10 to 90 in 2010/11, 10 crimes = 10.0% reduction."],
        [],
    ),
}


@pytest.mark.parametrize(("template", "rows", "expected"), CASES.values(), ids=CASES.keys())
def test_a_stated_change_is_warned_exactly_when_its_count_or_percentage_disagrees(
    template, rows, expected
):
    line = FIRST_ROW[template]
    assert warnings_of(template, rows) == [(line, message) for message in expected]


def test_several_rows_of_one_document_are_each_checked_on_their_own():
    rows = [
        "Burglary\t400\t380\t20 fewer crimes (-10.0%)",
        "Robbery\t40\t43\t5 more crimes (+7.5%)",
        "Vehicle crime\t100\t90\t10 fewer crimes (-10.0%)",
    ]
    assert [line for line, _ in warnings_of(STRATEGY, rows)] == [11, 12]


@pytest.mark.parametrize(("percent", "warns"), [("-5.1", False), ("-4.9", False), ("-5.2", True)])
def test_a_stated_percentage_within_a_tenth_of_a_point_agrees(percent, warns):
    rows = [f"Burglary\t400\t380\t20 fewer crimes ({percent}%)", "Robbery\t40\t43"]
    expected = [
        (
            11,
            f'Burglary: the document says "20 fewer crimes ({percent}%)" but 400 -> 380 is 20 '
            f"fewer crimes (-5.0%); {KEPT}",
        )
    ]
    assert warnings_of(STRATEGY, rows) == (expected if warns else [])


def test_figures_that_did_not_change_are_said_to_show_no_change():
    rows = ["Burglary\t400\t400\t20 fewer crimes (-5.0%)", "Vehicle crime\t100\t90"]
    [(_line, message)] = warnings_of(STRATEGY, rows)
    assert message == (
        f'Burglary: the document says "20 fewer crimes (-5.0%)" but 400 -> 400 is no change; {KEPT}'
    )


def test_a_percentage_alone_against_figures_that_did_not_change_says_no_change():
    rows = ["Burglary\t400\t400\t400 crimes = 5.0% reduction", "Vehicle crime\t100\t90"]
    [(_line, message)] = warnings_of(STRATEGY, rows)
    assert message == (
        'Burglary: the document says "400 crimes = 5.0% reduction" but 400 -> 400 is no '
        f"change; {KEPT}"
    )
