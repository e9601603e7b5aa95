"""Every bad input raises DocumentError with a clear message naming the file."""

import io
import zipfile

import pytest

from plans.importing import MAX_DOCUMENT_BYTES, DocumentError, parse_document
from plans.importing.layouts import LAYOUTS

from .conftest import DOCUMENTS


def error_for(data, filename="upload.txt") -> DocumentError:
    with pytest.raises(DocumentError) as raised:
        parse_document(data, filename)
    assert not raised.value.unexpected
    return raised.value


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_message_names_the_file_and_line():
    assert str(DocumentError("no table", "plan.txt", 12)) == "plan.txt, line 12: no table"
    assert str(DocumentError("empty", "plan.txt")) == "plan.txt: empty"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    message = str(error_for(data))
    assert message in ("upload.txt: the file is empty", "upload.txt: the document has no text")


def test_a_binary_file_is_refused():
    error = error_for(bytes(range(256)) * 40)
    assert str(error) == "upload.txt: this is a binary file, not a text or Word document"


def test_an_image_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    assert "binary file" in str(error_for(png, "logo.png"))


def test_a_pdf_that_is_only_a_header_is_refused_as_unreadable():
    assert "not a readable PDF" in str(error_for(b"%PDF-1.4\n...", "plan.pdf"))


def test_a_document_of_no_known_layout_is_refused():
    text = b"Minutes of the meeting\n\nApologies were received from the chair.\n"
    assert "no known layout" in str(error_for(text, "minutes.txt"))


def test_a_document_without_a_period_is_refused():
    text = (
        "Somewhere Community Safety Partnership Action Plan\n\n"
        "Action\tLead agency\tProgress\nPatrols\tPolice\tStarted\n"
    )
    assert "period the plan covers" in str(error_for(text.encode()))


def test_a_file_over_10_mb_is_refused():
    data = b"a" * (MAX_DOCUMENT_BYTES + 1)
    assert str(error_for(data, "big.txt")) == "big.txt: the file is larger than 10 MB"


def test_a_file_over_10_mb_is_refused_from_its_path(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(DocumentError, match="larger than 10 MB"):
        parse_document(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="could not read the file"):
        parse_document(tmp_path / "nowhere.txt")


def test_a_docx_that_is_not_a_zip_is_refused():
    error = error_for(b"This is plain text with a .docx name", "plan.docx")
    assert str(error) == "plan.docx: this is not a valid .docx file (it is not a zip archive)"


def test_a_zip_that_is_not_a_word_document_is_refused():
    data = zip_of({"hello.txt": b"hello"})
    assert "not a Word document" in str(error_for(data, "plan.docx"))


def test_a_damaged_word_document_is_refused():
    data = zip_of({"[Content_Types].xml": b"<nonsense", "word/document.xml": b"<w:document"})
    assert "not a readable Word document" in str(error_for(data, "plan.docx"))


def test_a_truncated_word_document_is_refused(seed, word_document):
    data = word_document(seed("dacorum-update-2011-12.txt"))
    error_for(data[: len(data) // 2], "plan.docx")


def test_a_zip_bomb_is_refused_before_it_is_decompressed():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(51):
            member.write(b"\0" * (1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on disk, 51 MB inside
    assert "too large to import here" in str(error_for(data, "bomb.docx"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_other_encodings_read_the_same(encoding, parsed, seed):
    name = "dacorum-update-2011-12.txt"
    data = seed(name).encode(encoding, errors="replace")
    document = parse_document(data, name)
    # cp1252 and latin-1 cannot hold every character; the structure is the same.
    assert document.counts() == parsed(name).counts()


def test_a_file_object_and_a_path_read_the_same(parsed):
    path = DOCUMENTS / "north-herts-plan-2008-11.txt"
    with path.open("rb") as handle:
        from_file = parse_document(handle)
    assert from_file.source == "north-herts-plan-2008-11.txt"
    assert from_file.counts() == parsed(path.name).counts()


def test_an_unforeseen_failure_is_still_a_document_error_naming_the_line(monkeypatch, seed):
    def broken(context):
        context.at(context.lines[4])
        raise KeyError("boom")

    monkeypatch.setattr(LAYOUTS["priority_action_tables"], "parse", broken)
    with pytest.raises(DocumentError) as raised:
        parse_document(seed("dacorum-update-2011-12.txt").encode(), "dacorum.txt")
    assert raised.value.unexpected
    assert (
        str(raised.value) == "dacorum.txt, line 5: could not read the document (KeyError: 'boom')"
    )
