"""What every layout shares: the title, the plan's kind and period, the partnership, members."""

import re
from collections import Counter
from datetime import date

from .agencies import split_outside_brackets
from .context import Context
from .corrections import Corrections
from .lines import Line, clean, is_quoted, next_filled, unquote
from .structure import Member, ParsedDocument, PartnershipInfo, PlanInfo
from .text import first_sentence, is_shouting, tidy_heading, title_case
from .timescales import Span, financial_years, read_date, read_period

_PARTNERSHIP_WORDS = (
    r"(?:community\s+safety\s+partnership|crime\s+(?:and|&)\s+disorder\s+(?:reduction\s+)?"
    r"partnership|crime\s+reduction\s+partnership)"
)
# "Eastwick & Westwick's Crime Reduction Partnership (...)": a partnership named in prose.
_NAMED_IN_PROSE = re.compile(
    rf"(?P<place>[A-Z][\w.-]*(?:\s+(?:&|and|upon|on|in|[A-Z][\w.-]*))*?)(?:['\u2019]s)?\s+"
    rf"(?i:{_PARTNERSHIP_WORDS})"
)
_NAMED_WITH_MEMBERS = re.compile(rf"(?i:{_PARTNERSHIP_WORDS})\s*\((?P<names>[^()]{{5,300}})\)")
# A heading a document opens with that is not its title: "Annex 1", "Appendix B".
_ANNEX = re.compile(r"^(?:annex|appendix|attachment|enclosure)\s+\w{1,3}$", re.IGNORECASE)
_PARTNERSHIP_LINE = re.compile(rf"^(?P<place>.+?)\s+{_PARTNERSHIP_WORDS}$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(
    rf"^(?:draft\s+)?(?:\d{{4}}\S*\s+)?(?P<place>.+?)\s+"
    rf"(?:{_PARTNERSHIP_WORDS}|community\s+safety\s+(?:plan|strategy)|community\s+safety\b|csp\b|cdrp\b)",
    re.IGNORECASE,
)
_PLACE_SUFFIX = re.compile(
    r"\s+(?:city\s+(?:and|&)\s+district|district|borough|city|council)$", re.IGNORECASE
)
_NOT_TITLE = re.compile(
    r"^(?:introduction|executive summary|contents|foreword|summary|background)\b"
    r"|^priority\s+\w+$|^last\s+(?:updated|revised|reviewed)\b",
    re.IGNORECASE,
)
# "March 2008 to March 2011": a period under the title, not part of it.
_ONLY_DATES = re.compile(
    r"^(?:\s|[-\u2013/]|\d+|to|from|until|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)+$",
    re.IGNORECASE,
)
_LAST_UPDATED = re.compile(
    r"\blast\s+(?:updated|revised|reviewed)\s*:?\s*(?P<when>.+)", re.IGNORECASE
)
_MEMBERS_INTRO = re.compile(
    r"\b(?:members\s+of|made\s+up\s+of|consists\s+of|comprises|membership|partner\s+agencies"
    r"|responsible\s+authorit)",
    re.IGNORECASE,
)
_OTHER_AGENCIES = re.compile(
    r"\bwork(?:s|ing)?\s+with\s+(?:other|partner)\s+(?:agencies|organisations|partners)\s+"
    r"(?:such\s+as|including)\s+(?P<names>.+)",
    re.IGNORECASE,
)


def read_title(lines: list[Line]) -> str:
    """The title: the short lines a document opens with, the partnership's own name first."""
    title_lines = []
    index = next_filled(lines, 0)
    if index is not None and _ANNEX.match(clean(lines[index].plain)):
        index = next_filled(lines, index + 1)
    previous = index
    while index is not None and len(title_lines) < 4:
        text = clean(lines[index].plain)
        following = next_filled(lines, index + 1)
        if not _is_title_line(text) or lines[index].is_row:
            break
        if index > previous + 1 and following is not None and lines[following].is_row:
            break  # set apart above a table: its heading ("Prevention"), not the title's
        title_lines.append(tidy_heading(text))
        previous, index = index, following
    for position, text in enumerate(title_lines):
        if position and _PARTNERSHIP_LINE.match(text):
            title_lines.insert(0, title_lines.pop(position))
            break
    if title_lines:
        return " ".join(title_lines)
    first = next_filled(lines, 0)
    return first_sentence(clean(lines[first].plain), 120) if first is not None else ""


def _is_title_line(text: str) -> bool:
    return (
        0 < len(text.split()) <= 12
        and not text.endswith((".", ":", ";", ","))
        and not _NOT_TITLE.match(text)
        and not _ONLY_DATES.match(text)
    )


