"""Set up every partnership of England and Wales from the ONS lookups (`load_areas`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from .areas import PartnershipArea, england_and_wales_partnerships, name_key
from .models import Partnership


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def load_areas() -> LoadResult:
    """Create the partnerships the lookup lists that are not here, matched by ONS code and
    then by name (loosely, as the importer matches documents); fill in the code, area and
    county of those already here where blank. What someone typed is never overwritten."""
    existing = list(Partnership.objects.all())
    by_code = {p.ons_code.upper(): p for p in existing if p.ons_code}
    by_name = {name_key(p.name): p for p in existing}
    slugs = set(Partnership.objects.values_list("slug", flat=True))
    result, new = LoadResult(), []
    for area in england_and_wales_partnerships():
        partnership = by_code.get(area.code) or by_name.get(name_key(area.name))
        if partnership is None:
            new.append(_new_partnership(area, slugs))
            result.created += 1
        elif _fill_blanks(partnership, area, by_code):
            result.updated += 1
        else:
            result.unchanged += 1
    # One insert for about 300 partnerships, with their history rows as save() makes them.
    bulk_create_with_history(new, Partnership)
    return result


def _new_partnership(area: PartnershipArea, slugs: set[str]) -> Partnership:
    base = slug = slugify(area.name)[:96]
    number = 2
    while slug in slugs:
        slug, number = f"{base}-{number}", number + 1
    slugs.add(slug)
    return Partnership(
        name=area.name, slug=slug, area=area.area, county=area.county, ons_code=area.code
    )


def _fill_blanks(partnership: Partnership, area: PartnershipArea, by_code: dict) -> bool:
    changed = []
    # A code another partnership holds already stays with it (codes are unique).
    if not partnership.ons_code and area.code not in by_code:
        partnership.ons_code = area.code
        changed.append("ons_code")
    for field in ("area", "county"):
        if not getattr(partnership, field):
            setattr(partnership, field, getattr(area, field))
            changed.append(field)
    if changed:
        partnership.save(update_fields=changed)
    return bool(changed)
