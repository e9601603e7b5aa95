"""The detection order's reasons hold: a document of each layout is claimed by its own parser
and by no earlier one, and the later layouts that would also claim it are exactly those its
entry in DETECTION_ORDER names (plans/importing/layouts/__init__.py says why in words)."""

import pytest

from plans.importing.corrections import Corrections
from plans.importing.detect import detect_layout
from plans.importing.layouts import ALSO_CLAIMED_BY, DETECTION_ORDER, LAYOUTS
from plans.importing.lines import make_lines
from plans.importing.text_reader import decode, normalise

from .conftest import seed_bytes
from .shared_documents import shared_document
from .test_detection import OTHER_COUNCIL_LAYOUTS, SEED_LAYOUTS

ORDER = list(LAYOUTS)

MONITORING = """\
Quarterly Monitoring Report, October to December 2010
KINGSMERE COMMUNITY SAFETY PARTNERSHIP
COMMUNITY SAFETY STRATEGY 2008 - 2011
Our priorities:
- Reducing anti-social behaviour
- Safer roads
OBJECTIVE A: REDUCING ANTI-SOCIAL BEHAVIOUR
TARGET: Reduce the number of ASB incidents by 5% by 2011.
COMMENTS
Dispersal order in the town centre renewed
"""
PRIORITY_TABLES = """\
Kingsmere Community Safety Partnership Action Plan 2021/22

Priority 1: Reducing burglary
Action\tLead agency\tAims\tTimescale
Run a shop watch scheme\tPolice\tA\tMay 2021

Priority 2: Safer roads
Action\tLead agency\tAims\tTimescale
Speed watch in villages\tFire Service\tB\tJune 2021
"""
CODED = """\
Kingsmere Community Safety Partnership Action Plan 2021/22

Our aims:
(A) Reduce burglary
(B) Make roads safer

Action\tLead agency\tAims\tTimescale
Run a shop watch scheme\tPolice\tA\tMay 2021
Speed watch in villages\tFire Service\tB\tJune 2021
"""
CRITERIA = """\
Kingsmere Community Safety Partnership Plan 2021-2024

Our key priorities:
- Reducing burglary
- Safer roads

Reducing burglary
Success criteria:
Reduce domestic burglary by 5%
Key activities:
Run a shop watch scheme
"""
FIGURE_TABLE = """\
Crime type\tApril 19 - March 20\tApril 20 - March 21
Burglary\t400\t380
Robbery\t40\t43
"""
NARRATIVE = f"""\
Kingsmere Community Safety Partnership Strategy 2021-2024

Our priorities:
- Reducing burglary
- Safer roads

Reducing burglary
Burglary fell last year and we will keep it falling.

{FIGURE_TABLE}"""
FIGURES = f"Kingsmere Community Safety Partnership figures 2020/21\n\n{FIGURE_TABLE}"
ACTIONS = """\
Kingsmere Community Safety Partnership Action Plan 2021/22

Action\tLead agency\tTimescale
Run a shop watch scheme\tPolice\tMay 2021
Speed watch in villages\tFire Service\tJune 2021
"""
# A column role the admin gives a table of figures.
AS_ACTIONS = Corrections(columns={"Crime type": "title", "April 19 - March 20": "target"})

# (layout, what the document is, its text, the admin's corrections)
WRITTEN = [
    ("monitoring_report", "a monitoring report on a strategy", MONITORING, None),
    ("priority_action_tables", "priority headings over coded tables", PRIORITY_TABLES, None),
    ("coded_action_table", "listed aims and a codes column", CODED, None),
    ("success_criteria_plan", "success criteria and key priorities", CRITERIA, None),
    ("narrative_strategy", "a strategy quoting a table of figures", NARRATIVE, None),
    ("figure_report", "a table of figures", FIGURES, None),
    ("figure_report", "a table of figures given column roles", FIGURES, AS_ACTIONS),
    ("action_tables", "a plain action table", ACTIONS, None),
]


def lines_of(data: bytes, name: str):
    return make_lines(normalise(decode(data, name)))


def claims(lines, corrections=None) -> list[str]:
    """Every layout whose matches holds, in detection order."""
    return [name for name in ORDER if LAYOUTS[name].matches(lines, corrections)]


def assert_claimed_by_its_own_layout_first(layout, lines, corrections=None):
    claimed = claims(lines, corrections)
    assert claimed[:1] == [layout], f"claimed by {claimed}"
    assert detect_layout(lines, "document.txt", corrections) == layout
    later = set(claimed[1:])
    assert later <= set(ALSO_CLAIMED_BY[layout]), "a later layout the order does not name"
    return later


@pytest.mark.parametrize(
    ("layout", "text", "corrections"),
    [(layout, text, corrections) for layout, _, text, corrections in WRITTEN],
    ids=[what for _, what, _, _ in WRITTEN],
)
def test_a_written_document_is_claimed_by_its_own_layout_and_no_earlier_one(
    layout, text, corrections
):
    assert_claimed_by_its_own_layout_first(layout, lines_of(text.encode(), "t.txt"), corrections)


@pytest.mark.parametrize(("name", "layout"), SEED_LAYOUTS.items())
def test_a_seed_is_claimed_by_its_own_layout_and_no_earlier_one(name, layout):
    assert_claimed_by_its_own_layout_first(layout, lines_of(seed_bytes(name), name))


@pytest.mark.parametrize(("name", "layout"), OTHER_COUNCIL_LAYOUTS.items())
def test_another_councils_document_is_claimed_by_its_own_layout_and_no_earlier_one(name, layout):
    path = shared_document(f"other-councils/{name}")
    assert_claimed_by_its_own_layout_first(layout, lines_of(path.read_bytes(), name))


@pytest.mark.parametrize("layout", ORDER)
def test_every_later_layout_an_entry_names_does_claim_a_document_of_its_layout(layout):
    # The reason each layout stands where it does is shown, not only written down.
    later = set()
    for written, _, text, corrections in WRITTEN:
        if written == layout:
            lines = lines_of(text.encode(), "t.txt")
            later |= assert_claimed_by_its_own_layout_first(layout, lines, corrections)
    assert later == set(ALSO_CLAIMED_BY[layout])


def test_an_entry_names_only_layouts_after_it():
    for index, (module, later) in enumerate(DETECTION_ORDER):
        assert set(later) <= set(ORDER[index + 1 :]), module.LAYOUT


def test_every_layout_has_a_written_document():
    assert {layout for layout, _, _, _ in WRITTEN} == set(LAYOUTS)
