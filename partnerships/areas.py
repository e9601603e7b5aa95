"""The places partnerships cover, from the ONS lookups in partnerships/data.

Two ways in, for two kinds of name:
- `find_area(name)`: a name as people write it ("East Herts", "St Albans City & District
  Council") -> its Area (current district code, ONS name, county). Compared loosely:
  "Herts" is "Hertfordshire", "&" or "and" make no difference, words such as "City and
  District", "Borough" or "Community Safety Partnership" do not count. A name that fits no
  area, or several, finds none.
- `area_lookup()`: names exactly as ONS writes them (police.uk LSOA names, "St Albans
  012C") and codes of any vintage -> today's districts, and districts -> CSPs.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_FILE = DATA_DIR / "la_all_codes.csv"
PARTNERSHIPS_FILE = DATA_DIR / "lad17_csp17_pfa17_lookup.csv"
LSOA_NUMBER = re.compile(r"\s+\d{3}[A-Z]$")


@dataclass(frozen=True)
class Area:
    code: str  # the district's current code; a CSP's code where it covers several districts
    name: str  # as ONS writes it: "East Hertfordshire"
    county: str  # the county council's area, "" where the district is a unitary authority


def find_area(name: str) -> Area | None:
    """The area of the district (or CSP) called `name`, or None if none or several fit."""
    return _areas().get(name_key(name))


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
    district_rows = _rows(DISTRICTS_FILE)
    current = {
        row["LADCD_ACTIVE"]: Area(row["LADCD_ACTIVE"], row["LADNM_ACTIVE"], _county(row))
        for row in district_rows
    }
    candidates: dict[str, set[Area]] = defaultdict(set)
    for row in district_rows:
        for name in (row["LADNM"], row["LADNM_ACTIVE"]):
            candidates[name_key(name)].add(current[row["LADCD_ACTIVE"]])
    current_code = {row["LADCD"]: row["LADCD_ACTIVE"] for row in district_rows}
    partnership_rows = _rows(PARTNERSHIPS_FILE)
    # A CSP's own name finds its district, where ONS has renamed it since (Shepway).
    for row in partnership_rows:
        district = current_code.get(row["LAD17CD"], row["LAD17CD"])
        if district in current:
            candidates[name_key(row["CSP17NM"])].add(current[district])
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


@cache
def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


# Exact names and codes, for police.uk and population files


@dataclass
class AreaLookup:
    current_by_name: dict[str, str]  # casefolded district name -> current district code
    current_by_code: dict[str, str]  # any district code -> current district code
    csp_by_district: dict[str, str]  # current district code -> CSP code

    @classmethod
    def from_files(cls, districts=DISTRICTS_FILE, partnerships=PARTNERSHIPS_FILE):
        by_name, by_code, csp = {}, {}, {}
        for row in _rows(districts):
            by_code[row["LADCD"]] = row["LADCD_ACTIVE"]
            by_code.setdefault(row["LADCD_ACTIVE"], row["LADCD_ACTIVE"])
            by_name[_exact_key(row["LADNM"])] = row["LADCD_ACTIVE"]
            by_name.setdefault(_exact_key(row["LADNM_ACTIVE"]), row["LADCD_ACTIVE"])
        covered = defaultdict(set)
        for row in _rows(partnerships):
            covered[row["CSP17CD"]].add(by_code.get(row["LAD17CD"], row["LAD17CD"]))
        # A district several CSPs shared (they have merged since) is reached by its own
        # code only, not given to whichever of those CSPs came last.
        sharing = shared_districts(covered)
        for csp_code, districts in covered.items():
            csp.update((district, csp_code) for district in districts - sharing)
        return cls(by_name, by_code, csp)

    def district_of_lsoa(self, lsoa_name: str) -> str | None:
        """The current district code for an LSOA name such as "St Albans 012C"."""
        return self.current_by_name.get(_exact_key(LSOA_NUMBER.sub("", lsoa_name)))

    def districts_of(self, ons_code: str) -> set[str]:
        """The current districts a partnership's ONS code covers: its own, or its CSP's."""
        code = ons_code.strip().upper()
        if code in self.current_by_code:
            return {self.current_by_code[code]}
        return {district for district, csp in self.csp_by_district.items() if csp == code}


def _exact_key(name: str) -> str:
    # ONS names compared as written, but for case, spacing and "&".
    return " ".join(name.replace("&", "and").split()).casefold()


@cache
def area_lookup() -> AreaLookup:
    return AreaLookup.from_files()


def partnership_areas(lookup: AreaLookup, partnerships) -> dict:
    """Current district code -> the partnership covering it (the first by name if several)."""
    areas = {}
    for partnership in sorted(partnerships, key=lambda p: p.name):
        for district in lookup.districts_of(partnership.ons_code):
            areas.setdefault(district, partnership)
    return areas


# Every partnership of England and Wales, for `manage.py load_areas`


@dataclass(frozen=True)
class PartnershipArea:
    code: str  # the code find_area gives its name: the district's, or the CSP's where wider
    name: str  # the CSP's name in the lookup, or today's district where CSPs have merged
    area: str  # the districts it covers, as ONS names them today
    county: str  # the county council's area, else the police force area
    country: str  # "England" or "Wales"


def england_and_wales_partnerships() -> list[PartnershipArea]:
    """The CSPs of the January 2017 lookup, as today's districts have them: CSPs whose
    districts have all merged since (Aylesbury Vale, Chiltern, ... into Buckinghamshire) are
    one partnership of today's district, named and coded as it is."""
    current = {row["LADCD"]: row for row in _rows(DISTRICTS_FILE)}
    covered, details = defaultdict(set), {}
    for row in _rows(PARTNERSHIPS_FILE):
        covered[row["CSP17CD"]].add(current[row["LAD17CD"]]["LADCD_ACTIVE"])
        details[row["CSP17CD"]] = row
    sharing = shared_districts(covered)
    by_code = {row["LADCD_ACTIVE"]: row for row in current.values()}
    found = {}
    for csp_code, districts in covered.items():
        own = sorted(districts - sharing)
        if own:
            code = csp_code if len(districts) > 1 else own[0]
            found[code] = _partnership_area(code, details[csp_code], [by_code[d] for d in own])
    for district in sharing:
        # The merged district's force is that of any CSP that covered it.
        csp_row = next(details[csp] for csp, ds in covered.items() if district in ds)
        row = by_code[district]
        found[district] = _partnership_area(
            district, {**csp_row, "CSP17NM": row["LADNM_ACTIVE"]}, [row]
        )
    return sorted(found.values(), key=lambda area: area.name)


def shared_districts(covered: dict[str, set[str]]) -> set[str]:
    """Today's districts that several 2017 CSPs covered (merged since, as Buckinghamshire)."""
    count = defaultdict(int)
    for districts in covered.values():
        for district in districts:
            count[district] += 1
    return {district for district, number in count.items() if number > 1}


def _london(row: dict) -> str:
    # London boroughs have no county council; "London" groups them, not their police force.
    return "London" if row["RGNNM"] == "London" else ""


def _partnership_area(code: str, csp_row: dict, district_rows: list[dict]) -> PartnershipArea:
    counties = {_county(row) or _london(row) for row in district_rows}
    county = counties.pop() if len(counties) == 1 else ""
    name = csp_row["CSP17NM"]
    if len(district_rows) == 1 and name_key(name) != name_key(district_rows[0]["LADNM_ACTIVE"]):
        # A CSP named for a district renamed since (Shepway is Folkestone and Hythe) takes
        # today's name.
        name = district_rows[0]["LADNM_ACTIVE"]
    return PartnershipArea(
        code=code,
        name=name,
        area=", ".join(sorted(row["LADNM_ACTIVE"] for row in district_rows)),
        county=county or csp_row["PFA17NM"],
        country=district_rows[0]["CTRYNM"],
    )
