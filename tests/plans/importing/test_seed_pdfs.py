"""The five seeds saved as PDF (../shared/documents/seeds-pdf) import to the same records as
their text files, and the Western Isles plan reads the same from PDF as from Word."""

import re

import pytest

from plans.importing import parse_document
from plans.importing.docx_reader import read_docx
from plans.importing.lines import CELL_BREAK, clean, make_lines
from plans.importing.pdf_reader import read_pdf
from plans.importing.text_reader import normalise

from .conftest import DOCUMENTS, SEEDS
from .shared_documents import shared_document

_LINE = re.compile(r"\blines? \d+")


def comparable(document) -> dict:
    """The records, without what depends on how lines are counted in each form."""
    result = document.to_json()
    del result["source"]
    result["warnings"] = [
        {**warning, "line": None, "message": _LINE.sub("line N", warning["message"])}
        for warning in result["warnings"]
    ]
    for table in result.get("tables", []):
        table["line"] = None
    return result


@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_pdf_gives_the_records_of_its_text(name, parsed):
    path = shared_document(f"seeds-pdf/{name.replace('.txt', '.pdf')}")
    assert comparable(parse_document(path)) == comparable(parsed(name))


def test_the_seed_texts_are_the_shared_ones():
    # The comparison above is with the project's copies of ../shared/seeds.
    for name in SEEDS:
        shared = shared_document(f"../seeds/{name}")
        assert shared.read_bytes() == (DOCUMENTS / name).read_bytes()


def cells_of(text: str) -> list[list[str]]:
    """Each non-blank line's cells, without spaces: a PDF keeps no sign of a paragraph break
    inside a narrow cell, and a lone word reaching the edge of one may be whole or cut."""
    return [
        ["".join(clean(cell).split()) for cell in line.cells]
        for line in make_lines(normalise(text))
        if not line.is_blank
    ]


def test_the_western_isles_pdf_gives_the_lines_and_cells_of_the_word_file():
    name = "other-councils/western-isles-asb-action-plan-2005-08"
    from_word = read_docx(shared_document(f"{name}.docx").read_bytes(), "plan.docx")
    from_pdf = read_pdf(shared_document(f"{name}.pdf").read_bytes(), "plan.pdf")
    assert cells_of(from_pdf) == cells_of(from_word)
    assert "Northern Constabulary" + CELL_BREAK + "CnES" in from_word
    # The words cut by its 54-point columns are joined again: "Scottis" + "h", "Objecti" + "ve".
    assert from_pdf.count("Scottish Executive") == from_word.count("Scottish Executive") == 5
    assert "Priority Area & key links with legislation\tObjective\tAction" in from_pdf
