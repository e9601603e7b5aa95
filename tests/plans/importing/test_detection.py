"""Detection order decides which parser claims a document: each seed and each other council's
document is claimed by the parser of its own layout (plans/importing/layouts/__init__.py says
why each stands where it does)."""

import pytest

from plans.importing import DocumentError
from plans.importing.corrections import Corrections
from plans.importing.detect import detect_layout
from plans.importing.layouts import LAYOUTS
from plans.importing.lines import make_lines
from plans.importing.text_reader import decode, normalise

from .conftest import DOCUMENTS
from .shared_documents import shared_document

SEED_LAYOUTS = {
    "dacorum-update-2011-12.txt": "priority_action_tables",
    "north-herts-plan-2008-11.txt": "success_criteria_plan",
    "st-albans-action-plan-2019-20.txt": "coded_action_table",
    "st-albans-strategy-2011-12.txt": "narrative_strategy",
    "st-albans-strategy-2024-27.txt": "narrative_strategy",
}
OTHER_COUNCIL_LAYOUTS = {
    "western-isles-asb-action-plan-2005-08.txt": "action_tables",
    "salford-cdrp-strategy-monitoring-q1-2004.txt": "monitoring_report",
    "reigate-banstead-community-safety-strategy-2005-08.txt": "narrative_strategy",
    "west-yorkshire-pcc-csf-indicators-q3-2013-14.txt": "figure_report",
}


def layout_of(path, corrections=None) -> str:
    lines = make_lines(normalise(decode(path.read_bytes(), path.name)))
    return detect_layout(lines, path.name, corrections)


@pytest.mark.parametrize(("name", "layout"), SEED_LAYOUTS.items())
def test_each_seed_is_claimed_by_its_own_parser(name, layout):
    assert layout_of(DOCUMENTS / name) == layout


@pytest.mark.parametrize(("name", "layout"), OTHER_COUNCIL_LAYOUTS.items())
def test_each_other_councils_document_is_claimed_by_its_own_parser(name, layout):
    path = shared_document(f"other-councils/{name}")
    if layout not in LAYOUTS:
        pytest.skip(f"the {layout} layout (another part of issue 8) has not landed yet")
    assert layout_of(path) == layout


def test_the_catch_all_action_table_layout_is_tried_last():
    assert list(LAYOUTS)[-1] == "action_tables"


def test_a_column_the_admin_names_the_action_lets_a_table_be_detected(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Ashford CSP Plan 2021/22\n\nScheme\tBody\nShop watch\tPolice\n")
    with pytest.raises(DocumentError, match="no known layout"):
        layout_of(path)
    corrections = Corrections(columns={"Scheme": "title"})
    assert layout_of(path, corrections) == "action_tables"