def read_plan(lines: list[Line], title: str, default_kind: str) -> PlanInfo:
    period = _plan_period(lines, title)
    return PlanInfo(
        title=title,
        kind=_plan_kind(title, default_kind),
        status="draft" if re.search(r"\bdraft\b", title, re.IGNORECASE) else "published",
        start=period.start if period else None,
        end=period.end if period else None,
        last_updated=_last_updated(lines),
    )


def _plan_kind(title: str, default_kind: str) -> str:
    title = title.lower()
    if "update" in title or "annual report" in title:
        return "update_report"
    if "action plan" in title:
        return "action_plan"
    if "strategy" in title:
        return "strategy"
    if "plan" in title:
        return "community_safety_plan"
    return default_kind


def _plan_period(lines: list[Line], title: str) -> Span | None:
    period = read_period(title)
    if period:
        return period
    # A line of its own near the top: "March 2008 to March 2011". A month or a day alone is
    # when the document was issued, not the period it covers.
    for line in lines[:40]:
        text = clean(line.plain)
        if 0 < len(text.split()) <= 8 and not _LAST_UPDATED.search(text):
            period = read_period(text)
            if period and (period.end - period.start).days >= 180:
                return period
    return None


def _last_updated(lines: list[Line]) -> date | None:
    for line in lines[:40]:
        match = _LAST_UPDATED.search(line.plain)
        if match:
            return read_date(match["when"])
    return None


def read_partnership(lines: list[Line], title: str) -> PartnershipInfo:
    text = "\n".join(line.plain for line in lines)
    return PartnershipInfo(
        name=_partnership_name(lines, title),
        kind=_partnership_kind(text),
        county=_county(text),
        vision=_quoted_after(lines, "vision"),
        mission=_quoted_after(lines, "mission"),
    )


def _partnership_name(lines: list[Line], title: str) -> str:
    opening = [line for line in lines[:30] if not line.is_blank]
    short = [clean(line.plain) for line in opening if line.word_count <= 12]
    for candidate in [title, *short]:
        place = _place(_PLACE_BEFORE.match(candidate))
        if place:
            return place
    for line in opening:
        place = _place(_NAMED_IN_PROSE.search(clean(line.plain)))
        if place:
            return place
    # A heading a PDF wrapped over two lines: "<PLACE> CRIME AND DISORDER" / "PARTNERSHIP".
    for first, second in zip(short, short[1:], strict=False):
        place = _place(_PLACE_BEFORE.match(f"{first} {second}"))
        if place:
            return place
    return ""


def _place(match: re.Match | None) -> str:
    if not match:
        return ""
    place = re.sub(r"^the\s+", "", match["place"].strip(" ,-\u2013"), flags=re.IGNORECASE)
    while _PLACE_SUFFIX.search(place):
        place = _PLACE_SUFFIX.sub("", place)
    if not place or _ANNEX.match(place):
        return ""
    return tidy_heading(place) if is_shouting(place) else place


def _partnership_kind(text: str) -> str:
    cdrp = len(
        re.findall(
            r"\bCDRP\b|crime\s+(?:and|&)\s+disorder\s+(?:reduction\s+)?partnership"
            r"|crime\s+reduction\s+partnership",
            text,
            re.I,
        )
    )
    csp = len(re.findall(r"\bCSP\b|community safety partnership", text, re.I))
    return "cdrp" if cdrp > csp else "csp"


def _county(text: str) -> str:
    counts = Counter(re.findall(r"\b([A-Z][a-z]+shire)\b", text))
    if not counts:
        return ""
    county, count = counts.most_common(1)[0]
    return county if count >= 2 else ""


def _quoted_after(lines: list[Line], word: str) -> str:
    """The quoted statement after a line naming it: the vision, the mission."""
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    for index, line in enumerate(lines):
        if not pattern.search(line.plain) or line.word_count > 25:
            continue
        following = next_filled(lines, index + 1)
        if following is not None and is_quoted(lines[following].plain):
            return unquote(lines[following].plain)
    return ""


def read_members(context: Context) -> list[Member]:
    """Members listed after an introduction, and other agencies the partnership works with."""
    members: list[Member] = []
    lines = context.lines
    for index, line in enumerate(lines):
        text = line.plain
        if _MEMBERS_INTRO.search(text) and text.rstrip().endswith((":", ";", "are", "below")):
            role = (
                "responsible_authority"
                if re.search(r"responsible\s+authorit", text, re.I)
                else "member"
            )
            members.extend(_listed_members(context, index + 1, role))
    if not members:
        members.extend(_members_in_brackets(context))
    members.extend(_other_agencies(context, {member.agency for member in members}))
    return _unique_members(members)


