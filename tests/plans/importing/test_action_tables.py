"""Action tables in any wording: column roles, kept columns, objectives as priorities, several
agencies in a cell, status and RAG, and every row accounted for."""

import io

import docx
import pytest

from plans.importing import DocumentError, parse_document
from plans.importing.columns import role_of
from plans.importing.corrections import COLUMN_ROLES, Corrections
from plans.importing.lines import CELL_BREAK
from plans.importing.statuses import read_status


def plan(table: str, title: str = "Ashford Community Safety Partnership Action Plan 2021/22"):
    return f"{title}\n\n{table}"


def parse(text: str, corrections: Corrections | None = None, name: str = "plan.txt"):
    return parse_document(text.encode(), name, corrections=corrections)


def warnings_on(document, line: int) -> list[str]:
    return [warning.message for warning in document.warnings if warning.line == line]


# 1. Column roles from a wider vocabulary, honouring the admin's corrections


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Objective", "priority"),
        ("Priority area", "priority"),
        ("To be Achieved by", "timescale"),
        ("Deadline", "timescale"),
        ("Due", "timescale"),
        ("By when", "timescale"),
        ("Lead officer", "leads"),
        ("Lead Agency/ Group", "leads"),
        ("Partners", "partners"),
        ("Resources", "details"),
        ("Funding Source", "details"),
        ("Status", "status"),
        ("RAG", "rag"),
        ("On target", "rag"),
        ("Comments", "progress"),
        ("Outcome", "target"),
        ("Measure of success", "target"),
        ("Milestones", "target"),
        ("Aim/priority", "codes"),
        ("What we will do", "title"),
    ],
)
def test_it_gives_each_header_its_role(header, role):
    assert role_of(header) == role
    assert role in COLUMN_ROLES


def test_a_header_of_no_known_role_has_none():
    assert role_of("Ward") is None


def test_it_reads_a_table_in_the_wider_vocabulary():
    document = parse(
        plan(
            "Objective\tAction\tLead officer\tBy when\tStatus\tComments\n"
            "Cut burglary\tMark property at events\tPolice\tMarch 2022\tIn progress\tTwo held\n"
        )
    )
    (table,) = document.tables
    assert table.roles == ["priority", "title", "leads", "timescale", "status", "progress"]
    (action,) = document.actions
    assert action.timescale == "March 2022"
    assert action.progress == ["Two held"]
    assert action.status == "in_progress"


def test_to_be_achieved_by_is_a_timescale_never_a_progress_update():
    document = parse(plan("Action\tLead\tTo be achieved by\nRun a course\tPolice\tMarch 2022\n"))
    (action,) = document.actions
    assert action.timescale == "March 2022"
    assert action.progress == []
    assert str(action.due) == "2022-03-31"


def test_a_column_the_admin_ignores_is_dropped():
    text = plan("Action\tLead\tFunding\nRun a course\tPolice\t£500\n")
    corrections = Corrections(columns={"funding": "ignore"})
    (action,) = parse(text, corrections).actions
    assert "£500" not in action.description
    assert parse(text).actions[0].description == "Funding: £500"


def test_a_column_the_admin_gives_a_role_takes_it():
    text = plan("Action\tLead\tWard\nRun a course\tPolice\tMarch 2022\n")
    corrections = Corrections(columns={"Ward": "timescale"})
    (action,) = parse(text, corrections).actions
    assert action.timescale == "March 2022"
    assert action.description == ""


def test_a_table_no_header_matched_is_read_once_the_admin_names_its_action_column():
    text = plan("Initiative name\tBody\tWard\nShop watch radios\tPolice\tCentral\n")
    with pytest.raises(DocumentError, match="no known layout"):
        parse(text)
    corrections = Corrections(columns={"initiative name": "title", "Body": "leads"})
    document = parse(text, corrections)
    (action,) = document.actions
    assert action.title == "Shop watch radios"
    assert action.lead_agencies == ["Hertfordshire Constabulary"]
    assert action.description == "Ward: Central"
    assert document.tables[0].roles == ["title", "leads", "details"]


