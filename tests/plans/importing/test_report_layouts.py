"""Monitoring reports, figure reports and figures in prose, in documents written for these
tests: each quirk of the family on its own."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.importing import parse_document
from plans.importing.figure_cells import read_cell
from plans.importing.layouts.common import unwrap
from plans.importing.lines import clean, make_lines
from plans.importing.targets import read_stated_target
from plans.importing.timescales import Span

YEAR_2013_14 = Span(date(2013, 4, 1), date(2014, 3, 31))


def parse(text: str, name: str = "report.txt"):
    return parse_document(text.encode(), name)


MONITORING = """\
Quarterly Monitoring Report
3rd Quarter
October to December 2010
KINGSMERE COMMUNITY SAFETY PARTNERSHIP
COMMUNITY SAFETY STRATEGY
2008 - 2011
OBJECTIVE A: REDUCING ANTI-SOCIAL BEHAVIOUR
TARGET: Reduce the number of ASB incidents by 5% by 2011.
PROGRESS ON ACTIONS NOT ON TARGET
Dispersal order in the town centre renewed
OBJECTIVE B: SAFER ROADS
TARGET 2: Reduce road casualties to 140 by 2010/11.
COMMENTS
Speed watch groups set up in four villages
"""


def test_a_monitoring_report_reads_objectives_targets_and_ratings_in_other_words():
    document = parse(MONITORING)
    assert document.layout == "monitoring_report"
    assert [(p.code, p.title) for p in document.priorities] == [
        ("A", "Reducing anti-social behaviour"),
        ("B", "Safer roads"),
    ]
    asb, roads = document.actions
    assert asb.rag == "red"
    assert asb.progress == ["Dispersal order in the town centre renewed"]
    # No rating for the second target: a warning, not a guess.
    assert roads.rag == ""
    assert any('no "on target" rating' in w.message for w in document.warnings)
    assert document.plan.last_updated == date(2010, 12, 31)
    assert (document.plan.start, document.plan.end) == (date(2008, 4, 1), date(2011, 3, 31))


def test_a_target_without_a_number_is_a_criterion_only_and_one_with_a_number_a_target():
    document = parse(MONITORING)
    assert [c.target_value for c in document.success_criteria] == [Decimal(5), None]
    [target] = document.targets
    assert (target.indicator, target.value) == ("Road casualties", Decimal(140))
    assert (target.period_start, target.period_end) == (date(2010, 4, 1), date(2011, 3, 31))


def test_a_report_with_no_strategy_years_is_taken_to_be_on_its_financial_year():
    text = MONITORING.replace("2008 - 2011\n", "")
    document = parse(text)
    assert (document.plan.start, document.plan.end) == (date(2010, 4, 1), date(2011, 3, 31))
    assert any("no strategy period" in w.message for w in document.warnings)


QUARTER_ONLY = """\
Kingsmere Community Safety Partnership
Strategy Monitoring Report, Quarter 2
2004/05
Community Safety Strategy 2002 - 2005
OBJECTIVE 1 - SAFER STREETS
TARGET - Reduce street robbery to 300 by 2005.
COMMENTS ON ACTIONS
Street wardens in post in the town centre
NEAR TO
TARGET
"""


def test_a_quarter_of_a_financial_year_is_the_report_period_and_a_late_rating_is_read():
    document = parse(QUARTER_ONLY)
    assert document.layout == "monitoring_report"
    assert document.plan.last_updated == date(2004, 9, 30)
    assert (document.plan.start, document.plan.end) == (date(2002, 4, 1), date(2005, 3, 31))
    assert "July to September 2004" in document.plan.title
    [action] = document.actions
    assert action.rag == "amber"
    assert action.progress == ["Street wardens in post in the town centre"]


def lines(*texts):
    return make_lines("\n".join(texts))


def full(start: str, end: str, width: int = 100) -> str:
    """A line as long as the page is wide: what a PDF extraction wraps."""
    filler = " ".join(["words"] * width)
    return f"{start} {filler}"[: width - len(end) - 1].rstrip() + f" {end}"


def test_unwrapping_joins_wrapped_lines_and_keeps_items_apart():
    paragraphs = unwrap(
        lines(
            full("Patrols were increased in the", "Town"),
            "Centre over the summer.",
            "Second item starts here and is short",
            "Third item has a number at the end of its line, 6",
            "Officers joined the team.",
            full("A full line ending on a lower-case word without a stop", "here"),
            "New item",
            full("A full line ending a sentence", "done."),
            "Which goes on.",
        )
    )
    firsts = [text.split()[0] for _, text in paragraphs]
    assert firsts == ["Patrols", "Second", "Third", "A", "New", "A"]
    assert paragraphs[0][1].endswith("Town Centre over the summer.")
    assert paragraphs[2][1].endswith("6 Officers joined the team.")
    assert paragraphs[5][1].endswith("done. Which goes on.")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("40,861 (3%)", [("", Decimal(40861), "count", "value", YEAR_2013_14)]),
        (
            "8.48% (December 2012)",
            [("", Decimal("8.48"), "percent", "value", Span(date(2012, 1, 1), date(2012, 12, 31)))],
        ),
        (
            "YTD - 445 Sep - 56",
            [
                ("", Decimal(445), "count", "value", YEAR_2013_14),
                ("", Decimal(56), "count", "value", Span(date(2013, 9, 1), date(2013, 9, 30))),
            ],
        ),
        (
            "Opiates = 5.4% Non-Opiate = 23%",
            [
                ("Opiate", Decimal("5.4"), "percent", "value", YEAR_2013_14),
                ("Non-Opiate", Decimal(23), "percent", "value", YEAR_2013_14),
            ],
        ),
        ("-23.81%", [("", Decimal("-23.81"), "percent", "change", YEAR_2013_14)]),
        ("No New Data Published", []),
        ("Only Q1 data available for the period below", []),
    ],
)
def test_cells_mixing_numbers_and_words(cell, expected):
    parts = read_cell(cell, YEAR_2013_14)
    assert [(p.label, p.value, p.unit, p.measure, p.period) for p in parts] == expected


FIGURES = """\
Safer Kingsmere performance report

