"""Action tables: a header row naming the columns, then one row per action.

Columns are recognised by the words in their headers ("Action", "Lead agency", "Timescale",
"Progress"...), so tables with other wording or column order read the same way. Rows broken
across a page are joined, "As above" takes the value of the row above, and an action listed
under several priorities becomes one action linked to each.
"""

import re
from dataclasses import dataclass, field

from .agencies import alias_key
from .context import Context
from .lines import Line, clean
from .structure import ActionInfo
from .text import ends_sentence, first_sentence
from .timescales import find_dated_phrase, read_timescale

# Checked in this order: "Target date" is a timescale, "RAG status" a rating, "Action owner"
# a lead.
_ROLE_WORDS = (
    ("timescale", r"timescales?|timeframes?|when|dates?|deadlines?|due|completion"),
    ("rag", r"rag"),
    ("progress", r"progress|updates?|status|comments?|commentary|achieved|achievements?"),
    ("leads", r"leads?|agency|agencies|who|responsible|owners?|officers?"),
    ("partners", r"partners?|supporting"),
    ("codes", r"aims?|priority|priorities|codes?|objectives?|ref|reference|themes?"),
    (
        "target",
        r"targets?|outputs?|outcomes?|measures?|success|kpis?|indicators?|deliverables?"
        r"|milestones?",
    ),
    ("title", r"actions?|activity|activities|tasks?|what|initiatives?|projects?|interventions?"),
)
_ROLE_PATTERNS = [(role, re.compile(rf"^(?:{words})$")) for role, words in _ROLE_WORDS]
_AS_ABOVE = re.compile(r"^(?:as above|ditto|same as above|as per above|\"|\u201d)\.?$", re.I)
_RAG = {"red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green"}


@dataclass
class Row:
    """One action row of a table, its cells keyed by column role."""

    line: int
    values: dict[str, str]
    extras: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Table:
    header_line: int
    roles: list[str]  # one per column; "extra:<header>" for columns of no known role
    rows: list[Row]
    end: int  # index of the first line after the table


def column_roles(line: Line) -> list[str] | None:
    """The role of each column if `line` is an action-table header, else None."""
    if not line.is_row or len(line.filled_cells) < 2:
        return None
    if any(len(cell.split()) > 8 for cell in line.filled_cells):
        return None
    roles: list[str] = []
    for cell in line.cells:
        role = _role_of(cell)
        if role in roles:
            role = "partners" if role == "leads" and "partners" not in roles else None
        roles.append(role or f"extra:{cell}")
    known = {role for role in roles if not role.startswith("extra:")}
    if "title" not in known or len(known) < 2:
        return None
    return roles


def _role_of(header: str) -> str | None:
    tokens = re.findall(r"[a-z]+", header.lower())
    for role, pattern in _ROLE_PATTERNS:
        if any(pattern.match(token) for token in tokens):
            return role
    return None


def read_table(context: Context, header_index: int) -> Table:
    """The rows under the header at `header_index`, up to the first line that is not a row."""
    lines = context.lines
    roles = column_roles(lines[header_index])
    rows: list[Row] = []
    index = header_index + 1
    while index < len(lines):
        line = context.at(lines[index])
        if line.is_blank:
            index += 1
            continue
        if not line.is_row or column_roles(line):
            break
        cells = _cells_for(line, len(roles))
        values = dict(zip(roles, cells, strict=True))
        if rows and _continues_previous(values, rows[-1], roles):
            _join(rows[-1], values)
            context.warn(
                line.number,
                f"joined to the row on line {rows[-1].line}: a table row broken across a page",
            )
        else:
            rows.append(_new_row(context, line, values, rows[-1] if rows else None))
        index += 1
    return Table(lines[header_index].number, roles, rows, index)


def _cells_for(line: Line, width: int) -> list[str]:
    cells = line.cells
    if len(cells) > width:
        # Text past the last column belongs to it (a stray tab, or a continuation line).
        cells = cells[: width - 1] + [" ".join(cell for cell in cells[width - 1 :] if cell)]
    return cells + [""] * (width - len(cells))


def _continues_previous(values: dict[str, str], previous: Row, roles: list[str]) -> bool:
    """A row broken across a page: its first cell is empty, or only the first cell goes on."""
    if not values.get("title"):
        return True
    identifying = [role for role in ("codes", "leads") if role in roles]
    return (
        bool(identifying)
        and not any(values.get(role) for role in identifying)
        and not ends_sentence(previous.values.get("title", ""))
    )


def _join(row: Row, values: dict[str, str]) -> None:
    for role, text in values.items():
        if text:
            row.values[role] = f"{row.values.get(role, '')} {text}".strip()


