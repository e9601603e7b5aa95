"""Checks that a parsed document looks like what it claims to be.

A parser can read a document and still get it wrong: a meeting line taken for the
partnership, a one-day plan, codes glued to the words after them. None of these stops an
import, since the admin may know better, but each becomes a warning marked as a check, shown
first in the review and in `--json`, so that a wrong import is never silent.
"""

import re
from datetime import date

from partnerships.areas import find_area

from .lines import Line
from .structure import ImportWarning, ParsedDocument
from .text import NUMBER_WORDS

EARLIEST = date(1995, 1, 1)
LATEST = date(2040, 12, 31)
SHORTEST_PLAN_DAYS = 28

# What a heading, a meeting line or a report title says, and a partnership's name does not.
_NOT_A_NAME = re.compile(
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(?:meeting|held on|agenda|minutes|item|report|appendix"
    r"|contents|page|executive|committee|cabinet|present|apologies|introduction|summary)\b",
    re.IGNORECASE,
)
_GLUED_CODE = re.compile(r"^\(?(?P<code>\d+(?:\.\d+)+|\d+[.)]?)(?P<word>[A-Z][a-z]+)")
_LISTED = re.compile(
    r"\b(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:key\s+|main\s+|strategic\s+)?"
    r"(?P<noun>aims|priorities|objectives|themes)\b",
    re.IGNORECASE,
)


def check_plausibility(document: ParsedDocument, lines: list[Line] = ()) -> None:
    """Add a check warning for each thing in the document that looks wrong."""
    checks: list[ImportWarning] = []
    for check in (_partnership, _period, _dates, _content, _leads, _glued_codes):
        checks.extend(check(document))
    checks.extend(_listed_counts(document, lines))
    for warning in checks:
        warning.check = True
    document.warnings[:0] = checks


def _partnership(document: ParsedDocument):
    name = document.partnership.name
    if find_area(name) is not None or find_area(document.partnership.area or "") is not None:
        return
    if _NOT_A_NAME.search(name) or len(name.split()) > 12 or name.rstrip().endswith(":"):
        yield ImportWarning(
            None,
            f'the partnership "{name}" looks like a heading or a meeting line, and matches no '
            "ONS partnership or district name: check it, or choose the partnership",
        )


def _period(document: ParsedDocument):
    plan = document.plan
    if not (plan.start and plan.end):
        return
    days = (plan.end - plan.start).days + 1
    if days < SHORTEST_PLAN_DAYS and plan.kind != "update_report":
        yield ImportWarning(
            None,
            f"the plan covers only {days} day{'s' if days != 1 else ''} "
            f"({plan.start:%d %B %Y} to {plan.end:%d %B %Y}): check its period",
        )


def _dates(document: ParsedDocument):
    plan = document.plan
    named = [("the plan's start", plan.start, None), ("the plan's end", plan.end, None)]
    named += [(f'the action "{a.title}"', a.due, a.line) for a in document.actions]
    named += [(f"the figure for {f.indicator}", f.period_end, f.line) for f in document.figures]
    for what, when, line in named:
        if when and not EARLIEST <= when <= LATEST:
            yield ImportWarning(
                line,
                f"{what} is dated {when:%d %B %Y}, outside {EARLIEST.year}-{LATEST.year}: "
                "check the dates read",
            )


def _content(document: ParsedDocument):
    if not document.actions and not document.figures and not document.targets:
        saved = [
            f"{len(items)} {noun}"
            for items, noun in (
                (document.priorities, "priorities"),
                (document.success_criteria, "success criteria"),
                (document.members, "members"),
            )
            if items
        ]
        yield ImportWarning(
            None,
            "found neither actions nor figures: only "
            + (", ".join(saved) if saved else "a title")
            + " would be saved",
        )


def _leads(document: ParsedDocument):
    actions = document.actions
    without = [action for action in actions if not action.lead_agencies]
    if len(actions) >= 2 and len(without) * 2 > len(actions):
        read_leads = any("leads" in table.roles for table in document.tables)
        advice = (
            "check the column read as lead agencies"
            if read_leads
            else "the document names none for them; add the leads after the import"
        )
        yield ImportWarning(
            None, f"{len(without)} of {len(actions)} actions have no lead agency: {advice}"
        )


def _glued_codes(document: ParsedDocument):
    items = [(p.title, p.line, "priority") for p in document.priorities]
    items += [(a.title, a.line, "action") for a in document.actions]
    for title, line, what in items:
        match = _GLUED_CODE.match(title)
        if match:
            yield ImportWarning(
                line,
                f'the {what} "{title[:60]}" starts with the code "{match["code"]}" glued to '
                f'the word "{match["word"]}": the codes may have been read wrong',
            )


def _listed_counts(document: ParsedDocument, lines):
    """ "Our four priorities" where another number of priorities was found."""
    if not document.priorities:
        return
    already = " ".join(warning.message for warning in document.warnings)
    for line in lines:
        match = _LISTED.search(line.plain)
        if not match:
            continue
        count, noun = match["count"].lower(), match["noun"].lower()
        stated = int(count) if count.isdigit() else NUMBER_WORDS[count]
        found = _count_of_kind(document, "aim" if noun == "aims" else "priority")
        if stated != found and f"speaks of {stated}" not in already:
            yield ImportWarning(
                line.number,
                f'the document speaks of {stated} {noun} ("{match[0]}") but {found} were found',
            )
        return


def _count_of_kind(document: ParsedDocument, kind: str) -> int:
    """Priorities of the kind named ("aims", "priorities"), or all if none is of that kind."""
    kinds = {"aim": {"aim"}, "priority": {"priority", "key_priority"}}[kind]
    of_kind = [p for p in document.priorities if p.kind in kinds]
    return len(of_kind) or len([p for p in document.priorities if p.kind != "hallmark"])
