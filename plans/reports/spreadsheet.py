"""A plan as an Excel workbook or a CSV file: the published columns, then status and dates."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from plans.reports.rows import COLUMNS, EXTRA_COLUMNS, PlanReport

# A CSV cell starting with one of these is run as a formula by spreadsheet programs, so it
# is written with a leading apostrophe (the OWASP advice for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = [50, 14, 30, 50, 20, 50, 14, 12, 12, 12, 14]
RAG_COLUMN = len(COLUMNS) + EXTRA_COLUMNS.index("RAG rating") + 1
# (fill, font) per rating, GOV.UK tag colours; the word stays in the cell, so the colour is
# never the only sign (and survives printing in black and white).
RAG_COLOURS = {
    "Red": ("F4CDC6", "2A0B06"),
    "Amber": ("FCD6C3", "6E3619"),
    "Green": ("CCE2D8", "005A30"),
}


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plan_csv(report: PlanReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS + EXTRA_COLUMNS)
    for row in report.rows:
        writer.writerow(
            [
                _safe(value.isoformat() if hasattr(value, "isoformat") else value or "")
                for value in row.all_cells()
            ]
        )
    return buffer.getvalue()


def plan_xlsx(report: PlanReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(COLUMNS + EXTRA_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append([value if value != "" else None for value in row.all_cells()])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _as_text_if_formula(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    _colour_ratings(sheet)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _add_priorities(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _colour_ratings(sheet):
    for (cell,) in sheet.iter_rows(min_row=2, min_col=RAG_COLUMN, max_col=RAG_COLUMN):
        colours = RAG_COLOURS.get(cell.value)
        if colours:
            fill, text = colours
            cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
            cell.font = Font(bold=True, color=text)


def _add_priorities(workbook, report):
    sheet = workbook.create_sheet("Aims and priorities")
    sheet.append(["Code", "Kind", "Title"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for priority in report.priorities:
        sheet.append([priority.code, priority.get_kind_display(), priority.title])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _as_text_if_formula(cell)
    sheet.column_dimensions["C"].width = 100


def _as_text_if_formula(cell):
    # openpyxl stores a string starting with "=" as a formula; keep what was typed as text.
    if cell.data_type == "f":
        cell.data_type = "s"
