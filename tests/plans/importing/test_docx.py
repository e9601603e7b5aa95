"""Word versions of the seeds, with real tables, give the same results as the text."""

import io

import docx
import pytest

from plans.importing import parse_document

from .conftest import SEEDS


def comparable(document):
    # Line numbers count paragraphs and rows in a .docx, so warnings and the tables' header
    # lines differ in them only.
    result = document.to_json()
    del result["source"], result["warnings"]
    for table in result.get("tables", []):
        del table["line"]
    return result


@pytest.mark.parametrize("name", SEEDS)
def test_a_word_version_of_each_seed_gives_the_same_result(name, parsed, seed, word_document):
    data = word_document(seed(name))
    from_word = parse_document(data, name.replace(".txt", ".docx"))
    from_text = parsed(name)
    assert comparable(from_word) == comparable(from_text)
    assert len(from_word.warnings) == len(from_text.warnings)


def test_the_word_version_really_holds_tables(seed, word_document):
    data = word_document(seed("dacorum-update-2011-12.txt"))
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 7
    assert document.tables[0].rows[0].cells[1].text == "LEAD AGENCY"


def test_a_word_document_is_recognised_by_its_content_whatever_its_name(seed, word_document):
    data = word_document(seed("st-albans-action-plan-2019-20.txt"))
    assert len(parse_document(data, "upload").actions) == 24


def test_merged_cells_and_list_paragraphs_are_read():
    document = docx.Document()
    document.add_paragraph("Stevenage Community Safety Partnership Action Plan 2020/21")
    document.add_paragraph("Priorities")
    document.add_paragraph("(1) Reduce burglary", style="List Bullet")
    document.add_paragraph("(2) Reduce robbery", style="List Bullet")
    table = document.add_table(rows=3, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["Action", "Priority", "Lead", "Progress"], strict=True
    ):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Patrols", "1", "Police", "Started"], strict=True):
        cell.text = text
    merged = table.rows[2].cells[2].merge(table.rows[2].cells[3])
    table.rows[2].cells[0].text = "Bike marking"
    table.rows[2].cells[1].text = "2"
    merged.text = "Police"
    buffer = io.BytesIO()
    document.save(buffer)

    parsed = parse_document(buffer.getvalue(), "stevenage.docx")

    assert [p.code for p in parsed.priorities] == ["1", "2"]
    assert [(a.title, a.priority_codes, a.lead_agencies, a.progress) for a in parsed.actions] == [
        ("Patrols", ["1"], ["Hertfordshire Constabulary"], ["Started"]),
        ("Bike marking", ["2"], ["Hertfordshire Constabulary"], []),
    ]
