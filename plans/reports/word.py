"""A plan as a Word document in the layout partnerships publish and the importer reads.

The aims and priorities come first as "(A) ..." bullets under a heading naming their kind,
then one table: Action / Aim/priority / Lead agency / Target / Timescale / Progress / Status /
RAG rating, with the header row repeated on every page. The period is a line of its own under
the title, as in printed plans ("April 2019 to March 2020").
"""

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from plans.models import Priority
from plans.reports.rows import WORD_COLUMNS, PlanReport

KIND_HEADINGS = {
    Priority.Kind.AIM: "Aims",
    Priority.Kind.PRIORITY: "Priorities",
    Priority.Kind.KEY_PRIORITY: "Key priorities",
    Priority.Kind.HALLMARK: "Hallmarks of effective partnership working",
}


def plan_docx(report: PlanReport) -> bytes:
    document = docx.Document()
    _landscape_a4(document)
    plan = report.plan
    document.add_heading(plan.title, level=0)
    if plan.partnership.name.casefold() not in plan.title.casefold():
        document.add_paragraph(plan.partnership.name)
    document.add_paragraph(f"{plan.period_start:%B %Y} to {plan.period_end:%B %Y}")
    document.add_paragraph(f"{plan.get_kind_display()} of {plan.partnership.name}.")
    _priorities(document, report.priorities)
    _action_table(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _landscape_a4(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.styles["Normal"].font.size = Pt(10)


def _priorities(document, priorities):
    kinds = []
    for priority in priorities:
        if priority.kind not in kinds:
            kinds.append(priority.kind)
    for kind in kinds:
        document.add_heading(KIND_HEADINGS.get(kind, "Priorities"), level=1)
        for priority in priorities:
            if priority.kind == kind:
                text = f"({priority.code}) {' '.join(priority.title.split())}"
                document.add_paragraph(text, style="List Bullet")


def _action_table(document, report):
    document.add_heading("Actions", level=1)
    table = document.add_table(rows=1, cols=len(WORD_COLUMNS))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, title in zip(header.cells, WORD_COLUMNS, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in report.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row.word_cells(), strict=True):
            cell.text = " ".join(value.split())


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
