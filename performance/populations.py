"""Population estimates from a CSV file, for rates per 1,000 residents.

Two shapes are read, as ONS publishes them and as people type them:
- long: a column of area codes, a "year" column and a "population" column;
- wide: a column of area codes and one column per year, headed by the year
  ("2021", "Mid-2021", "Population 2021").
The area code is a partnership's ONS code (district or CSP, old codes included, as in
partnerships.areas.AreaLookup). Rows of areas that are not a partnership are counted and skipped.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from partnerships.areas import AreaLookup, area_lookup
from partnerships.models import Partnership, PopulationEstimate

CODE_HEADERS = {"code", "ons code", "ons_code", "area code", "lad code", "ladcd", "geography code"}
YEAR_HEADER = re.compile(r"^(?:mid[- ]?|population\s+)?(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)


class PopulationFileError(Exception):
    pass


@dataclass
class PopulationResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_partnerships: set = field(default_factory=set)


def _number(text: str, line: int) -> int:
    try:
        value = int(text.replace(",", "").strip())
    except ValueError:
        raise PopulationFileError(f"line {line}: {text!r} is not a whole number") from None
    if value <= 0:
        raise PopulationFileError(f"line {line}: a population must be above 0")
    return value


def read_populations(text: str) -> list[tuple[str, int, int, int]]:
    """(area code, year, population, line) for each figure in the file."""
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(reader, [])]
    lower = [cell.casefold() for cell in header]
    code_column = next((i for i, cell in enumerate(lower) if cell in CODE_HEADERS), None)
    if code_column is None:
        raise PopulationFileError("no column of area codes (headed Code, ONS code or LAD code)")
    figures = []
    if "year" in lower and "population" in lower:
        year_column, population_column = lower.index("year"), lower.index("population")
        for line, row in enumerate(reader, start=2):
            if row and row[code_column].strip():
                year = _number(row[year_column], line)
                figures.append(
                    (row[code_column].strip(), year, _number(row[population_column], line), line)
                )
        return figures
    years = {i: int(m["year"]) for i, cell in enumerate(header) if (m := YEAR_HEADER.match(cell))}
    if not years:
        raise PopulationFileError("no year and population columns, and no column headed by a year")
    for line, row in enumerate(reader, start=2):
        if row and row[code_column].strip():
            for column, year in years.items():
                if column < len(row) and row[column].strip():
                    figures.append(
                        (row[code_column].strip(), year, _number(row[column], line), line)
                    )
    return figures


def partnership_for_code(lookup: AreaLookup, partnerships) -> dict[str, Partnership]:
    """Any code that names a partnership's area -> the partnership."""
    found = {}
    for partnership in partnerships:
        found[partnership.ons_code.upper()] = partnership
        for district in lookup.districts_of(partnership.ons_code):
            found.setdefault(district, partnership)
    return found


@transaction.atomic
def import_populations(text: str) -> PopulationResult:
    lookup = area_lookup()
    by_code = partnership_for_code(lookup, Partnership.objects.exclude(ons_code=""))
    existing = {
        (estimate.partnership_id, estimate.year): estimate
        for estimate in PopulationEstimate.objects.all()
    }
    result = PopulationResult()
    for (partnership, year), population in _totals(lookup, by_code, text, result).items():
        estimate = existing.get((partnership.pk, year))
        if estimate is None:
            existing[partnership.pk, year] = PopulationEstimate.objects.create(
                partnership=partnership, year=year, population=population
            )
            result.created += 1
        elif estimate.population != population:
            estimate.population = population
            estimate.save(update_fields=["population"])
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _totals(lookup: AreaLookup, by_code: dict, text: str, result: PopulationResult) -> dict:
    """(partnership, year) -> population: the figure for the partnership's own code where the
    file has one, else the sum over the districts it covers (a CSP of three districts)."""
    own, districts = {}, {}
    for code, year, population, _line in read_populations(text):
        current = lookup.current_by_code.get(code.upper(), code.upper())
        partnership = by_code.get(code.upper()) or by_code.get(current)
        if partnership is None:
            result.not_partnerships.add(code)
        elif code.upper() == partnership.ons_code.upper():
            own[partnership, year] = population
        else:
            districts.setdefault((partnership, year), {})[current] = population
    totals = {key: sum(figures.values()) for key, figures in districts.items()}
    return totals | own
