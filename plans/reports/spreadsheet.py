"""A plan as an Excel workbook or a CSV file: the published columns, then status and dates."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from plans.reports.rows import COLUMNS, EXTRA_COLUMNS, PlanReport

# A CSV cell starting with one of these is run as a formula by spreadsheet programs, so it
# is written with a leading apostrophe (the OWASP advice for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = [50, 14, 30, 50, 20, 50, 14, 12, 12, 12, 14]
RAG_INDEX = len(COLUMNS) + EXTRA_COLUMNS.index("RAG rating")
# (fill, font) per rating, GOV.UK tag colours; the word stays in the cell, so the colour is
# never the only sign (and survives printing in black and white).
RAG_STYLES = {
    word: (
        PatternFill(fill_type="solid", start_color=fill, end_color=fill),
        Font(bold=True, color=text),
    )
    for word, (fill, text) in {
        "Red": ("F4CDC6", "2A0B06"),
        "Amber": ("FCD6C3", "6E3619"),
        "Green": ("CCE2D8", "005A30"),
    }.items()
}
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plan_csv(report: PlanReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS + EXTRA_COLUMNS)
    for row in report.rows:
        writer.writerow(csv_cells(row.all_cells()))
    return buffer.getvalue()


def csv_cells(values) -> list[str]:
    """Cells as a CSV row: dates as ISO dates, nothing as "", formula text defused."""
    return [
        _safe(value.isoformat() if hasattr(value, "isoformat") else value or "") for value in values
    ]


def plan_xlsx(report: PlanReport) -> bytes:
    # Write-only mode streams each row out as it is appended, with styles shared by every
    # cell: the workbook's in-memory cells and per-cell style objects were most of the time.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    headers = COLUMNS + EXTRA_COLUMNS
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(report.rows) + 1}"
    sheet.append([_cell(sheet, title, font=BOLD) for title in headers])
    for row in report.rows:
        sheet.append(
            [_action_cell(sheet, index, value) for index, value in enumerate(row.all_cells())]
        )
    _add_priorities(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _action_cell(sheet, index, value):
    cell = _cell(sheet, value if value != "" else None, alignment=WRAPPED)
    if hasattr(value, "isoformat"):
        cell.number_format = "yyyy-mm-dd"
    if index == RAG_INDEX and value in RAG_STYLES:
        cell.fill, cell.font = RAG_STYLES[value]
    return cell


def _add_priorities(workbook, report):
    sheet = workbook.create_sheet("Aims and priorities")
    sheet.column_dimensions["C"].width = 100
    sheet.append([_cell(sheet, title, font=BOLD) for title in ["Code", "Kind", "Title"]])
    for priority in report.priorities:
        values = [priority.code, priority.get_kind_display(), priority.title]
        sheet.append([_cell(sheet, value) for value in values])


def _cell(sheet, value, font=None, alignment=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    # openpyxl stores a string starting with "=" as a formula; keep what was typed as text.
    if cell.data_type == "f":
        cell.data_type = "s"
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    return cell
