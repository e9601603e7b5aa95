"""A value longer than its column holds (a sentence read as an agency's or an indicator's
name) refuses the document with the line to look at, before anything is written: PostgreSQL
would otherwise refuse the insert part-way and the admin would see a server error."""

import pytest

from plans.importing.service import import_document
from plans.importing.structure import DocumentError
from tests.plans.conftest import DOCUMENTS
from tests.plans.database_state import every_table

pytestmark = pytest.mark.django_db

STRATEGY = (DOCUMENTS / "st-albans-strategy-2011-12.txt").read_text()
# A tab before the sentence after the members' table makes it one more row of members.
LONG_MEMBER = STRATEGY.replace("\nIn addition the Partnership", "\n\tIn addition the Partnership")
LONG_INDICATOR = (
    "Kingsmere Community Safety Partnership figures 2020/21\n\n"
    "Crime type\tApril 19 - March 20\tApril 20 - March 21\n"
    f"{'Burglary ' * 30}\t400\t380\nRobbery\t40\t43\n"
)
CASES = {
    "a sentence read as a member": (
        LONG_MEMBER,
        'strategy.txt, line 28: the agency name "In addition the Partnership will '
        'occasionally work with othe..." is 256 characters long, more than the 200 it may '
        "have; check what the line holds",
    ),
    "a row label too long for an indicator": (
        LONG_INDICATOR,
        'strategy.txt, line 4: the indicator name "Burglary Burglary Burglary Burglary '
        'Burglary Burglary Burgla..." is 269 characters long, more than the 200 it may have; '
        "check what the line holds",
    ),
}


@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "import"])
@pytest.mark.parametrize(("text", "message"), CASES.values(), ids=CASES.keys())
def test_a_value_too_long_for_its_column_refuses_the_document_and_writes_nothing(
    text, message, dry_run
):
    before = every_table()
    with pytest.raises(DocumentError) as refused:
        import_document(text.encode(), "strategy.txt", dry_run=dry_run)
    assert str(refused.value) == message
    assert every_table() == before


def test_the_same_document_with_the_line_as_written_imports():
    report = import_document(STRATEGY.encode(), "strategy.txt")
    assert report.batch is not None
