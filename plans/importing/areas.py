"""The ONS area a partnership covers, found from the name a document gives it.

    find_area("East Herts")  # Area("E07000242", "East Hertfordshire", "Hertfordshire")

Reads the ONS lookups kept in performance/data (the files police-data import reads): every
local authority district since 2011 with its current code and county, and the districts of
each Community Safety Partnership. Names are compared loosely: "Herts" is "Hertfordshire",
"&" or "and" make no difference, and words such as "City and District", "Borough" or
"Community Safety Partnership" do not count. A name that fits no area, or several, finds none.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from django.apps import apps

from .structure import PartnershipInfo


@dataclass(frozen=True)
class Area:
    code: str  # the district's current code; a CSP's code where it covers several districts
    name: str  # as ONS writes it: "East Hertfordshire"
    county: str  # the county council's area, "" where the district is a unitary authority


def find_area(name: str) -> Area | None:
    """The area of the district (or CSP) called `name`, or None if none or several fit."""
    return _areas().get(name_key(name))


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


# Counties as they are shortened in writing: "East Herts", "South Bucks".
_SHORT_COUNTIES = {
    "beds": "bedfordshire",
    "berks": "berkshire",
    "bucks": "buckinghamshire",
    "cambs": "cambridgeshire",
    "derbys": "derbyshire",
    "glos": "gloucestershire",
    "gloucs": "gloucestershire",
    "hants": "hampshire",
    "herts": "hertfordshire",
    "lancs": "lancashire",
    "leics": "leicestershire",
    "lincs": "lincolnshire",
    "northants": "northamptonshire",
    "notts": "nottinghamshire",
    "oxon": "oxfordshire",
    "shrops": "shropshire",
    "staffs": "staffordshire",
    "warks": "warwickshire",
    "wilts": "wiltshire",
    "worcs": "worcestershire",
    "yorks": "yorkshire",
    "saint": "st",
}
# Words that say what kind of body or place it is, not which one.
_GENERIC_WORDS = {
    "borough",
    "cdrp",
    "city",
    "community",
    "council",
    "county",
    "crime",
    "csp",
    "disorder",
    "district",
    "partnership",
    "reduction",
    "safety",
}
# Joining words come and go: "Welwyn & Hatfield", "Kingston upon Hull, City of".
_JOINING_WORDS = {"and", "of", "the"}
_IGNORED_WORDS = _GENERIC_WORDS | _JOINING_WORDS
_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """What is left of a place name to compare: "St. Helens Borough Council" -> "st helens"."""
    text = name.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = [_SHORT_COUNTIES.get(word, word) for word in _WORD.findall(text)]
    return " ".join(word for word in words if word not in _IGNORED_WORDS)


@cache
def _areas() -> dict[str, Area]:
    """Name key -> area, for every key that fits exactly one area."""
    folder = Path(apps.get_app_config("performance").path) / "data"
    district_rows = _rows(folder / "la_all_codes.csv")
    current = {
        row["LADCD_ACTIVE"]: Area(row["LADCD_ACTIVE"], row["LADNM_ACTIVE"], _county(row))
        for row in district_rows
    }
    candidates: dict[str, set[Area]] = defaultdict(set)
    for row in district_rows:
        for name in (row["LADNM"], row["LADNM_ACTIVE"]):
            candidates[name_key(name)].add(current[row["LADCD_ACTIVE"]])
    current_code = {row["LADCD"]: row["LADCD_ACTIVE"] for row in district_rows}
    partnership_rows = _rows(folder / "lad17_csp17_pfa17_lookup.csv")
    # A partnership covering several districts is named by its CSP code, which police-data
    # import understands; one covering a single district keeps the district's code.
    for key, areas in _wider_partnerships(partnership_rows, current_code, current).items():
        candidates[key] = areas
    return {key: next(iter(areas)) for key, areas in candidates.items() if key and len(areas) == 1}


def _county(row: dict) -> str:
    # Upper-tier codes E10 are county councils; elsewhere the upper tier is the district itself.
    return row["UTLANM"] if row["UTLACD"].startswith("E10") else ""


def _wider_partnerships(rows, current_code, current) -> dict[str, set[Area]]:
    """Name key -> the CSPs of that name that cover more than one of today's districts."""
    districts = defaultdict(set)
    for row in rows:
        code = row["LAD17CD"]
        districts[row["CSP17CD"], row["CSP17NM"]].add(current_code.get(code, code))
    wider = defaultdict(set)
    for (code, name), covered in districts.items():
        if len(covered) > 1:
            counties = {current[district].county for district in covered if district in current}
            county = counties.pop() if len(counties) == 1 else ""
            wider[name_key(name)].add(Area(code, name, county))
    return wider


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))
