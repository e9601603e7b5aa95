"""An imported partnership gets the ONS area its document leaves out."""

from plans.importing import PartnershipInfo
from plans.importing.areas import with_area


def test_with_area_fills_in_what_the_document_leaves_out():
    partnership = with_area(PartnershipInfo(name="North Herts", kind="cdrp"))
    assert (partnership.ons_code, partnership.area, partnership.county) == (
        "E07000099",
        "North Hertfordshire",
        "Hertfordshire",
    )
    assert (partnership.name, partnership.kind) == ("North Herts", "cdrp")


def test_with_area_keeps_what_the_document_says():
    stated = PartnershipInfo(
        name="St Albans", kind="csp", area="St Albans City and District", ons_code="E22000128"
    )
    partnership = with_area(stated)
    assert partnership.ons_code == "E22000128"
    assert partnership.area == "St Albans City and District"
    assert partnership.county == "Hertfordshire"


def test_with_area_looks_at_the_area_before_the_name():
    partnership = with_area(PartnershipInfo(name="Safer Together", kind="csp", area="Stevenage"))
    assert partnership.ons_code == "E07000243"


def test_with_area_leaves_a_partnership_of_no_known_area_alone():
    unknown = PartnershipInfo(name="Safer Together", kind="csp")
    assert with_area(unknown) == unknown
