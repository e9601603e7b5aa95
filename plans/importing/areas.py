"""Fill in the ONS area of a partnership its document names but does not code."""

from dataclasses import replace

from partnerships.areas import find_area

from .structure import PartnershipInfo


def with_area(partnership: PartnershipInfo) -> PartnershipInfo:
    """The partnership with the ONS code, area and county its document leaves out filled in,
    where its area or its name finds one area. What the document says is kept."""
    for name in (partnership.area, partnership.name):
        area = find_area(name) if name else None
        if area is not None:
            return replace(
                partnership,
                ons_code=partnership.ons_code or area.code,
                area=partnership.area or area.name,
                county=partnership.county or area.county,
            )
    return partnership
