"""The partnerships an import needs: the document's own, those its figures name, and the
own partnership's members."""

from partnerships.models import Membership, Partnership

from ..areas import with_area
from ..structure import PartnershipInfo
from .names import name_key, tidy
from .recorder import free_slug


class PartnershipWriter:
    def __init__(self, recorder, parsed):
        self.recorder = recorder
        self.parsed = parsed
        self.own = None
        self.named: dict[str, Partnership] = {}  # by the lower-case name a figure gives

    def write_own(self):
        self.own = self._found_or_created(self.parsed.partnership)
        return self.own

    def of(self, item):
        """The partnership a figure or target belongs to: its own, by name, in a report
        covering several; else the document's."""
        name = tidy(item.partnership)
        if not name:
            return self.own
        key = name_key(name)
        if key not in self.named:
            info = PartnershipInfo(name=name, kind=self.parsed.partnership.kind)
            self.named[key] = self._found_or_created(info)
        return self.named[key]

    def only_named(self):
        named = set(self.named.values())
        return named.pop() if len(named) == 1 else None

    def write_members(self, agencies):
        start, end = self.parsed.plan.start.year, self.parsed.plan.end.year
        held = set(
            Membership.objects.filter(partnership=self.own, from_year=start).values_list(
                "agency_id", "role"
            )
        )
        memberships = []
        for member in self.parsed.members:
            agency = agencies.agency(member.agency)
            if (agency.pk, member.role) not in held:
                held.add((agency.pk, member.role))
                memberships.append(
                    Membership(
                        partnership=self.own,
                        agency=agency,
                        role=member.role,
                        from_year=start,
                        to_year=end,
                    )
                )
        self.recorder.bulk_create(Membership, memberships)

    def _found_or_created(self, info: PartnershipInfo):
        info = with_area(info)
        existing = Partnership.objects.filter(name__iexact=info.name).first()
        if existing is None and info.ons_code:
            existing = Partnership.objects.filter(ons_code=info.ons_code).first()
        if existing is not None:
            self.recorder.report.linked.append(f"partnership {existing.name}")
            return existing
        return self.recorder.create(
            Partnership,
            name=info.name,
            slug=free_slug(Partnership, info.name),
            kind=info.kind,
            area=info.area,
            county=info.county,
            vision=info.vision,
            mission=info.mission,
            ons_code=info.ons_code,
        )
