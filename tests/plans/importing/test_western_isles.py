"""The Western Isles anti-social behaviour action plan (../shared/documents/other-councils),
as text, as Word (a real table; two-agency cells as two paragraphs) and as PDF: what its
README lists, counted by hand."""

import importlib.util
from datetime import date

import pytest

from plans.importing import parse_document

from .shared_documents import shared_document

NAME = "other-councils/western-isles-asb-action-plan-2005-08"
FORMS = ["txt", "docx", "pdf"]
OBJECTIVES = [
    "Responses to Antisocial Behaviour to be co-ordinated throughout the Outer Hebrides.",
    "Use Intelligence Led Policing to effectively support local communities.",
    "Data collection and research to be integral aspect of ASB.",
    "National guidance for the \u2018Registration of Landlords\u2019 to direct local action "
    "when published.",
    "Education for excluded children",
]
TIMESCALES = [
    "March 08",
    "August 05",
    "March 08",
    "March 08",
    "March 08",
    "March 07",
    "April 06",
    "August 05",
]


def squashed(texts: list[str]) -> list[str]:
    # A PDF's text may differ from the Word file's in its spaces alone ("August05").
    return ["".join(text.split()) for text in texts]


@pytest.fixture(scope="module", params=FORMS)
def document(request):
    path = shared_document(f"{NAME}.{request.param}")
    if request.param == "pdf" and importlib.util.find_spec("plans.importing.pdf_reader") is None:
        pytest.skip("the PDF reader (plans/importing/pdf_reader.py) has not landed yet")
    return parse_document(path)


def test_it_imports_eight_actions(document):
    assert len(document.actions) == 8
    assert document.counts()["action_rows"] == 8


def test_its_five_objectives_are_the_priorities(document):
    assert len(document.priorities) == 5
    if not document.source.endswith(".pdf"):
        assert [p.title for p in document.priorities] == OBJECTIVES
    # Rows with an empty objective continue the one above.
    assert [a.priority_codes for a in document.actions] == [
        ["1"],
        ["2"],
        ["2"],
        ["2"],
        ["3"],
        ["3"],
        ["4"],
        ["5"],
    ]


def test_its_legislation_references_are_not_aim_codes(document):
    assert not any("code" in warning.message for warning in document.warnings)
    assert document.tables[0].roles[0] == "details"
    (description,) = squashed([document.actions[-1].description])
    assert description.startswith(
        "PriorityArea&keylinkswithlegislation:Education(Scotland)Act1980Children(Scotland)Act1995"
    )


def test_its_eight_lead_cells_name_ten_agencies(document):
    leads = [action.lead_agencies for action in document.actions]
    assert sum(len(names) for names in leads) == 10
    assert leads[1] == ["Northern Constabulary", "CnES"]
    assert leads[3] == ["Northern Constabulary"]


def test_its_eight_timescales_are_read(document):
    assert squashed([action.timescale for action in document.actions]) == squashed(TIMESCALES)
    assert document.actions[0].due == date(2008, 3, 31)
    assert all(action.progress == [] for action in document.actions)


def test_its_resources_and_funding_are_kept_per_action(document):
    (description,) = squashed([document.actions[0].description])
    assert description.endswith(
        "ResourceRequirement:\u00a390,000AvailableResource:\u00a390,000FundingSource:ScottishExecutive"
    )
    for text in squashed([action.description for action in document.actions]):
        assert "FundingSource:" in text


def test_its_period_is_2005_to_2008(document):
    assert (document.plan.start, document.plan.end) == (date(2005, 4, 1), date(2008, 3, 31))


def test_its_partnership_comes_from_the_file_name_with_a_warning(document):
    assert document.partnership.name == "Western Isles"
    assert any("taken from the file name" in w.message for w in document.warnings)


def test_every_table_column_is_listed_with_its_role(document):
    (table,) = document.tables
    assert table.roles == [
        "details",
        "priority",
        "title",
        "timescale",
        "details",
        "details",
        "details",
        "leads",
    ]
    # Each source row of the table is an action or joined to one (a PDF page break).
    joined = [w for w in document.warnings if "joined to the row" in w.message]
    assert table.rows == len(document.actions) + len(joined)