# 2. A column of no known role is kept, and every table read is listed


def test_a_column_of_no_known_role_is_kept_with_the_action_under_its_header():
    document = parse(plan("Action\tLead\tWard\tCost\nShop watch\tPolice\tCentral\t£200\n"))
    (action,) = document.actions
    assert action.description == "Ward: Central\nCost: £200"
    (table,) = document.tables
    assert table.headers == ["Action", "Lead", "Ward", "Cost"]
    assert table.roles == ["title", "leads", "details", "details"]
    assert table.rows == 1
    assert table.line == 3


def test_every_table_of_a_priority_headed_document_is_listed():
    text = (
        "Priority 1: Burglary\n\nAction\tLead\nMark property\tPolice\n\n"
        "Priority 2: Violence\n\nAction\tLead\tWard\nPatrols\tPolice\tNorth\nBars\tSADC\tEast\n"
    )
    document = parse(plan(text))
    assert [(table.line, table.rows) for table in document.tables] == [(5, 1), (10, 2)]
    assert document.tables[1].roles == ["title", "leads", "details"]


def test_the_tables_of_a_coded_table_are_listed():
    text = "Our aims\n\n(A) Cut crime\n\nAction\tAim\tLead\nMark property\tA\tPolice\n"
    document = parse(plan(text))
    assert document.layout == "coded_action_table"
    assert document.tables[0].roles == ["title", "codes", "leads"]


# 3. Objectives and section headings become priorities; legislation is not a code


def test_an_objective_column_gives_the_priorities_and_an_empty_cell_continues_the_one_above():
    document = parse(
        plan(
            "Objective\tAction\tLead\n"
            "Reduce burglary\tMark property\tPolice\n"
            "\tVisit victims\tPolice\n"
            "Safer streets\tLight the park\tSADC\n"
        )
    )
    assert [(p.code, p.title) for p in document.priorities] == [
        ("1", "Reduce burglary"),
        ("2", "Safer streets"),
    ]
    assert [action.priority_codes for action in document.actions] == [["1"], ["1"], ["2"]]


def test_section_headings_above_tables_give_the_priorities():
    document = parse(
        plan(
            "Prevention\n\nAction\tLead\nSchool talks\tPolice\n\n"
            "Enforcement\n\nAction\tLead\nDispersal orders\tPolice\nTest purchases\tSADC\n"
        )
    )
    assert [(p.code, p.title) for p in document.priorities] == [
        ("1", "Prevention"),
        ("2", "Enforcement"),
    ]
    assert [action.priority_codes for action in document.actions] == [["1"], ["2"], ["2"]]


def test_the_heading_above_a_table_is_not_taken_into_the_title_nor_the_title_for_a_heading():
    headed = parse(plan("Prevention\n\nAction\tLead\nSchool talks\tPolice\n"))
    assert headed.plan.title == "Ashford Community Safety Partnership Action Plan 2021/22"
    assert [p.title for p in headed.priorities] == ["Prevention"]
    titled = parse("Ashford CSP\nAction Plan 2021/22\n\nAction\tLead\nSchool talks\tPolice\n")
    assert titled.plan.title == "Ashford CSP Action Plan 2021/22"
    assert titled.priorities == []
    named = parse("Ashford CSP 2021/22\n\nDelivery Plan\n\nAction\tLead\nTalks\tPolice\n")
    assert named.priorities == []


def test_an_objective_column_holding_codes_is_read_as_codes():
    text = (
        "Aims\n\n(A) Cut crime\n(B) Feel safe\n\nObjective\tAction\tLead\nA, B\tPatrols\tPolice\n"
    )
    document = parse(plan(text))
    assert document.layout == "coded_action_table"
    assert document.actions[0].priority_codes == ["A", "B"]