Indicator\tBaseline at 31 March 2013\tQ2 performance (30 September 2013)\tTarget at 31 March 2014
KINGSMERE CSP
Reduce criminal damage\t2,300\t1,050\t2,150
Reduce shoplifting\t900
Reduce repeat victimisation\t12.5%\tSep - 11%
"""


def test_periods_come_from_the_column_headers():
    document = parse(FIGURES)
    assert document.layout == "figure_report"
    damage = [(f.period_start, f.period_end, f.value) for f in document.figures][:2]
    assert damage == [
        (date(2012, 4, 1), date(2013, 3, 31), Decimal(2300)),
        (date(2013, 4, 1), date(2013, 9, 30), Decimal(1050)),
    ]
    [target] = document.targets
    assert (target.period_end, target.value) == (date(2014, 3, 31), Decimal(2150))


def test_a_plan_with_an_action_table_and_a_table_of_figures_is_no_figure_report():
    plan = FIGURES.replace(
        "Safer Kingsmere performance report", "Kingsmere Community Safety Partnership Plan 2013/14"
    )
    document = parse(
        plan + "\nAction\tLead agency\tTimescale\nRun a shop watch scheme\tPolice\tMay 2013\n"
    )
    assert document.layout != "figure_report"
    assert [a.title for a in document.actions] == ["Run a shop watch scheme"]


def test_one_section_makes_the_report_that_partnerships_own():
    document = parse(FIGURES)
    assert document.partnership.name == "Kingsmere"
    assert {f.partnership for f in document.figures} == {""}


def test_a_short_row_keeps_the_cells_it_has():
    document = parse(FIGURES)
    shoplifting = [f for f in document.figures if f.indicator == "Shoplifting"]
    assert [(f.period_end, f.value) for f in shoplifting] == [(date(2013, 3, 31), 900)]
    repeat = {f.period_start: f.value for f in document.figures if f.indicator.startswith("Rep")}
    assert repeat == {date(2012, 4, 1): Decimal("12.5"), date(2013, 9, 1): Decimal(11)}


@pytest.mark.parametrize(
    ("stated", "warns"), [("50 more crimes (+5.0%)", False), ("50 fewer crimes (-5.0%)", True)]
)
def test_a_stated_change_in_a_figure_table_is_checked_against_its_row(stated, warns):
    text = (
        "Indicator\tYear to 31 March 2012\tYear to 31 March 2013\tChange\n"
        f"Reduce theft\t1,000\t1,050\t{stated}\n"
    )
    document = parse(text, "kingsmere-csp-figures-2012-13.txt")
    assert [f.value for f in document.figures] == [1000, 1050]
    said = [w.message for w in document.warnings if "the document says" in w.message]
    assert bool(said) is warns
    assert not any("gives no figure" in w.message for w in document.warnings)


GROUPS = """\
Most Similar Group comparison

