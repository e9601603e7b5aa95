"""Documents built to hurt the reader are refused quickly, with a message, in little memory:
archives that lie about their sizes, and documents too large to import in a request."""

import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import docx
import pytest

from partnerships.models import Agency, Partnership
from plans.importing import DocumentError, limits, parse_document
from plans.importing.docx_reader import read_docx
from plans.importing.lines import CELL_BREAK, make_lines
from plans.importing.service import import_document
from plans.models import ImportBatch, Plan

from .conftest import seed_text
from .pdfs import scanned_pdf

ROW = "Patrol the town centre on Friday nights\t2\tPolice\tStarted in May; 40 stops made\n"


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_document(data, name)
    return str(caught.value)


def timed_refusal(data: bytes, name: str) -> tuple[str, float]:
    """The refusal of a document, and how many seconds it took."""
    started = time.monotonic()
    message = refusal(data, name)
    return message, time.monotonic() - started


def deflated(size: int) -> bytes:
    """A raw deflate stream of `size` bytes of XML-like text, built in a few milliseconds."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"<w:p/>" * (1 << 17)  # 768 KB
    first = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    again = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    return first + again * (size // len(block) - 1) + squeezer.flush()


def lying_archive(inflated: int, declared: int) -> bytes:
    """A .docx-shaped zip whose word/document.xml inflates to `inflated` bytes but says
    `declared` in both its headers."""
    name = b"word/document.xml"
    data = deflated(inflated)
    crc = 0x12345678
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory = central + name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(local) + len(name) + len(data), 0
    )
    return local + name + data + directory + end


def test_an_archive_that_lies_about_its_size_is_refused_in_a_second_and_a_few_mb():
    data = lying_archive(inflated=1024 * 1024 * 1024, declared=1000)
    assert len(data) < 2 * 1024 * 1024  # under 2 MB on disk, 1 GB inside
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size == 1000
    tracemalloc.start()
    try:
        message, seconds = timed_refusal(data, "bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message.startswith("bomb.docx: this .docx is damaged")
    assert seconds < 1
    assert peak < 3 * len(data) + 4 * 1024 * 1024


def test_a_small_docx_holding_45_mb_of_xml_is_refused_as_too_large():
    buffer = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>Patrol the town centre</w:t></w:r></w:p>"
    xml = b"<w:document><w:body>" + paragraph * (45 * 1024 * 1024 // len(paragraph)) + b"</w:body>"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", xml + b"</w:document>")
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    message, seconds = timed_refusal(data, "huge.docx")
    assert seconds < 1
    assert message == (
        "huge.docx: the document is too large to import here: its XML would decompress to "
        "more than 6 MB"
    )


def test_a_picture_in_a_word_document_is_not_decompressed(seed, word_document):
    data = word_document(seed("dacorum-update-2011-12.txt"))
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/media/image1.png", b"\0" * (40 * 1024 * 1024))
    assert len(parse_document(buffer.getvalue(), "plan.docx").actions) > 0


def action_rows(count: int) -> bytes:
    """A text action plan with `count` rows under its header row."""
    return (
        "Anytown CSP Action Plan 2020/21\nAction\tPriority\tLead\tProgress\n" + ROW * count
    ).encode()


def test_a_text_file_of_120000_rows_is_refused_as_too_large_in_seconds():
    data = action_rows(120_000)
    assert len(data) > 9 * 1024 * 1024
    message, seconds = timed_refusal(data, "rows.txt")
    assert seconds < 5
    assert message == (
        "rows.txt: the document is too large to import here: it has 120,002 lines of text "
        "(at most 5,000)"
    )


def test_a_table_of_more_rows_than_can_be_parsed_in_time_is_refused():
    assert "it has 2,501 table rows (at most 2,000)" in refusal(action_rows(2_500), "rows.txt")


def test_parsing_past_the_time_budget_is_refused_naming_the_line(monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.0)
    message = refusal(seed_text("dacorum-update-2011-12.txt").encode(), "plan.txt")
    assert message.startswith("plan.txt, line ")
    assert message.endswith(
        "the document is too large to import here: reading it took longer than 0 seconds"
    )


def test_a_word_document_past_the_time_budget_is_refused(monkeypatch, seed, word_document):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.0)
    data = word_document(seed("dacorum-update-2011-12.txt"))
    assert "took longer than 0 seconds" in refusal(data, "plan.docx")


def test_the_paragraphs_of_a_word_table_cell_are_kept_apart():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Patrols"
    cell = table.rows[0].cells[1]
    cell.text = "Northern  Constabulary"
    cell.add_paragraph("CnES")
    cell.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_docx(buffer.getvalue(), "plan.docx")
    assert text.split("\n")[0] == f"Patrols\tNorthern Constabulary{CELL_BREAK}CnES"
    # Everywhere else a paragraph break inside a cell reads as a space.
    assert make_lines(text)[0].plain == "Patrols Northern Constabulary CnES"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data",
    [
        ("scan.pdf", scanned_pdf()),
        ("bomb.docx", lying_archive(inflated=64 * 1024 * 1024, declared=1000)),
        ("rows.txt", action_rows(6_000)),
    ],
)
def test_a_refused_document_saves_nothing(name, data):
    counts = [model.objects.count() for model in (ImportBatch, Plan, Partnership, Agency)]
    with pytest.raises(DocumentError):
        import_document(data, name)
    assert [model.objects.count() for model in (ImportBatch, Plan, Partnership, Agency)] == counts
