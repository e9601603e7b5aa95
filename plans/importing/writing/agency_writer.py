"""The agencies a document names: found by name or alias, created where none is known."""

from partnerships.models import Agency

from .names import any_name, name_key, tidy


class AgencyWriter:
    def __init__(self, recorder, parsed):
        self.recorder = recorder
        self.parsed = parsed
        self.agencies: dict[str, Agency] = {}  # as the document names them
        self.known: dict[str, Agency] = {}  # by the lower-case name or alias

    def find_named(self):
        """Every agency the document names by its name or an alias, as Agency.objects.resolve
        finds them (ignoring case, the first by name where several match), in one query."""
        parsed = self.parsed
        names = {member.agency for member in parsed.members}
        for action in parsed.actions:
            names.update(action.lead_agencies, action.partner_agencies)
        if not names:
            return
        named = any_name(map(tidy, names), "name", "aliases__alias")
        for agency in Agency.objects.filter(named).distinct().prefetch_related("aliases"):
            for written in [agency.name, *(alias.alias for alias in agency.aliases.all())]:
                self.known.setdefault(name_key(written), agency)

    def agency(self, name) -> Agency:
        if name not in self.agencies:
            report = self.recorder.report
            agency = self.known.get(name_key(name))
            if agency is None:
                agency = self.known[name_key(name)] = self.recorder.create(Agency, name=name)
                report.new_agencies.append(name)
            elif agency not in self.agencies.values():
                report.linked.append(f"agency {agency.name}")
            self.agencies[name] = agency
        return self.agencies[name]

    def distinct(self, names) -> list[Agency]:
        """The agencies of the names, in order, each once (two aliases may name one body)."""
        return list(dict.fromkeys(self.agency(name) for name in names))
