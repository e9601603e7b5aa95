"""Resolve the names documents give agencies ("SADC/Police", "Herts Police") to canonical names.

Knows nothing of the database: the alias table is passed in (alias -> canonical name). The
database seeds its agencies and aliases from DEFAULT_AGENCIES, and the importer passes the
table read back from the database so that aliases added in the admin count.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .lines import CELL_BREAK

# Agency.name's max_length: a longer "name" is text that is not an agency's name.
MAX_AGENCY_NAME = 200


@dataclass(frozen=True)
class KnownAgency:
    name: str
    sector: str  # an Agency.Sector value
    aliases: tuple[str, ...] = ()


# The Hertfordshire bodies named in the partnerships' own documents.
DEFAULT_AGENCIES = (
    KnownAgency(
        "St Albans City and District Council",
        "council",
        (
            "SADC",
            "St Albans City & District Council",
            "St Albans District Council",
            "St Albans Council",
            "St Albans City Council",
        ),
    ),
    KnownAgency("Dacorum Borough Council", "council", ("DBC", "Dacorum Council")),
    KnownAgency(
        "North Hertfordshire District Council",
        "council",
        ("NHDC", "North Herts District Council", "North Herts Council"),
    ),
    KnownAgency(
        "Hertfordshire County Council",
        "council",
        ("HCC", "Herts County Council", "Hertfordshire CC"),
    ),
    KnownAgency(
        "Hertfordshire Constabulary",
        "police",
        ("Police", "Herts Police", "Hertfordshire Police", "Herts Constabulary"),
    ),
    KnownAgency(
        "Hertfordshire Police Authority", "police", ("Police Authority", "Herts Police Authority")
    ),
    KnownAgency(
        "Hertfordshire Police and Crime Commissioner",
        "police",
        (
            "Hertfordshire Police & Crime Commissioner",
            "Police and Crime Commissioner",
            "Office of the Police and Crime Commissioner",
            "PCC",
            "OPCC",
            "Herts PCC",
        ),
    ),
    KnownAgency(
        "Hertfordshire Fire and Rescue Service",
        "fire",
        (
            "HFRS",
            "Fire",
            "Fire Service",
            "Fire and Rescue Service",
            "Fire & Rescue",
            "Herts Fire & Rescue",
            "Herts Fire and Rescue Service",
            "Hertfordshire Fire & Rescue Service",
            "North Hertfordshire Fire & Rescue Service",
        ),
    ),
    KnownAgency(
        "Probation Service",
        "probation",
        (
            "Probation",
            "Probation Trust",
            "Hertfordshire Probation Trust",
            "Herts Probation",
            "National Probation Service",
            "NPS",
        ),
    ),
    # Primary Care Trusts were replaced by Clinical Commissioning Groups in 2013: other bodies.
    KnownAgency("Primary Care Trust", "health", ("PCT",)),
    KnownAgency(
        "East and North Hertfordshire Primary Care Trust",
        "health",
        ("East and North Herts PCT", "East & North Herts PCT", "East and North Hertfordshire PCT"),
    ),
    KnownAgency(
        "Herts Valleys Clinical Commissioning Group",
        "health",
        ("Herts Valleys CCG", "CCG", "Clinical Commissioning Group"),
    ),
    KnownAgency("Community Mental Health Team", "health", ("CMHT",)),
    KnownAgency(
        "Hertfordshire Youth Offending Team", "other", ("Youth Offending Team", "YOT", "Herts YOT")
    ),
    KnownAgency(
        "Hertfordshire Services for Young People",
        "education",
        (
            "Services for Young People",
            "HCC Services for Young People",
            "Youth Connexions",
            "Youth Connexions Hertfordshire",
            "HCC Youth Connexions",
            "YC Hertfordshire",
            "Connexions",
        ),
    ),
    KnownAgency(
        "Trading Standards",
        "council",
        ("Hertfordshire Trading Standards", "Herts Trading Standards"),
    ),
    KnownAgency("British Transport Police", "police", ("BTP",)),
    KnownAgency("Crown Prosecution Service", "other", ("CPS",)),
    KnownAgency("Change Grow Live", "voluntary", ("CGL", "Change, Grow, Live")),
    KnownAgency("Crimestoppers", "voluntary", ("Crime Stoppers",)),
)

DEFAULT_ALIASES = {
    alias: agency.name for agency in DEFAULT_AGENCIES for alias in (agency.name, *agency.aliases)
}

# Ways a document names the partnership itself; it is not one of its agencies.
_PARTNERSHIP_ITSELF = {
    "csp",
    "cdrp",
    "partnership",
    "community safety partnership",
    "crime and disorder reduction partnership",
}
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['\u2019]s\s+(?P<rest>.+)$")
_PARENTHESIS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_TEAM_WORDS = re.compile(r"\s+(?:teams?|departments?|units?|services?)$", re.IGNORECASE)
_JOINED = re.compile(r"\s+(?:and|&)\s+|\s*&\s*")
# The last word of a body's name: "Surrey Police", "Safer Communities Team". A name ending in
# one of these is whole, so "Surrey Police and Surrey County Council" names two bodies while
# "Eastwick & Westwick Borough Council" and "Crime and Disorder Partnership" name one.
_BODY_WORDS = {
    "agency",
    "association",
    "authority",
    "board",
    "college",
    "constabulary",
    "council",
    "department",
    "executive",
    "forum",
    "group",
    "office",
    "partnership",
    "police",
    "prison",
    "probation",
    "school",
    "schools",
    "service",
    "services",
    "team",
    "trust",
    "unit",
}
# An initialism: "NbC", "CBC", "YOT" (two or more capitals, no spaces).
_INITIALISM = re.compile(r"^(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,8}$")


def alias_key(name: str) -> str:
    """The form names are compared in: case, '&', punctuation and a leading 'the' ignored."""
    key = name.lower().replace("&", " and ")
    key = re.sub(r"['\u2019]", "", key)
    key = re.sub(r"[^a-z0-9]+", " ", key).strip()
    return key[4:] if key.startswith("the ") else key


def split_agencies(cell: str) -> list[str]:
    """The names in a lead-agency cell: "SADC/Police", "Police, Trading Standards, SADC", or
    names in paragraphs of their own (CELL_BREAK)."""
    names = (tidy_name(name) for name in split_outside_brackets(cell, "/,;\n" + CELL_BREAK))
    return [name for name in names if name]


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators, but not inside brackets: "CGL (Change, Grow, Live), SADC"."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def tidy_name(name: str) -> str:
    name = " ".join(name.split()).strip(" .:;-\u2013")
    # A name written all in lower case ("schools") reads better with a capital.
    return name[:1].upper() + name[1:] if name.islower() else name


class AgencyResolver:
    """Alias resolution over one alias table, built once per import."""

    def __init__(self, aliases: Mapping[str, str] | None = None):
        aliases = DEFAULT_ALIASES if aliases is None else aliases
        self.aliases = dict(aliases)
        self._index = {}
        self._written = {}  # key -> the alias as the table writes it
        # A table names the same few agencies in row after row: each name is resolved once.
        self._resolved: dict[str, list[str]] = {}
        for alias, canonical in aliases.items():
            self._index[alias_key(alias)] = canonical
            self._index.setdefault(alias_key(canonical), canonical)
            self._written.setdefault(alias_key(alias), alias)

    # Only running text needs it; a resolver extended for one table never does.
    @cached_property
    def _mention_pattern(self) -> re.Pattern:
        return _mention_pattern(self.aliases)

    def extended(self, extra: Mapping[str, str]) -> "AgencyResolver":
        """A resolver that also knows `extra` aliases, such as "the Council" for one document."""
        return AgencyResolver({**self.aliases, **extra})

    def known(self, name: str) -> str | None:
        """The canonical name for `name` if the table knows it, else None."""
        found = self._index.get(alias_key(name))
        if found:
            return found
        match = _PARENTHESIS.match(name.strip())
        if match:  # "Community Mental Health Team (CMHT)"
            return self._index.get(alias_key(match["name"])) or self._index.get(
                alias_key(match["inner"])
            )
        return None

    def is_partnership_itself(self, name: str) -> bool:
        return alias_key(name) in _PARTNERSHIP_ITSELF

    def resolve(self, name: str) -> list[str]:
        """Canonical names for one name; unknown names come back as new canonical names."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return list(self._resolved[name])

    def _resolve(self, name: str) -> list[str]:
        name = tidy_name(name)
        if not name or self.is_partnership_itself(name):
            return []
        found = self.known(name)
        if found:
            return [found]
        return (
            self._resolve_possessive(name)
            or self._resolve_joined(name)
            or self._resolve_run(name)
            or self._resolve_by_prefix(name)
            or self._resolve_initialism_after(name)
            or [self._new_name(name)]
        )

    def resolve_cell(self, cell: str) -> list[str]:
        """Canonical names for a whole cell, in the order written, each once."""
        return _unique(
            canonical for name in split_agencies(cell) for canonical in self.resolve(name)
        )

    def resolve_listed(self, item: str) -> list[str]:
        """A member list item: "Hertfordshire Constabulary / North Hertfordshire" is one agency.

        What follows a known agency after a slash qualifies it (an area), unless known itself.
        """
        parts = [tidy_name(part) for part in item.split("/") if tidy_name(part)]
        known = [self.known(part) for part in parts if self.known(part)]
        if known:
            return _unique(known)
        return self.resolve(parts[0]) if parts else []

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(position, canonical name) of each agency named in running text, in order."""
        found = []
        for match in self._mention_pattern.finditer(text):
            written = match.group(0)
            key = alias_key(written)
            canonical = self._index.get(key)
            if canonical and _looks_like_a_name(written, self._written.get(key, written)):
                found.append((match.start(), canonical))
        return found

    def _resolve_possessive(self, name: str) -> list[str]:
        # "Hertfordshire County Council's Trading Standards and Highways teams": each team
        # that is an agency in its own right, else the owner.
        match = _POSSESSIVE.match(name)
        if not match or not self.known(match["owner"]):
            return []
        owner = self.known(match["owner"])
        teams = re.split(r"\s+(?:and|&)\s+|,\s*", _TEAM_WORDS.sub("", match["rest"]))
        return _unique(self.known(team) or owner for team in teams if team.strip())

    def _resolve_joined(self, name: str) -> list[str]:
        # "Police and SADC", "Surrey Police & Surrey County Council": two agencies when each
        # part is known or a whole body's name; "Eastwick & Westwick Borough Council" is one.
        parts = [part.strip() for part in _JOINED.split(name)]
        if len(parts) > 1 and all(part and self._is_whole_name(part) for part in parts):
            return _unique(canonical for part in parts for canonical in self.resolve(part))
        return []

    def _is_whole_name(self, name: str) -> bool:
        words = name.split()
        return bool(
            self.known(name)
            or _INITIALISM.match(name)
            or (len(words) > 1 and words[-1].lower() in _BODY_WORDS)
        )

    def _resolve_run(self, name: str) -> list[str]:
        # "Northfield Constabulary NbC": names written one after another with no separator,
        # each known (or, for a table, standing alone in another of its cells).
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            first = self.known(" ".join(words[:cut]))
            if first is None:
                continue
            rest = " ".join(words[cut:])
            found = self.known(rest)
            more = [found] if found else self._resolve_run(rest)
            if more:
                return _unique([first, *more])
        return []

    def standing_alone(self, cells) -> set[str]:
        """Names of bodies the table does not know that cells give alone, for reading cells
        that run several together; a cell that is itself such a run is left out."""
        names = {
            parts[0]
            for cell in cells
            if len(parts := split_agencies(cell)) == 1
            and not self.known(parts[0])
            and len(self.resolve(parts[0])) == 1
        }
        keys = {alias_key(name) for name in names}
        return {name for name in names if not self._is_run(name.split(), keys - {alias_key(name)})}

    def _is_run(self, words: list[str], keys: set[str]) -> bool:
        """Whether the words are two or more names, each known or one of `keys`."""
        for cut in range(1, len(words)):
            first = " ".join(words[:cut])
            if alias_key(first) in keys or self.known(first):
                rest = words[cut:]
                joined = " ".join(rest)
                if alias_key(joined) in keys or self.known(joined) or self._is_run(rest, keys):
                    return True
        return False

    def _resolve_initialism_after(self, name: str) -> list[str]:
        # "Northfield Constabulary NbC" where neither is known: a body's name, then an
        # initialism naming another body.
        words = name.split()
        if len(words) >= 3 and words[-2].lower() in _BODY_WORDS and _INITIALISM.match(words[-1]):
            return _unique([*self.resolve(" ".join(words[:-1])), *self.resolve(words[-1])])
        return []

    def _resolve_by_prefix(self, name: str) -> list[str]:
        # "DBC CCTV", "HCC Targeted Youth Support": a team of a known agency.
        words = name.split()
        for length in range(len(words) - 1, 0, -1):
            found = self.known(" ".join(words[:length]))
            if found:
                return [found]
        return []

    def _new_name(self, name: str) -> str:
        match = _PARENTHESIS.match(name)
        return tidy_name(match["name"]) if match else name


def resolve_agencies(cell: str, aliases: Mapping[str, str] | None = None) -> list[str]:
    """Canonical agency names in a lead-agency cell, in order, using the alias table given."""
    return AgencyResolver(aliases).resolve_cell(cell)


def _unique(names) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))


def _mention_pattern(aliases: Mapping[str, str]) -> re.Pattern:
    """One pattern matching any alias or canonical name, longest first, "&" and "and" alike."""
    return _pattern_of_names(frozenset(name for pair in aliases.items() for name in pair))


# Each import builds a resolver from the same alias table; compiling its pattern takes longer
# than reading a document.
@lru_cache(maxsize=16)
def _pattern_of_names(names: frozenset[str]) -> re.Pattern:
    keys = sorted({alias_key(name) for name in names if alias_key(name)}, key=len, reverse=True)
    alternatives = []
    for key in keys:
        words = [r"(?:and|&)" if word == "and" else re.escape(word) for word in key.split()]
        alternatives.append(r"[\s,.&-]+".join(words))
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


def _looks_like_a_name(written: str, alias: str) -> bool:
    # In running text only a capitalised word names an agency: "the Police", not "police".
    if alias.isupper():
        return written.isupper()
    return written[:1].isupper()
