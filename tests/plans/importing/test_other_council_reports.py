"""The Salford monitoring report, the West Yorkshire figure report and the Reigate & Banstead
strategy (../shared/documents/other-councils): what their README lists, counted by hand."""

from datetime import date
from decimal import Decimal

import pytest

from plans.importing import parse_document

from .shared_documents import shared_document

SALFORD = "other-councils/salford-cdrp-strategy-monitoring-q1-2004.txt"
WEST_YORKSHIRE = "other-councils/west-yorkshire-pcc-csf-indicators-q3-2013-14.txt"
REIGATE = "other-councils/reigate-banstead-community-safety-strategy-2005-08.txt"


@pytest.fixture(scope="module")
def salford():
    return parse_document(shared_document(SALFORD))


@pytest.fixture(scope="module")
def west_yorkshire():
    return parse_document(shared_document(WEST_YORKSHIRE))


@pytest.fixture(scope="module")
def reigate():
    return parse_document(shared_document(REIGATE))


def test_the_monitoring_report_is_on_the_2002_2005_strategy_for_april_to_june_2004(salford):
    assert salford.layout == "monitoring_report"
    assert salford.partnership.name == "Salford"
    assert salford.partnership.kind == "cdrp"
    plan = salford.plan
    assert plan.kind == "update_report"
    assert (plan.start, plan.end) == (date(2002, 4, 1), date(2005, 3, 31))
    assert plan.last_updated == date(2004, 6, 30)
    assert "April to June 2004" in plan.title


def test_its_one_objective_is_the_priority(salford):
    assert [(p.code, p.title) for p in salford.priorities] == [
        ("1", "Responding effectively to nuisance and disorder")
    ]


def test_its_two_targets_keep_their_numbers_and_percentages(salford):
    targets = [(t.indicator, t.value, t.period_start, t.period_end) for t in salford.targets]
    assert targets == [
        ("Juvenile Nuisance incidents", Decimal(9704), date(2004, 4, 1), date(2005, 3, 31)),
        (
            "Malicious Calls to Greater Manchester County Fire Service",
            Decimal(537),
            date(2004, 4, 1),
            date(2005, 3, 31),
        ),
    ]
    criteria = [(c.priority_code, c.target_value, c.target_unit) for c in salford.success_criteria]
    assert criteria == [("1", Decimal(6), "percent"), ("1", Decimal(10), "percent")]
    assert salford.success_criteria[1].text.endswith("By 10% to 537 by 2005.")


def test_both_targets_are_on_target_and_the_first_has_six_comments(salford):
    first, second = salford.actions
    assert [first.rag, second.rag] == ["green", "green"]
    assert len(first.progress) == 6
    assert first.progress[0].startswith("Two pilot projects")
    assert first.progress[0].endswith("due to finish in August 2004.")
    assert first.progress[3].endswith("in the private sector housing market.")
    assert first.progress[5].startswith("Formation of a public transport crime action plan")
    assert second.progress == []
    assert all(action.priority_codes == ["1"] for action in salford.actions)


def test_the_figure_report_needs_no_plan_and_names_its_partnerships(west_yorkshire):
    assert west_yorkshire.layout == "figure_report"
    assert west_yorkshire.plan.kind == "figure_report"
    assert not (west_yorkshire.priorities or west_yorkshire.actions)
    assert {f.partnership for f in west_yorkshire.figures} == {"Bradford", "Calderdale"}


def _indicators(document, partnership):
    return {
        figure.indicator
        for figure in [*document.figures, *document.targets]
        if figure.partnership == partnership
    }


def test_bradford_has_eight_indicators_and_calderdale_six_with_one_sub_row(west_yorkshire):
    bradford = {name.split(" (")[0] for name in _indicators(west_yorkshire, "Bradford")}
    assert len(bradford) == 8
    calderdale = _indicators(west_yorkshire, "Calderdale")
    sub_rows = [name for name in calderdale if ": " in name]
    assert len(sub_rows) == 1 and sub_rows[0].endswith(": Opiate Clients")
    # Five with figures and the parent row of the sub-row, which holds only notes.
    assert len(calderdale - set(sub_rows)) == 5


def test_bradford_domestic_burglary_has_its_three_figures_and_its_target(west_yorkshire):
    figures = [
        (f.period_start, f.period_end, f.value)
        for f in west_yorkshire.figures
        if f.partnership == "Bradford" and f.indicator == "Domestic burglary"
    ]
    assert figures == [
        (date(2012, 4, 1), date(2013, 3, 31), Decimal(3628)),
        (date(2013, 4, 1), date(2013, 9, 30), Decimal(1544)),
        (date(2013, 4, 1), date(2013, 12, 31), Decimal(2528)),
    ]
    targets = [
        (t.period_start, t.period_end, t.value)
        for t in west_yorkshire.targets
        if t.partnership == "Bradford" and t.indicator == "Domestic burglary"
    ]
    assert targets == [(date(2013, 4, 1), date(2014, 3, 31), Decimal(3115))]


def test_cells_mixing_numbers_and_words_give_their_numbers(west_yorkshire):
    def values(partnership, indicator):
        return {
            (f.period_start, f.period_end): f.value
            for f in west_yorkshire.figures
            if f.partnership == partnership and f.indicator == indicator
        }

    assert values("Bradford", "Total crime")[(date(2012, 4, 1), date(2013, 3, 31))] == 40861
    burglary = values("Calderdale", "Domestic burglary")
    assert burglary[(date(2013, 4, 1), date(2013, 9, 30))] == 445
    assert burglary[(date(2013, 9, 1), date(2013, 9, 30))] == 56
    reoffending = values("Bradford", "Rate of re-offending of adults")
    assert reoffending == {
        (date(2012, 1, 1), date(2012, 12, 31)): Decimal("8.48"),
        (date(2011, 10, 1), date(2012, 9, 30)): Decimal("8.77"),
    }


def test_no_new_data_gives_no_figure_and_a_warning(west_yorkshire):
    said = [w.message for w in west_yorkshire.warnings if "gives no figure" in w.message]
    assert any('"No New Data Published"' in message for message in said)
    assert any('"NYA"' in message for message in said)


def test_the_strategy_names_its_partnership_and_three_members_in_a_sentence(reigate):
    assert reigate.partnership.name == "Reigate & Banstead"
    assert reigate.partnership.kind == "cdrp"
    assert [m.agency for m in reigate.members] == [
        "Reigate & Banstead Borough Council",
        "Surrey County Council",
        "Surrey Police",
    ]


def test_its_four_numbered_aims_follow_a_sentence_ending_in_a_full_stop(reigate):
    assert [p.code for p in reigate.priorities] == ["1", "2", "3", "4"]
    assert {p.kind for p in reigate.priorities} == {"aim"}
    assert reigate.priorities[3].title == "To reduce Fear of Crime."


def test_its_target_and_period_are_read(reigate):
    assert (reigate.plan.start, reigate.plan.end) == (date(2005, 4, 1), date(2008, 3, 31))
    [criterion] = reigate.success_criteria
    assert criterion.priority_code == "2"
    assert criterion.text == "Reduce total crime in the Borough by 16% by 2008"
    assert (criterion.target_value, criterion.target_unit) == (Decimal(16), "percent")