Domestic burglary - Most Similar Group, 12 months to 31 December 2013
Area\tRate per 1,000 households\tMSG average\tDistance from average\tPosition in MSG
Kingsmere CSP\t8.1\t7.2\t+0.9\t12 of 15
Eastham CSP\t6.0\t7.2\t-1.2\t4 of 15
"""


def test_a_most_similar_group_table_gives_each_partnership_its_measures():
    document = parse(GROUPS)
    assert document.layout == "figure_report"
    kingsmere = {f.indicator_name: f for f in document.figures if f.partnership == "Kingsmere"}
    assert set(kingsmere) == {
        "Domestic burglary",
        "Domestic burglary: most similar group average",
        "Domestic burglary: distance from most similar group average",
        "Domestic burglary: position in most similar group",
    }
    assert kingsmere["Domestic burglary"].unit == "rate_per_1000"
    position = kingsmere["Domestic burglary: position in most similar group"]
    assert (position.value, position.out_of, position.unit) == (12, 15, "rank")
    eastham = [f for f in document.figures if f.partnership == "Eastham"]
    distance = [f.value for f in eastham if f.measure == "group_distance"]
    assert distance == [Decimal("-1.2")]
    assert {(f.period_start, f.period_end) for f in document.figures} == {
        (date(2013, 1, 1), date(2013, 12, 31))
    }


PROSE = """\
Kingsmere Community Safety Partnership Community Safety Strategy 2001-2004

Our priorities:
- Reducing crime
- Reassuring residents

Reducing crime

Total crime fell by {percent}% (1998/99: 10,577 to 2000/01: 8,792) over the last strategy.
"""


def test_figures_in_prose_become_observations_and_an_agreeing_change_is_silent():
    document = parse(PROSE.format(percent="16.9"))
    crime = [(f.indicator, f.period_start, f.value) for f in document.figures]
    assert crime == [
        ("Total crime", date(1998, 4, 1), Decimal(10577)),
        ("Total crime", date(2000, 4, 1), Decimal(8792)),
    ]
    assert not any("the document says" in w.message for w in document.warnings)


def test_a_stated_change_in_prose_that_disagrees_is_a_warning_and_the_numbers_stay():
    document = parse(PROSE.format(percent="19.6"))
    [warning] = [w for w in document.warnings if "the document says" in w.message]
    assert "fell by 19.6%" in warning.message and "-16.9%" in warning.message
    assert [f.value for f in document.figures] == [10577, 8792]


@pytest.mark.parametrize(("stated", "warns"), [("1785", False), ("1758", True)])
def test_a_crimes_equals_percent_change_is_checked(stated, warns):
    text = PROSE.replace(
        "Total crime fell by {percent}% (1998/99: 10,577 to 2000/01: 8,792)",
        f"Total crime went from 1998/99: 10,577 to 2000/01: 8,792, {stated} crimes = 16.9% "
        "reduction",
    )
    document = parse(text)
    assert len(document.figures) == 2
    assert any("the document says" in w.message for w in document.warnings) is warns


@pytest.mark.parametrize(
    ("text", "indicator", "percent", "value", "period_end"),
    [
        (
            "Reduce the number of burglaries citywide by 6% to 9,704 by 2005.",
            "Burglaries",
            Decimal(-6),
            Decimal(9704),
            date(2005, 3, 31),
        ),
        (
            "Increase reports of hate crime by 10%",
            "Reports of hate crime",
            10,
            None,
            date(2005, 3, 31),
        ),
        (
            "Reduce total crime in the Borough by 16% by 2008/09",
            "Total crime",
            -16,
            None,
            date(2009, 3, 31),
        ),
    ],
)
def test_stated_targets(text, indicator, percent, value, period_end):
    stated = read_stated_target(text, date(2005, 3, 31))
    assert (stated.indicator, stated.percent, stated.value) == (indicator, percent, value)
    assert stated.period.end == period_end


def test_a_sentence_with_no_target_has_none():
    assert read_stated_target("We will reduce the fear of crime.", date(2005, 3, 31)) is None


def test_figures_written_value_first_in_prose_are_read_and_their_change_checked():
    text = PROSE.replace(
        "Total crime fell by {percent}% (1998/99: 10,577 to 2000/01: 8,792) over the last "
        "strategy.",
        "Burglary rose from 412 in 2009/10 to 450 in 2010/11, 38 crimes = 9.2% increase.",
    )
    document = parse(text)
    assert [(f.indicator, f.period_start.year, f.value) for f in document.figures] == [
        ("Burglary", 2009, 412),
        ("Burglary", 2010, 450),
    ]
    assert not any("the document says" in w.message for w in document.warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_reading_any_cell_gives_figures_or_nothing_and_never_fails(cell):
    for part in read_cell(cell, YEAR_2013_14):
        assert part.period.start <= part.period.end
        assert part.unit in ("count", "percent")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=12))
def test_unwrapping_keeps_every_word_in_order(texts):
    paragraphs = unwrap(lines(*(text.replace("\n", " ") for text in texts)))
    words = [word for _, paragraph in paragraphs for word in paragraph.split()]
    assert words == [word for text in texts for word in clean(text).split()]
