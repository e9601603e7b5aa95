"""A plan as a Word document in the layout partnerships publish and the importer reads.

The aims and priorities come first as "(A) ..." bullets under a heading naming their kind,
then one table: Action / Aim/priority / Lead agency / Target / Timescale / Progress / Status /
RAG rating, with the header row repeated on every page. The period is a line of its own under
the title, as in printed plans ("April 2019 to March 2020").
"""

import io
import re
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from plans.models import Priority
from plans.reports.rows import WORD_COLUMNS, PlanReport

KIND_HEADINGS = {
    Priority.Kind.AIM: "Aims",
    Priority.Kind.PRIORITY: "Priorities",
    Priority.Kind.KEY_PRIORITY: "Key priorities",
    Priority.Kind.HALLMARK: "Hallmarks of effective partnership working",
}
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    table = document.add_table(rows=0, cols=len(WORD_COLUMNS))
    table.style = "Table Grid"
    tbl = table._tbl
    width = tbl.tblGrid.gridCol_lst[0].w.twips
    # One parse of the whole table's XML: python-docx's add_row() and cell.text walk and
    # build the tree element by element, which made this export 15-20x a bare list page.
    rows = [_row_xml(WORD_COLUMNS, width, header=True)]
    rows += [_row_xml(row.word_cells(), width) for row in report.rows]
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")
    tbl.extend(list(fragment))


def _row_xml(values, width, header=False) -> str:
    """A `w:tr` of one paragraph per cell, the text on one line; the header row is bold and
    repeated at the top of every page."""
    properties = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else ""
    bold = "<w:rPr><w:b/></w:rPr>" if header else ""
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
        f"<w:p><w:r>{bold}<w:t>{_xml_text(value)}</w:t></w:r></w:p></w:tc>"
        for value in values
    )
    return f"<w:tr>{properties}{cells}</w:tr>"


def _xml_text(value: str) -> str:
    # Whitespace runs become one space, as in the printed tables; characters XML cannot
    # hold (control codes pasted from other programs) are dropped rather than failing.
    return escape(XML_INVALID.sub("", " ".join(value.split())))


def _repeat_as_header(row):
    """Repeat a python-docx table row at the top of every page (the meeting pack's tables)."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