def _new_row(context: Context, line: Line, values: dict[str, str], previous: Row | None) -> Row:
    resolved = {}
    for role, text in values.items():
        if _AS_ABOVE.match(text):
            if previous is None:
                context.warn(line.number, f'"{text}" in the first row has no row above; left empty')
                text = ""
            else:
                text = previous.values.get(role, "")
        resolved[role] = text
    extras = [(role[6:], text) for role, text in resolved.items() if role.startswith("extra:")]
    values = {role: text for role, text in resolved.items() if not role.startswith("extra:")}
    return Row(line.number, values, [(header, text) for header, text in extras if text])


def row_action(
    context: Context,
    row: Row,
    section_codes: list[str],
    known_codes: set[str],
    financial_year: int | None,
) -> ActionInfo | None:
    """The action a row describes; None (with a warning) if it has no title."""
    text = clean(row.values.get("title", ""))
    if not text:
        context.warn(row.line, "a row with no action text; skipped")
        return None
    title = first_sentence(text)
    target = clean(row.values.get("target", ""))
    timescale = _timescale(row, target)
    start, due = read_timescale(timescale, financial_year)
    if start and due and due < start:
        context.warn(row.line, f'timescale "{timescale}" ends before it starts; start left out')
        start = None
    progress = clean(row.values.get("progress", ""))
    return ActionInfo(
        title=title,
        description=_description(text, title, row.extras),
        priority_codes=_codes(context, row, section_codes, known_codes),
        lead_agencies=_agencies(context, row, "leads"),
        partner_agencies=_agencies(context, row, "partners"),
        target=target,
        timescale=timescale,
        start=start,
        due=due,
        progress=[progress] if progress else [],
        rag=_RAG.get(clean(row.values.get("rag", "")).lower(), ""),
        line=row.line,
        rows=[row.line],
    )


def _timescale(row: Row, target: str) -> str:
    if "timescale" in row.values:
        return clean(row.values["timescale"])
    # No timescale column: a single dated phrase in the measure, "... event in March 2020".
    return find_dated_phrase(target) or ""


def _description(text: str, title: str, extras: list[tuple[str, str]]) -> str:
    parts = [text] if text != title else []
    parts += [f"{header}: {clean(value)}" for header, value in extras]
    return "\n".join(parts)


def _agencies(context: Context, row: Row, role: str) -> list[str]:
    cell = clean(row.values.get(role, ""))
    if role == "leads" and "leads" in row.values and not cell:
        context.warn(row.line, "no lead agency given")
    return context.resolver.resolve_cell(cell) if cell else []


def _codes(context: Context, row: Row, section_codes: list[str], known: set[str]) -> list[str]:
    if "codes" not in row.values:
        return list(section_codes)
    codes, unknown = read_codes(row.values["codes"], known)
    for code in unknown:
        context.warn(row.line, f'code "{code}" matches no aim or priority in the document')
    return list(dict.fromkeys([*section_codes, *codes]))


def read_codes(text: str, known: set[str]) -> tuple[list[str], list[str]]:
    """Codes in a cell written as "E 3", "B, D,2", "C,1", "A": (known codes, unknown ones)."""
    codes, unknown = [], []
    for token in re.findall(r"[A-Za-z]+\d*|\d+", text):
        code = token.upper()
        if code in known:
            codes.append(code)
        elif re.fullmatch(r"[A-Z]\d+", code) and {code[0], code[1:]} <= known:
            codes += [code[0], code[1:]]  # "E3" for aim E and priority 3
        elif len(code) <= 3 and code not in {"AND", "ALL", "OR"}:
            unknown.append(token)
    return list(dict.fromkeys(codes)), unknown


def merge_repeated(context: Context, actions: list[ActionInfo]) -> list[ActionInfo]:
    """One action for rows repeating the same action (title and leads) under other priorities."""
    merged: dict[tuple, ActionInfo] = {}
    reported: set[tuple] = set()
    for action in actions:
        key = (alias_key(action.title), tuple(action.lead_agencies))
        first = merged.get(key)
        if first is None:
            merged[key] = action
            continue
        first.priority_codes = list(dict.fromkeys(first.priority_codes + action.priority_codes))
        first.progress = list(dict.fromkeys(first.progress + action.progress))
        first.rows.extend(action.rows)
        for name in ("target", "timescale"):
            value = getattr(action, name)
            if value != getattr(first, name) and (first.line, name, value) not in reported:
                reported.add((first.line, name, value))
                context.warn(
                    action.line,
                    f"repeats the action on line {first.line} with a different {name} "
                    f'("{value}"); the {name} on line {first.line} is kept',
                )
    return list(merged.values())
