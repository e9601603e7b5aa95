"""The Excel and CSV exports: the published columns first, then status, RAG and dates."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from plans.reports.rows import plan_report
from plans.reports.spreadsheet import plan_csv, plan_xlsx
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db
HEADER = [
    "Action",
    "Aim/priority",
    "Lead agency",
    "Target",
    "Timescale",
    "Progress",
    "Status",
    "RAG rating",
    "Start date",
    "Due date",
    "Progress date",
]


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan, code="2", title="Reduce robbery")
    action = ActionFactory(
        plan=plan,
        title='=HYPERLINK("http://example.org")',
        target="-5% robberies",
        due_date=datetime.date(2025, 12, 31),
        rag="amber",
        status="in_progress",
    )
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency__name="Northfield Police")
    ProgressUpdateFactory(action=action, text="Patrols doubled", date=datetime.date(2025, 6, 1))
    return plan


def test_the_workbook_has_the_published_columns_and_keeps_formula_text_as_text(plan):
    workbook = load_workbook(io.BytesIO(plan_xlsx(plan_report(plan))))
    sheet = workbook["Actions"]
    rows = list(sheet.values)
    assert list(rows[0]) == HEADER
    assert rows[1][:8] == (
        '=HYPERLINK("http://example.org")',
        "2",
        "Northfield Police",
        "-5% robberies",
        None,
        "Patrols doubled",
        "In progress",
        "Amber",
    )
    assert sheet["A2"].data_type == "s"  # text, never run as a formula
    assert rows[1][9] == datetime.datetime(2025, 12, 31)
    assert list(workbook["Aims and priorities"].values)[1] == ("2", "Priority", "Reduce robbery")


def test_the_csv_has_the_same_columns_and_defuses_formulas(plan):
    rows = list(csv.reader(io.StringIO(plan_csv(plan_report(plan)))))
    assert rows[0] == HEADER
    assert rows[1] == [
        '\'=HYPERLINK("http://example.org")',
        "2",
        "Northfield Police",
        "'-5% robberies",
        "",
        "Patrols doubled",
        "In progress",
        "Amber",
        "",
        "2025-12-31",
        "2025-06-01",
    ]


def test_the_workbook_has_filters_on_every_column_and_row(plan):
    sheet = load_workbook(io.BytesIO(plan_xlsx(plan_report(plan))))["Actions"]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(HEADER)).column_letter}2"


def test_rag_cells_are_coloured_and_keep_their_word(plan, partnership):
    for rag in ("red", "green", "none"):
        ActionFactory(plan=plan, title=f"A {rag} action", rag=rag)
    sheet = load_workbook(io.BytesIO(plan_xlsx(plan_report(plan))))["Actions"]
    column = HEADER.index("RAG rating") + 1
    fills = {
        sheet.cell(row, 1).value: (
            sheet.cell(row, column).value,
            sheet.cell(row, column).fill.fgColor.rgb,
        )
        for row in range(2, sheet.max_row + 1)
    }
    assert fills["A red action"] == ("Red", "00F4CDC6")
    assert fills["A green action"] == ("Green", "00CCE2D8")
    assert fills['=HYPERLINK("http://example.org")'] == ("Amber", "00FCD6C3")
    assert fills["A none action"][0] == "Not rated"
    assert fills["A none action"][1] == "00000000"  # no colour without a rating


def test_the_header_stays_in_view_and_dates_read_as_dates(plan):
    sheet = load_workbook(io.BytesIO(plan_xlsx(plan_report(plan))))["Actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.column_dimensions["A"].width == 50
    due = sheet.cell(2, HEADER.index("Due date") + 1)
    assert (due.value, due.number_format) == (datetime.datetime(2025, 12, 31), "yyyy-mm-dd")
    assert sheet["D2"].alignment.wrap_text