def test_legislation_references_are_not_aim_codes():
    document = parse(
        plan(
            "Legislation\tObjective\tAction\tLead\n"
            "Part 1\tFewer complaints\tHire a coordinator\tCouncil\n"
            "Education (Scotland) Act 1980\tInclusion\tInclusion policy\tCouncil\n"
        )
    )
    assert [p.title for p in document.priorities] == ["Fewer complaints", "Inclusion"]
    assert document.tables[0].roles[0] == "details"
    assert document.actions[0].description == "Legislation: Part 1"
    assert not any("code" in warning.message for warning in document.warnings)


def test_legislation_in_a_codes_cell_is_no_code():
    text = "Aims\n\n(1) Cut crime\n\nAction\tAim\tLead\nPatrols\tPart 8, 1\tPolice\n"
    document = parse(plan(text))
    assert document.actions[0].priority_codes == ["1"]
    assert not any("matches no aim" in warning.message for warning in document.warnings)


# 4. Several agencies in one cell, and names too long for the database


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        ("Surrey Police / Surrey County Council", ["Surrey Police", "Surrey County Council"]),
        ("Surrey Police, Housing Team", ["Surrey Police", "Housing Team"]),
        ("Surrey Police & Safer Communities Team", ["Surrey Police", "Safer Communities Team"]),
        ("Surrey Police and Surrey County Council", ["Surrey Police", "Surrey County Council"]),
        (
            f"Surrey Police{CELL_BREAK}Surrey County Council",
            ["Surrey Police", "Surrey County Council"],
        ),
        ("Reigate & Banstead Borough Council", ["Reigate & Banstead Borough Council"]),
        ("Crime and Disorder Partnership", ["Crime and Disorder Partnership"]),
        ("Tandridge District Council SCC", ["Tandridge District Council", "SCC"]),
    ],
)
def test_a_cell_naming_several_agencies_gives_several_leads(cell, leads):
    document = parse(plan(f"Action\tLead\nPatrols\t{cell}\n"))
    assert document.actions[0].lead_agencies == leads


def test_names_run_together_are_split_into_names_the_table_gives_alone():
    document = parse(
        plan(
            "Action\tLead\n"
            "Patrols\tSurrey Constabulary\n"
            "Youth club\tMole Valley DC\n"
            "Joint visits\tSurrey Constabulary Mole Valley DC\n"
        )
    )
    assert document.actions[2].lead_agencies == ["Surrey Constabulary", "Mole Valley DC"]


def test_an_agency_name_too_long_for_the_database_is_an_error_naming_the_line():
    long_name = "Agency " + "x" * 250
    with pytest.raises(DocumentError) as error:
        parse(plan(f"Action\tLead\nPatrols\tPolice\nVisits\t{long_name}\n"))
    assert error.value.line == 5
    assert "longer than 200 characters" in str(error.value)


@pytest.mark.django_db
def test_an_agency_name_too_long_is_refused_by_the_import_and_nothing_is_saved():
    from actions.models import Action
    from plans.importing.service import import_document

    text = plan("Action\tLead\nVisits\t" + "Agency " * 40 + "\n")
    with pytest.raises(DocumentError, match="line 4"):
        import_document(text.encode(), "plan.txt", dry_run=True)
    assert not Action.objects.exists()


# 5. Status, RAG and "On target" columns


@pytest.mark.parametrize(
    ("cell", "status", "rag"),
    [
        ("Completed", "completed", ""),
        ("Not started", "not_started", ""),
        ("In progress", "in_progress", ""),
        ("On-going", "ongoing", ""),
        ("Cancelled", "cancelled", ""),
        ("Not yet complete", "in_progress", ""),
        ("Green", "", "green"),
        ("A", "", "amber"),
        ("Amber - behind schedule", "", "amber"),
        ("On Target", "", "green"),
        ("Near to Target", "", "amber"),
        ("Not on Target", "", "red"),
        ("", "", ""),
    ],
)
def test_it_reads_status_and_rag_as_documented(cell, status, rag):
    assert read_status(cell) == (status, rag)