def _listed_members(context: Context, start: int, role: str) -> list[Member]:
    members = []
    index = next_filled(context.lines, start)
    while index is not None:
        line = context.at(context.lines[index])
        if line.bullet is not None:
            items = [line.bullet]
        elif line.is_row:
            items = line.filled_cells
        else:
            break
        for item in items:
            for agency in context.resolver.resolve_listed(clean(item)):
                members.append(Member(agency, role, line.number))
        index = next_filled(context.lines, index + 1)
    return members


def _members_in_brackets(context: Context) -> list[Member]:
    """ "Eastwick's Crime Reduction Partnership (Eastwick Borough Council, Midshire County
    Council and Midshire Police) formed in 1998": the members, in brackets after
    the partnership's name in a sentence."""
    for line in context.lines[:60]:
        match = _NAMED_WITH_MEMBERS.search(line.plain)
        if not match:
            continue
        context.at(line)
        names = _list_items(match["names"], context.resolver.known)
        found = [agency for name in names for agency in context.resolver.resolve(name)]
        if len(found) >= 2:
            return [Member(agency, "member", line.number) for agency in found]
    return []


def _other_agencies(context: Context, members: set[str]) -> list[Member]:
    found = []
    for line in context.lines:
        match = _OTHER_AGENCIES.search(line.plain)
        if not match:
            continue
        context.at(line)
        for name in _list_items(match["names"], context.resolver.known):
            for agency in context.resolver.resolve(name):
                if agency not in members:
                    found.append(Member(agency, "other_agency", line.number))
    return found


def _list_items(text: str, known) -> list[str]:
    """Names in "A, B (C, D), E and F." up to the end of the sentence."""
    text = re.split(r"\.\s+(?=[A-Z])", text.strip())[0].rstrip(". ")
    items = split_outside_brackets(text, ",;")
    items = [re.sub(r"^\s*(?:and|or)\s+", "", item).strip() for item in items]
    # "third sector agencies including X" names X.
    items = [re.split(r"\b(?:including|such as)\s+", item)[-1] for item in items]
    if items and " and " in items[-1] and not known(items[-1]):
        items[-1:] = items[-1].rsplit(" and ", 1)
    return [item.strip() for item in items if item.strip()]


def _unique_members(members: list[Member]) -> list[Member]:
    seen, unique = set(), []
    for member in members:
        if (member.agency, member.role) not in seen:
            seen.add((member.agency, member.role))
            unique.append(member)
    return unique


# Words of a file name that say what the document is, not whose: the place comes before them.
_FILE_KIND_WORDS = {
    "action",
    "annual",
    "anti",
    "asb",
    "cdrp",
    "community",
    "crime",
    "csp",
    "draft",
    "monitoring",
    "partnership",
    "performance",
    "plan",
    "report",
    "review",
    "safety",
    "strategy",
    "update",
}
_FILE_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_](?:(?:19|20)?(\d\d))(?!\d)")


def fill_from_file_name(document: ParsedDocument, corrections: Corrections) -> None:
    """Where the text names no partnership, or no period, take them from a file name such as
    "north-eastwick-asb-action-plan-2005-08.docx" ("North Eastwick", April 2005 to March 2008),
    with a warning saying so; not what the admin has corrected. A file name with no word
    saying what the document is ("upload.docx") gives nothing."""
    place, period = _from_file_name(document.source)
    if not document.partnership.name and place and not corrections.partnership:
        document.partnership.name = place
        document.warn(
            None,
            f'the document names no partnership; "{place}" is taken from the file name '
            f"({document.source}): check it",
        )
    plan = document.plan
    missing = plan.start is None or plan.end is None
    if missing and period and place and not corrections.period_start:
        plan.start, plan.end = period.start, period.end
        document.warn(
            None,
            f"the document states no period; {period.start.year}-{period.end.year} is taken "
            f"from the file name ({document.source}): check it",
        )


def _from_file_name(source: str) -> tuple[str, Span | None]:
    stem = re.sub(r"\.[A-Za-z]{2,4}$", "", source.rsplit("/", 1)[-1]).lower()
    words = [word for word in re.split(r"[-_\s.]+", stem) if word]
    place = []
    for word in words:
        if word in _FILE_KIND_WORDS or not word.isalpha():
            break
        place.append(word)
    says_what = any(word in _FILE_KIND_WORDS for word in words)
    if not place or len(place) > 5 or not says_what:
        return "", None
    match = _FILE_PERIOD.search(stem)
    period = None
    if match:
        first = int(match[1])
        last = first // 100 * 100 + int(match[2])
        period = financial_years(first, last) if last > first else None
    return title_case(" ".join(place)), period
