"""A strategy: a list of aims or priorities, then a section of prose for each, headed by the
priority's title. Under a heading about delivering the priorities ("How the Partnership plans
to deliver these priorities"), each paragraph is a commitment by an agency and becomes an
action led by the agency it names ("The Council will ...", "The Police will ...")."""

import re
from dataclasses import dataclass, field

from ..agencies import AgencyResolver
from ..context import Context
from ..lines import Line, clean, next_filled
from ..structure import ActionInfo, CriterionInfo, Member, ParsedDocument, PriorityInfo
from ..targets import read_stated_target, target_criterion
from ..text import continues_paragraph, is_same_title
from .common import (
    add_figures,
    check_stated_count,
    find_priority_list,
    numbered_priorities,
    priority_kind,
    start_document,
    text_action,
)

LAYOUT = "narrative_strategy"

_DELIVERY = re.compile(r"\bdeliver(?:y|ing)?\b", re.IGNORECASE)
# The first verb of a commitment: the agency named before it is the one that commits.
_COMMITS = re.compile(
    r"\b(?:will|plans?\s+to|ha(?:s|ve)\s+agreed|continues?|contributes?|is\s+committed)\b",
    re.IGNORECASE,
)
# A paragraph opening with these goes on about the agency of the paragraph before.
_SAME_AGENCY = re.compile(r"^(?:they|it|he|she|the\s+(?:service|team|unit))\b", re.IGNORECASE)
# A paragraph opening with these adds to the commitment before it.
_CONTINUES = re.compile(r"^(?:this|these|such)\b", re.IGNORECASE)
_LOCAL_COUNCIL = re.compile(r"\b(?:district|borough|city)\b.*\bcouncil\b", re.IGNORECASE)


@dataclass
class Section:
    priority: PriorityInfo | None  # None for prose under some other heading
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line, text)


def matches(lines: list[Line], corrections=None) -> bool:
    return find_priority_list(lines) is not None


def parse(context: Context) -> ParsedDocument:
    document = start_document(context, LAYOUT, "strategy")
    listed = find_priority_list(context.lines)
    if listed is None:
        add_figures(context, document)
        return document
    document.priorities = numbered_priorities(listed, priority_kind(listed.kind_word))
    check_stated_count(context, listed, len(document.priorities))
    document.success_criteria += _stated_targets(document)
    sections, delivery_line = _sections(context, listed.end, document.priorities)
    for section in sections:
        section.priority.narrative = "\n\n".join(text for _, text in section.paragraphs)
    if delivery_line is not None:
        resolver = _with_local_council(context.resolver, document.members)
        for section in sections:
            document.actions += _commitments(context, resolver, section)
    add_figures(context, document)
    return document


def _stated_targets(document: ParsedDocument) -> list[CriterionInfo]:
    """ "To catch and convict prolific offenders ... Through this, to reduce total crime in the
    Borough by 16% by 2008": an aim that states a target has it as its success criterion."""
    criteria = []
    for priority in document.priorities:
        stated = read_stated_target(priority.title, document.plan.end)
        if stated is not None:
            text = stated.phrase[:1].upper() + stated.phrase[1:]
            criteria.append(target_criterion(priority.code, text, priority.line, stated))
    return criteria


def _sections(context: Context, start: int, priorities: list[PriorityInfo]):
    """The prose under each priority's heading, and the line of a delivery heading, if any."""
    sections: list[Section] = []
    delivery_line = None
    lines = context.lines
    for index in range(start, len(lines)):
        line = context.at(lines[index])
        text = clean(line.plain)
        if not text:
            continue
        priority = _priority_headed(text, priorities)
        if priority is not None:
            sections.append(Section(priority))
        elif not sections and _is_delivery_heading(text):
            delivery_line = line.number
        elif _is_heading(lines, index):
            if sections and sections[-1].paragraphs:
                sections.append(Section(None))
        elif sections:
            _add_paragraph(sections[-1], line)
    return [section for section in sections if section.priority], delivery_line


def _priority_headed(text: str, priorities: list[PriorityInfo]) -> PriorityInfo | None:
    if len(text.split()) > 40 or text.endswith(":"):
        return None
    for priority in priorities:
        if is_same_title(text, priority.title) and len(text) <= 1.5 * len(priority.title) + 20:
            return priority
    return None


def _is_delivery_heading(text: str) -> bool:
    return bool(_DELIVERY.search(text)) and len(text.split()) <= 12 and not text.endswith(".")


def _is_heading(lines: list[Line], index: int) -> bool:
    line = lines[index]
    text = clean(line.plain)
    if line.word_count > 10 or line.bullet is not None or text.endswith((".", ",", ";", ":")):
        return False
    following = next_filled(lines, index + 1)
    return following is None or lines[following].word_count > line.word_count


def _add_paragraph(section: Section, line: Line) -> None:
    paragraphs = section.paragraphs
    if line.bullet is not None and paragraphs:
        number, text = paragraphs[-1]
        paragraphs[-1] = (number, f"{text}\n- {clean(line.bullet)}")
    elif paragraphs and continues_paragraph(paragraphs[-1][1], clean(line.plain)):
        number, text = paragraphs[-1]
        paragraphs[-1] = (number, f"{text} {clean(line.plain)}")
    else:
        paragraphs.append((line.number, clean(line.plain)))


def _with_local_council(resolver: AgencyResolver, members: list[Member]) -> AgencyResolver:
    """Let "the Council" and "the District Council" name the partnership's own council."""
    council = next((m.agency for m in members if _LOCAL_COUNCIL.search(m.agency)), None)
    if council is None:
        return resolver
    generic = ("Council", "District Council", "Borough Council", "City Council")
    return resolver.extended(dict.fromkeys(generic, council))


def _commitments(context: Context, resolver: AgencyResolver, section: Section) -> list[ActionInfo]:
    actions: list[ActionInfo] = []
    lead: list[str] = []
    code = section.priority.code
    for number, text in section.paragraphs:
        if _CONTINUES.match(text) and actions:
            actions[-1].description = f"{actions[-1].description or actions[-1].title}\n\n{text}"
            continue
        lead, partners = _lead_and_partners(resolver, text, lead)
        action = text_action(text, [code], number)
        action.lead_agencies, action.partner_agencies = lead, partners
        if not lead:
            context.warn(number, "no lead agency is named in this commitment")
        actions.append(action)
    return actions


def _lead_and_partners(resolver: AgencyResolver, text: str, previous: list[str]):
    mentions = resolver.mentions(text)
    named = list(dict.fromkeys(name for _, name in mentions))
    if _SAME_AGENCY.match(text) or not mentions:
        lead = previous
    else:
        verb = _COMMITS.search(text)
        before = [name for position, name in mentions if verb and position < verb.start()]
        lead = [before[-1] if before else mentions[0][1]]
    return lead, [name for name in named if name not in lead]
