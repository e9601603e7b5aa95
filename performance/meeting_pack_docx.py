"""The meeting pack as a Word document: the same six sections, from the same data
(performance.meeting_pack), portrait A4 with the table header repeated on each page."""

import io

import docx
from docx.shared import Mm, Pt

from performance.meeting_pack import SECTIONS, footer_line
from plans.reports.word import _repeat_as_header

ACTION_COLUMNS = [
    "Action",
    "Lead agencies",
    "Due",
    "RAG",
    "Since the previous pack",
    "Latest update",
]
LATE_COLUMNS = ["Action", "Lead agencies", "Due", "Last update", "Why listed", "RAG"]


def pack_docx(pack: dict, issued=None) -> bytes:
    document = docx.Document()
    _portrait_a4(document)
    document.sections[0].footer.paragraphs[0].text = footer_line(pack, issued)
    document.add_heading(f"Meeting pack: {pack['plan']['title']}", level=0)
    document.add_paragraph(f"{pack['partnership']}. {pack['period']['label']}.")
    document.add_paragraph(_status_line(pack, issued))
    _headline(document, pack)
    for key, (columns, cells) in TABLES.items():
        document.add_heading(SECTIONS[key]["title"], level=1)
        _table(document, columns, [cells(row) for row in pack[key]], SECTIONS[key]["empty"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _status_line(pack, issued) -> str:
    if issued is None:
        return f"As at {pack['as_at_label']}. Not issued: a draft for the meeting."
    return (
        f"As at {pack['as_at_label']}. Issued for the meeting on {issued.meeting_date:%-d %B %Y}."
    )


def baseline_words(baseline: dict) -> str:
    if baseline["kind"] == "pack":
        return f"the pack for the meeting on {baseline['meeting_date']}"
    return f"{baseline['date']}, the start of the period (no pack was issued before)"


def _headline(document, pack):
    headline = pack["headline"]
    document.add_heading(SECTIONS["headline"]["title"], level=1)
    document.add_paragraph(
        f"{headline['total']} actions. Compared with {baseline_words(pack['baseline'])}."
    )
    rows = [[item["label"], str(item["now"]), str(item["before"])] for item in headline["rag"]]
    _table(document, ["RAG rating", "Now", "At the previous pack"], rows, "")
    document.add_paragraph(
        f"Completed since the previous pack: {headline['completed_since']}. "
        f"Overdue: {headline['overdue']}. "
        f"No update for over {headline['stale_days']} days: {headline['stale']}."
    )


def _crime_cells(row):
    name = f"{row['indicator']} ({row['period']})"
    if row["age_note"]:
        name += f". {row['age_note']}"
    return [name, row["value"], _against(row["previous"]), _against(row["last_year"])]


def _against(comparison) -> str:
    if comparison["value"] is None:
        return f"No figure for {comparison['period']}"
    figures = f"{comparison['value']} in {comparison['period']}: {comparison['change']}"
    return f"{figures}. {comparison['judgement']}"


def _exception_cells(row):
    latest = row["latest"]
    update = f"{latest['date']}: {latest['text']} ({latest['by']})" if latest else "No update yet"
    return [
        row["title"],
        _leads(row),
        row["due"] or "No date",
        row["rag_label"],
        row["change"]["words"],
        update,
    ]


def _late_cells(row):
    return [
        row["title"],
        _leads(row),
        row["due"] or "No date",
        row["last_update"] or "None",
        row["why"],
        row["rag_label"],
    ]


def _completed_cells(row):
    return [row["title"], _leads(row), row["last_update"] or "None"]


def _green_cells(row):
    return [_priority(row), str(row["count"])]


def _leads(row) -> str:
    return ", ".join(row["leads"]) or "None"


def _priority(row) -> str:
    return f"{row['code']}: {row['title']}" if row["code"] else row["title"]


def _table(document, columns, rows, empty):
    if not rows:
        if empty:
            document.add_paragraph(empty)
        return
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, title in zip(header.cells, columns, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = " ".join(str(value).split())


# The tables of sections 2 to 6: their columns, and the cells of one row.
TABLES = {
    "exceptions": (ACTION_COLUMNS, _exception_cells),
    "late": (LATE_COLUMNS, _late_cells),
    "completed": (["Action", "Lead agencies", "Last update"], _completed_cells),
    "crime": (["Indicator", "Figure", "On the previous period", "On a year before"], _crime_cells),
    "green_by_priority": (["Priority", "Green actions"], _green_cells),
}


def _portrait_a4(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(9)
