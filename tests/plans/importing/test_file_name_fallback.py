"""Where the text names no partnership (or no period), the file name may, with a warning."""

from datetime import date

import pytest

from plans.importing import DocumentError, parse_document
from plans.importing.corrections import Corrections

NO_NAME = "Action Plan\n\n2005 - 2008\n\nAction\tLead\nPatrols\tPolice\n"
NO_NAME_NO_PERIOD = "Action Plan\n\nAction\tLead\nPatrols\tPolice\n"


def test_the_partnership_is_taken_from_the_file_name_with_a_warning():
    document = parse_document(NO_NAME.encode(), "mole-valley-community-safety-plan-2005-08.txt")
    assert document.partnership.name == "Mole Valley"
    (warning,) = [w for w in document.warnings if "file name" in w.message]
    assert '"Mole Valley" is taken from the file name' in warning.message


def test_the_period_is_taken_from_the_file_name_only_where_the_text_has_none():
    document = parse_document(NO_NAME_NO_PERIOD.encode(), "east-lothian-asb-plan-2011-14.txt")
    assert (document.plan.start, document.plan.end) == (date(2011, 4, 1), date(2014, 3, 31))
    assert any("2011-2014 is taken from the file name" in w.message for w in document.warnings)
    stated = parse_document(NO_NAME.encode(), "east-lothian-asb-plan-2011-14.txt")
    assert (stated.plan.start, stated.plan.end) == (date(2005, 4, 1), date(2008, 3, 31))


def test_a_name_the_text_gives_wins_over_the_file_name():
    text = "Ashford Community Safety Partnership Action Plan 2021/22\n\nAction\tLead\nA\tPolice\n"
    document = parse_document(text.encode(), "mole-valley-action-plan-2005-08.txt")
    assert document.partnership.name == "Ashford"
    assert not any("file name" in w.message for w in document.warnings)


def test_a_file_name_that_says_nothing_of_the_document_gives_no_partnership():
    with pytest.raises(DocumentError, match="could not find the partnership"):
        parse_document(NO_NAME.encode(), "upload.txt")


def test_the_admins_partnership_is_used_without_the_file_name_warning():
    corrections = Corrections(partnership="Comhairle nan Eilean Siar")
    document = parse_document(
        NO_NAME.encode(), "western-isles-asb-action-plan-2005-08.txt", corrections=corrections
    )
    assert document.partnership.name == "Comhairle nan Eilean Siar"
    assert not any("file name" in w.message for w in document.warnings)