def test_status_rag_and_on_target_columns_fill_the_action():
    document = parse(
        plan(
            "Action\tLead\tStatus\tRAG\n"
            "Patrols\tPolice\tCompleted\tGreen\n"
            "Visits\tPolice\tNot started\tR\n"
        )
    )
    assert [(a.status, a.rag) for a in document.actions] == [
        ("completed", "green"),
        ("not_started", "red"),
    ]
    on_target = parse(plan("Action\tLead\tOn target\nPatrols\tPolice\tNear to target\n"))
    assert on_target.actions[0].rag == "amber"


@pytest.mark.django_db
def test_the_writer_sets_the_action_status_stated_and_leaves_it_unknown_otherwise():
    from actions.models import Action, Status
    from plans.importing.service import import_document

    text = plan("Action\tLead\tStatus\nPatrols\tPolice\tCompleted\nVisits\tPolice\t\n")
    import_document(text.encode(), "plan.txt")
    statuses = dict(Action.objects.values_list("title", "status"))
    assert statuses == {"Patrols": Status.COMPLETED, "Visits": Status.UNKNOWN}


# 6. Every source row is accounted for


def test_a_data_row_that_looks_like_a_header_is_read_as_an_action_with_a_warning():
    document = parse(
        plan(
            "Action\tLead\tWhen\tUpdate\n"
            "Patrols\tPolice\tMay 2021\tDone\n"
            "Youth projects\tYouth officer\tSummer\tUpdate given\n"
        )
    )
    assert [action.title for action in document.actions] == ["Patrols", "Youth projects"]
    assert warnings_on(document, 5) == ["a row that reads like a header row; read as an action"]


def test_a_repeated_header_row_is_skipped_with_a_warning_naming_its_line():
    document = parse(plan("Action\tLead\nPatrols\tPolice\n\nAction\tLead\nVisits\tPolice\n"))
    assert [action.title for action in document.actions] == ["Patrols", "Visits"]
    assert warnings_on(document, 6) == ["the table's header row repeated (a page break); skipped"]
    assert document.tables[0].rows == 3


def test_each_source_row_is_an_action_a_joined_row_or_a_skipped_row_with_a_warning():
    document = parse(
        plan(
            "Code\tAction\tLead\n"
            "\t\tPolice\n"
            "A\tPatrols in the\tPolice\n"
            "\tcentral area\t\n"
            "B\tVisits\tSADC\n",
            title="Ashford Community Safety Partnership Action Plan 2021/22\n\nAims\n\n"
            "(A) Cut crime\n(B) Feel safe",
        )
    )
    rows = {row for action in document.actions for row in action.rows}
    accounted = rows | {w.line for w in document.warnings if "skipped" in w.message}
    accounted |= {w.line for w in document.warnings if "joined to the row" in w.message}
    assert accounted == {9, 10, 11, 12}
    assert [action.title for action in document.actions] == [
        "Patrols in the central area",
        "Visits",
    ]


def test_a_word_cell_naming_agencies_in_two_paragraphs_gives_two_leads():
    document = docx.Document()
    document.add_paragraph("Ashford Community Safety Partnership Action Plan 2021/22")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Action"
    table.rows[0].cells[1].text = "Lead Agency/"
    table.rows[0].cells[1].add_paragraph("Group")
    table.rows[1].cells[0].text = "Joint patrols"
    table.rows[1].cells[1].text = "Surrey Police"
    table.rows[1].cells[1].add_paragraph("Mole Valley DC")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_document(buffer.getvalue(), "plan.docx")
    assert parsed.tables[0].headers == ["Action", "Lead Agency/ Group"]
    assert parsed.actions[0].lead_agencies == ["Surrey Police", "Mole Valley DC"]


@pytest.mark.django_db
def test_the_admin_preview_of_an_over_long_agency_name_names_the_line_and_never_fails(
    admin_client,
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from partnerships.models import Agency

    text = plan("Action\tLead\nVisits\t" + "Agency " * 40 + "\n")
    response = admin_client.post(
        reverse("admin:plans_importbatch_upload"),
        {"document": SimpleUploadedFile("plan.txt", text.encode())},
    )
    assert response.status_code < 500
    assert "line 4" in response.text
    assert "longer than 200 characters" in response.text
    assert not Agency.objects.filter(name__startswith="Agency Agency").exists()
