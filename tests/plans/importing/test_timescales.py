from datetime import date

import pytest

from plans.importing.timescales import find_dated_phrase, read_date, read_period, read_timescale

# The financial year 2011/12 places months and seasons written without a year.
YEAR = 2011


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("May – October 2011", date(2011, 5, 1), date(2011, 10, 31)),
        ("During 2011-12", date(2011, 4, 1), date(2012, 3, 31)),
        ("2011/12", date(2011, 4, 1), date(2012, 3, 31)),
        ("2011/2012", date(2011, 4, 1), date(2012, 3, 31)),
        ("Summer 2011", date(2011, 6, 1), date(2011, 8, 31)),
        ("July- Sept", date(2011, 7, 1), date(2011, 9, 30)),
        ("Feb – March 2012", date(2012, 2, 1), date(2012, 3, 31)),
        ("December - January 2012", date(2011, 12, 1), date(2012, 1, 31)),
        ("June 2011", date(2011, 6, 1), date(2011, 6, 30)),
        ("November", date(2011, 11, 1), date(2011, 11, 30)),
        ("January", date(2012, 1, 1), date(2012, 1, 31)),
        ("Winter 2011", date(2011, 12, 1), date(2012, 2, 29)),
        ("Q3", date(2011, 10, 1), date(2011, 12, 31)),
        ("Pre Halloween to November 5 th 2012", None, date(2012, 11, 5)),
        ("by end of 2011/12", None, date(2012, 3, 31)),
        ("until March 2020", None, date(2020, 3, 31)),
        ("From April 2019", date(2019, 4, 1), None),
        ("24/3/2012", date(2012, 3, 24), date(2012, 3, 24)),
        ("Ongoing", None, None),
        ("ongoing", None, None),
        ("Project is ongoing", None, None),
        ("As required", None, None),
        ("every month", None, None),
        ("", None, None),
    ],
)
def test_it_reads_start_and_due_dates(text, start, due):
    assert read_timescale(text, YEAR) == (start, due)


def test_a_month_without_a_year_needs_the_financial_year():
    assert read_timescale("July- Sept") == (None, None)


def test_an_impossible_date_gives_no_date():
    assert read_timescale("31st June 2011", YEAR) == (None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("April 09 – Dec 09", date(2009, 4, 1), date(2009, 12, 31)),
        ("April 10- Dec10", date(2010, 4, 1), date(2010, 12, 31)),
        ("March 2008 to March 2011", date(2008, 3, 1), date(2011, 3, 31)),
        ("Partnership Strategy 2024-2027", date(2024, 4, 1), date(2027, 3, 31)),
        ("Action Plan 2019/20", date(2019, 4, 1), date(2020, 3, 31)),
    ],
)
def test_it_reads_periods(text, start, end):
    period = read_period(text)
    assert (period.start, period.end) == (start, end)


def test_it_reads_single_dates():
    assert read_date("June 12th 2008 – A living document") == date(2008, 6, 12)
    assert read_date("Accurate at 26/3/12") == date(2012, 3, 26)
    assert read_date("5 November 2012") == date(2012, 11, 5)
    assert read_date("no date here") is None


def test_it_finds_one_dated_phrase_in_other_text():
    assert find_dated_phrase("1 Crucial Crew event in March 2020") == "in March 2020"
    assert find_dated_phrase("300 visits during 2019/20") == "during 2019/20"
    assert find_dated_phrase("Weekly meetings at 4 locations") is None
    # Two dates: which one is the timescale is not clear.
    assert find_dated_phrase("Events in May 2019 and in June 2019") is None
