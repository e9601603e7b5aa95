"""st-albans-action-plan-2019-20.txt: coded aims and priorities, one action table."""

from datetime import date

import pytest

SADC = "St Albans City and District Council"
POLICE = "Hertfordshire Constabulary"
FIRE = "Hertfordshire Fire and Rescue Service"


@pytest.fixture(scope="module")
def document(parsed):
    return parsed("st-albans-action-plan-2019-20.txt")


def action(document, title):
    matches = [action for action in document.actions if action.title == title]
    assert len(matches) == 1, f"{len(matches)} actions titled {title!r}"
    return matches[0]


def test_it_reads_the_partnership_and_plan(document):
    assert document.layout == "coded_action_table"
    assert document.partnership.name == "St Albans"
    assert document.partnership.kind == "csp"
    assert document.plan.kind == "action_plan"
    assert document.plan.status == "published"
    assert (document.plan.start, document.plan.end) == (date(2019, 4, 1), date(2020, 3, 31))


def test_it_reads_aims_a_to_e_and_priorities_1_to_5(document):
    codes = [(priority.code, priority.kind) for priority in document.priorities]
    assert codes == [(c, "aim") for c in "ABCDE"] + [(c, "priority") for c in "12345"]
    titles = {priority.code: priority.title for priority in document.priorities}
    assert titles["A"].startswith("To effectively tackle all crime")
    assert titles["D"] == "To reduce controlled drug and alcohol misuse including street drinking."


def test_priority_5_is_a_priority_though_not_a_bullet(document):
    priority = next(p for p in document.priorities if p.code == "5")
    assert priority.kind == "priority"
    assert priority.title.startswith("To engage more effectively with relevant agencies")


def test_it_reads_24_actions(document):
    assert len(document.actions) == 24
    assert document.counts()["action_rows"] == 24


def test_each_action_is_linked_to_the_codes_in_its_cell(document):
    assert action(
        document, "Deliver staged fly-tip event in St Albans City Centre."
    ).priority_codes == [
        "E",
        "3",
    ]
    assert action(document, "Deliver Crucial Crew event").priority_codes == ["C", "1"]
    assert action(document, "Raise awareness of rogue traders and scams").priority_codes == ["B"]
    assert action(document, "Promote road safety messages").priority_codes == ["2"]


def test_joint_response_is_linked_to_b_d_2_and_led_by_council_and_police(document):
    joint = action(
        document, "Joint response to anti-social street drinking/begging in St Albans City Centre."
    )
    assert joint.priority_codes == ["B", "D", "2"]
    assert joint.lead_agencies == [SADC, POLICE]
    assert joint.progress == ["3 walkabouts have taken place in the city centre. 1 CPW served"]


def test_lead_agencies_keep_their_order_and_resolve_aliases(document):
    fraud = next(
        a for a in document.actions if a.title.startswith("Maintain/Reduce number of victims")
    )
    assert fraud.lead_agencies == [POLICE, "Trading Standards", SADC, "Oaklands College"]
    assert action(document, "Deliver Crucial Crew event").lead_agencies == [SADC, POLICE, FIRE]
    assert action(document, "Promote road safety messages").lead_agencies == [
        "Hertfordshire County Council",
        POLICE,
    ]
    mental_health = "Engage with other agencies to support those with mental health issues"
    assert action(document, mental_health).lead_agencies == [
        POLICE,
        SADC,
        "Community Mental Health Team",
    ]


def test_a_row_broken_across_a_page_keeps_its_progress(document):
    burglary = action(document, "Maintain/Reduce levels of burglary")
    assert burglary.progress == ["Community engagement day in April"]
    assert burglary.target.endswith("Community engagement day Op Scorpion Community News article.")


def test_a_first_cell_that_continues_makes_one_action(document):
    course = action(
        document, "Organise Educational course on awareness of Child Sexual Exploitation"
    )
    assert course.priority_codes == ["C", "1"]
    assert course.lead_agencies == [SADC]
    assert course.target.endswith(
        "Drama production for Secondary School children in St Albans District."
    )
    titles = [a.title for a in document.actions]
    assert "Organise" not in titles
    assert not any(title.startswith("Educational course") for title in titles)


def test_progress_text_becomes_a_progress_update_only_where_there_is_one(document):
    with_progress = [a.title for a in document.actions if a.progress]
    assert len(with_progress) == 6
    assert action(document, "Deliver safe and well visits").progress == []


def test_an_outcome_measure_with_a_date_gives_the_timescale(document):
    crew = action(document, "Deliver Crucial Crew event")
    assert crew.target == "1 Crucial Crew event in March 2020"
    assert crew.timescale == "in March 2020"
    assert (crew.start, crew.due) == (date(2020, 3, 1), date(2020, 3, 31))
    visits = action(document, "Deliver safe and well visits")
    assert (visits.start, visits.due) == (date(2019, 4, 1), date(2020, 3, 31))


def test_it_warns_about_the_rows_it_joined(document):
    messages = {(w.line, w.message) for w in document.warnings}
    assert (33, "joined to the row on line 31: a table row broken across a page") in messages
    assert (42, "joined to the row on line 40: a table row broken across a page") in messages
    assert not any("code" in w.message for w in document.warnings)


def test_it_has_no_members_or_figures(document):
    assert document.members == []
    assert document.figures == []
