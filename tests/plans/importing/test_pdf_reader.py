"""The PDF reader, on PDFs written here: tables, wrapped and cut words, page breaks, headers,
scans, and the caps on pages, time and memory."""

import time
import zlib

import pytest

from plans.importing import limits, parse_document
from plans.importing.lines import CELL_BREAK
from plans.importing.pdf_reader import read_pdf
from plans.importing.structure import DocumentError

from .pdfs import Layout, scanned_pdf

LONG_ACTION = (
    "Hold a multi agency day of action on the estates where anti-social behaviour "
    "reports have risen, with youth workers and the neighbourhood team"
)


def lines_of(data: bytes) -> list[str]:
    return [line for line in read_pdf(data, "plan.pdf").split("\n") if line]


def refusal(data: bytes, name: str = "plan.pdf") -> str:
    with pytest.raises(DocumentError) as caught:
        parse_document(data, name)
    return str(caught.value)


def test_a_wrapped_cell_is_one_cell_and_a_paragraph_break_in_it_is_kept():
    pdf = Layout()
    pdf.table(
        [[["Action"], ["Lead"]], [[LONG_ACTION], ["Police", "Fire and Rescue"]]], widths=[60, 50]
    )
    assert lines_of(pdf.output()) == [
        "Action\tLead",
        f"{LONG_ACTION}\tPolice{CELL_BREAK}Fire and Rescue",
    ]


def test_words_cut_by_a_narrow_cell_or_broken_at_a_hyphen_are_joined_again():
    pdf = Layout()
    pdf.table(
        [
            [["Lead"], ["Timescale"]],
            [["Constabulary"], ["During 2011-2012-2013"]],
            [["Constabulary"], ["Ongoing"]],
        ],
        widths=[16, 22],
    )
    assert lines_of(pdf.output()) == [
        "Lead\tTimescale",
        "Constabulary\tDuring 2011-2012-2013",
        "Constabulary\tOngoing",
    ]


def test_paragraphs_wrapped_over_lines_are_one_line_each():
    pdf = Layout()
    pdf.paragraph("Introduction")
    pdf.paragraph(LONG_ACTION + ". " + LONG_ACTION + ".")
    pdf.paragraph("- Reduce burglary", gap=0)
    pdf.paragraph("- Reduce robbery", gap=0)
    assert lines_of(pdf.output()) == [
        "Introduction",
        f"{LONG_ACTION}. {LONG_ACTION}.",
        "- Reduce burglary",
        "- Reduce robbery",
    ]


def test_running_headers_footers_and_page_numbers_are_dropped():
    pdf = Layout(header="Anytown CSP", footer="Action plan 2020/21 - draft", page_numbers=True)
    headings = ["Introduction", "Our priorities", "Delivery"]
    for heading in headings:
        pdf.paragraph(heading)
        pdf.paragraph(LONG_ACTION)
        pdf.new_page()
    lines = lines_of(pdf.output())
    assert lines == [line for heading in headings for line in (heading, LONG_ACTION)]


def test_a_table_over_a_page_break_is_one_table_without_its_repeated_header():
    rows = [[["Action"], ["Lead"]]] + [[[f"{LONG_ACTION} ({n})"], ["Police"]] for n in range(30)]
    pdf = Layout()
    pdf.table(rows, widths=[90, 40], header=True)
    assert pdf.pdf.page_no() >= 2
    lines = lines_of(pdf.output())
    assert lines == ["Action\tLead"] + [f"{LONG_ACTION} ({n})\tPolice" for n in range(30)]


def test_a_row_cut_by_a_page_break_is_joined_again():
    pdf = Layout()
    pdf.paragraph("Anytown Community Safety Partnership")
    pdf.y = pdf.bottom - 22  # room for the header row and two lines of the next
    pdf.table(
        [[["Action"], ["Lead"], ["Due"]], [[LONG_ACTION], ["Police"], ["March 2021"]]],
        widths=[60, 30, 30],
    )
    assert pdf.pdf.page_no() == 2
    lines = lines_of(pdf.output())
    assert lines[1:] == ["Action\tLead\tDue", f"{LONG_ACTION}\tPolice\tMarch 2021"]


def test_a_pdf_action_plan_imports_like_its_word_version():
    pdf = Layout()
    pdf.paragraph("Stevenage Community Safety Partnership Action Plan 2020/21")
    pdf.paragraph("Priorities")
    pdf.paragraph("(1) Reduce burglary", gap=0)
    pdf.paragraph("(2) Reduce robbery")
    pdf.table(
        [
            [["Action"], ["Priority"], ["Lead"], ["Progress"]],
            [["Patrols"], ["1"], ["Police"], ["Started"]],
            [["Bike marking"], ["2"], ["Police"], [""]],
        ],
        widths=[50, 25, 35, 50],
    )
    parsed = parse_document(pdf.output(), "stevenage.pdf")
    assert [p.code for p in parsed.priorities] == ["1", "2"]
    assert [(a.title, a.priority_codes, a.lead_agencies, a.progress) for a in parsed.actions] == [
        ("Patrols", ["1"], ["Hertfordshire Constabulary"], ["Started"]),
        ("Bike marking", ["2"], ["Hertfordshire Constabulary"], []),
    ]


def test_pdf_bytes_are_read_as_a_pdf_whatever_the_file_is_called():
    pdf = Layout()
    pdf.paragraph("Minutes of the meeting")
    assert "no known layout" in refusal(pdf.output(), "upload")


def test_a_scan_without_a_text_layer_is_refused_saying_so():
    message = refusal(scanned_pdf())
    assert message.startswith("plan.pdf: this PDF has no text layer (it looks like a scan)")
    assert ".docx" in message


def test_a_damaged_pdf_is_refused():
    pdf = Layout()
    pdf.paragraph("Anytown Community Safety Partnership")
    data = pdf.output()
    assert "not a readable PDF" in refusal(data[:200])
    assert "not a readable PDF" in refusal(b"%PDF-1.7\n" + bytes(range(256)) * 4)


def test_a_pdf_protected_by_a_password_is_refused_saying_so():
    pdf = Layout()
    pdf.pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.paragraph("Anytown Community Safety Partnership")
    assert "protected by a password" in refusal(pdf.output())


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 3)
    monkeypatch.setattr("plans.importing.pdf_reader.MAX_PDF_PAGES", 3)
    pdf = Layout()
    for _ in range(4):
        pdf.paragraph("Section")
        pdf.new_page()
    assert refusal(pdf.output()) == (
        "plan.pdf: the document is too large to import here: it has 5 pages (at most 3)"
    )


def test_a_pdf_that_takes_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.001)
    pdf = Layout()
    for _ in range(3):
        pdf.paragraph(LONG_ACTION)
        pdf.new_page()
    message = refusal(pdf.output())
    assert "too large to import here" in message
    assert "took longer than" in message


def flate_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream, about 1/1000 of `inflated`, inflates to it."""
    squeezer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    first = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    again = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (inflated // len(block) - 1) + squeezer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + xref + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(body)


def test_a_pdf_that_needs_too_much_memory_is_refused(monkeypatch):
    monkeypatch.setattr("plans.importing.pdf_reader.MAX_PDF_MEMORY", 64 * 1024 * 1024)
    data = flate_bomb(512 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    started = time.monotonic()
    message = refusal(data)
    assert time.monotonic() - started < 10
    assert "memory" in message
