"""Action tables: a header row naming the columns, then one row per action.

Columns get their roles from their headers and what they hold (plans.importing.columns), so
tables with other wording or column order read the same way, and a column of no known role
is kept with each action under its header. Rows broken across a page are joined, "As above"
takes the value of the row above, an empty objective cell continues the objective above, and
an action listed under several priorities becomes one action linked to each. Every source
row ends as an action, joined to another row, or skipped, each with a warning saying so.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from .agencies import MAX_AGENCY_NAME, alias_key
from .columns import Column, header_columns, is_header_words, settle, strip_legislation
from .context import Context
from .corrections import Corrections, header_key
from .document_info import read_title
from .lines import Line, clean
from .statuses import read_status
from .structure import ActionInfo, DocumentError, PriorityInfo, TableInfo
from .text import best_match, ends_sentence, first_sentence, is_shouting, tidy_heading
from .timescales import find_dated_phrase, read_period, read_timescale

_AS_ABOVE = re.compile(r"^(?:as above|ditto|same as above|as per above|\"|\u201d)\.?$", re.I)
_AGENCY_ROLES = ("leads", "partners")
_NAMES_THE_DOCUMENT = re.compile(
    r"\b(?:plan|strategy|report|update|appendix|annex|table|contents)\b", re.IGNORECASE
)


@dataclass
class Row:
    """One action row of a table: its cells, one per column."""

    line: int
    columns: list[Column]
    cells: list[str]
    # Canonical agency names by role ("leads", "partners"), resolved once the table is read.
    agencies: dict[str, list[str]] = field(default_factory=dict)

    # A row's cells never change once read (a joined row is a new Row), so its text by role
    # is worked out once.
    @cached_property
    def values(self) -> dict[str, str]:
        """Text by role, for the columns of a role other than details."""
        return {
            column.role: cell
            for column, cell in zip(self.columns, self.cells, strict=True)
            if column.role not in ("details", "ignore")
        }

    @cached_property
    def extras(self) -> list[tuple[str, str]]:
        """(header, text) of the filled columns kept as other details."""
        return [
            (column.header, cell)
            for column, cell in zip(self.columns, self.cells, strict=True)
            if column.role == "details" and cell
        ]


@dataclass
class Table:
    header_line: int
    columns: list[Column]
    rows: list[Row]
    end: int  # index of the first line after the table
    heading: str = ""  # the section heading just above the table, if any
    source_rows: int = 0  # data lines read, whatever became of them

    @property
    def roles(self) -> list[str]:
        return [column.role for column in self.columns]

    def info(self) -> TableInfo:
        return TableInfo(
            line=self.header_line,
            headers=[column.header for column in self.columns],
            roles=self.roles,
            rows=self.source_rows,
        )


def column_roles(line: Line, corrections: Corrections | None = None) -> list[str] | None:
    """The role of each column if `line` is an action-table header, else None."""
    columns = header_columns(line, corrections)
    return [column.role for column in columns] if columns else None


def table_columns(
    lines: list[Line], index: int, corrections: Corrections | None = None
) -> list[Column] | None:
    """The columns of the table whose header is at `index`, roles settled by their contents."""
    columns = header_columns(lines[index], corrections)
    if columns is None:
        return None
    return settle(columns, _data_lines(lines, index, columns, corrections)[0])


def table_headers(lines: list[Line], corrections: Corrections | None = None):
    """(index, settled columns) of each action table's header row, in order. A table's own
    rows are never taken for another header, so a long table is read once."""
    index = 0
    while index < len(lines):
        columns = header_columns(lines[index], corrections)
        if columns is None:
            index += 1
            continue
        rows, end = _data_lines(lines, index, columns, corrections)
        yield index, settle(columns, rows)
        index = end


def _data_lines(lines: list[Line], header_index: int, columns, corrections):
    """The table's data rows under the header, and the index of the line after the table."""
    found = []
    index = header_index + 1
    while index < len(lines):
        line = lines[index]
        if not line.is_blank:
            if not line.is_row or _starts_table(line, lines[header_index], columns, corrections):
                break
            found.append(line)
        index += 1
    return found, index


def each_table(context: Context):
    """Every action table of the document, in order; each listed in what the review shows."""
    index = 0
    while index < len(context.lines):
        line = context.at(context.lines[index])
        if header_columns(line, context.corrections):
            table = read_table(context, index)
            yield table
            index = table.end
        else:
            index += 1


def read_table(context: Context, header_index: int) -> Table:
    """The rows under the header at `header_index`, up to the first line that is not a row."""
    lines = context.lines
    header = lines[header_index]
    columns = header_columns(header, context.corrections)
    data, end = _data_lines(lines, header_index, columns, context.corrections)
    columns = settle(columns, data)
    table = Table(header.number, columns, [], end, _heading_above(lines, header_index))
    for line in data:
        context.at(line)
        table.source_rows += 1
        _read_row(context, table, header, line)
    _resolve_agencies(context, table)
    return table


def _starts_table(line: Line, header: Line, columns: list[Column], corrections) -> bool:
    """Whether a row inside a table is the header of another table. A header-like row is one
    only if all its cells are header words or it has another number of columns; otherwise it
    is an action that happens to use header words ("Youth projects / Youth officer / ...")."""
    if not header_columns(line, corrections) or _repeats(line, header):
        return False  # the header repeated after a page break is read (and skipped) as a row
    return is_header_words(line) or len(line.cells) != len(columns)


def _repeats(line: Line, header: Line) -> bool:
    # Cheap first: nearly every row differs from the header in its number of cells or its
    # first cell.
    first, header_first = header_key(line.cells[0]), header_key(header.cells[0])
    if len(line.cells) != len(header.cells) or first != header_first:
        return False
    return [header_key(cell) for cell in line.cells] == [header_key(cell) for cell in header.cells]


def _read_row(context: Context, table: Table, header: Line, line: Line) -> None:
    if _repeats(line, header):
        context.warn(line.number, "the table's header row repeated (a page break); skipped")
        return
    if header_columns(line, context.corrections):
        context.warn(line.number, "a row that reads like a header row; read as an action")
    cells = _cells_for(line, len(table.columns))
    rows = table.rows
    if rows and _continues_previous(table.columns, cells, rows[-1]):
        rows[-1] = _joined(rows[-1], cells)
        context.warn(
            line.number,
            f"joined to the row on line {rows[-1].line}: a table row broken across a page",
        )
    else:
        rows.append(_new_row(context, table.columns, line, cells, rows[-1] if rows else None))


def _cells_for(line: Line, width: int) -> list[str]:
    cells = line.cells
    if len(cells) > width:
        # Text past the last column belongs to it (a stray tab, or a continuation line).
        cells = cells[: width - 1] + [" ".join(cell for cell in cells[width - 1 :] if cell)]
    return cells + [""] * (width - len(cells))


def _continues_previous(columns: list[Column], cells: list[str], previous: Row) -> bool:
    """A row broken across a page: its first cell is empty, or only the first cell goes on."""
    values = {column.role: cell for column, cell in zip(columns, cells, strict=True)}
    if not values.get("title"):
        return True
    identifying = [role for role in ("codes", "leads") if role in values]
    return (
        bool(identifying)
        and not any(values.get(role) for role in identifying)
        and not ends_sentence(previous.values.get("title", ""))
    )


def _joined(row: Row, cells: list[str]) -> Row:
    joined = [
        f"{old} {new}".strip() if new else old for old, new in zip(row.cells, cells, strict=True)
    ]
    return Row(row.line, row.columns, joined)


def _new_row(
    context: Context, columns: list[Column], line: Line, cells: list[str], previous: Row | None
) -> Row:
    resolved = []
    for position, (column, text) in enumerate(zip(columns, cells, strict=True)):
        above = previous.cells[position] if previous else ""
        if _AS_ABOVE.match(text):
            if previous is None:
                context.warn(line.number, f'"{text}" in the first row has no row above; left empty')
            text = above
        elif not text and column.role == "priority":
            text = above  # an objective written once for the rows under it
        resolved.append(text)
    return Row(line.number, columns, resolved)


def _resolve_agencies(context: Context, table: Table) -> None:
    """Each row's lead and partner agencies. A cell naming several without a separator
    ("Northfield Constabulary NbC") is split into names other cells of the table give alone."""
    for role in _AGENCY_ROLES:
        if role not in table.roles:
            continue
        cells = [row.values[role] for row in table.rows]
        alone = {name: name for name in context.resolver.standing_alone(cells)}
        resolver = context.resolver.extended(alone) if alone else context.resolver
        for row in table.rows:
            names = resolver.resolve_cell(row.values[role])
            for name in names:
                if len(name) > MAX_AGENCY_NAME:
                    raise DocumentError(
                        f'the agency name "{name[:60]}\u2026" is longer than {MAX_AGENCY_NAME} '
                        "characters; is a lead agency cell holding other text?",
                        context.source,
                        row.line,
                    )
            row.agencies[role] = names


class TablePriorities:
    """Priorities read from an objective column or the section heading above a table.

    Where the document has codes of its own, a title finds the listed priority it matches
    (or none); where it has none, each new title becomes a priority numbered in order.
    """

    def __init__(self, priorities: list[PriorityInfo], kind: str = "priority"):
        self.priorities = priorities
        self.may_add = not priorities
        self.kind = kind
        # Title (as compared) -> code; most rows repeat the objective of the row above.
        self.codes = {alias_key(priority.title): priority.code for priority in priorities}

    def code_for(self, title: str, line: int) -> str | None:
        title = clean(title)
        key = alias_key(title)
        if not key:
            return None
        if key not in self.codes:
            self.codes[key] = self._new_code(title, line)
        return self.codes[key]

    def _new_code(self, title: str, line: int) -> str | None:
        if not self.may_add:
            match = best_match(title, [priority.title for priority in self.priorities])
            return self.priorities[match].code if match is not None else None
        code = str(len(self.priorities) + 1)
        self.priorities.append(
            PriorityInfo(code, self.kind, title, order=len(self.priorities) + 1, line=line)
        )
        return code


def _heading_above(lines: list[Line], header_index: int) -> str:
    """A short line just above the table ("Prevention", "Reducing burglary"): not a sentence,
    a date, a line of the document's title, or words naming the document ("Action Plan")."""
    for index in range(header_index - 1, max(header_index - 4, -1), -1):
        line = lines[index]
        if line.is_blank:
            continue
        text = clean(line.plain)
        if (
            line.is_row
            or line.word_count > 10
            or text.endswith((".", ",", ";", ":"))
            or _NAMES_THE_DOCUMENT.search(text)
            or read_period(text)
            or tidy_heading(text) in read_title(lines)
        ):
            return ""
        return tidy_heading(text) if is_shouting(text) else text
    return ""


def row_action(
    context: Context,
    row: Row,
    section_codes: list[str],
    known_codes: set[str],
    financial_year: int | None,
    priorities: TablePriorities | None = None,
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
    status, rag = _status_and_rag(row)
    codes, extras = _codes(context, row, section_codes, known_codes, priorities)
    return ActionInfo(
        title=title,
        description=_description(text, title, extras),
        priority_codes=codes,
        lead_agencies=_leads(context, row),
        partner_agencies=row.agencies.get("partners", []),
        target=target,
        timescale=timescale,
        start=start,
        due=due,
        progress=[progress] if progress else [],
        rag=rag,
        status=status,
        line=row.line,
        rows=[row.line],
    )


def _timescale(row: Row, target: str) -> str:
    if "timescale" in row.values:
        return clean(row.values["timescale"])
    # No timescale column: a single dated phrase in the measure, "... event in March 2020".
    return find_dated_phrase(target) or ""


def _status_and_rag(row: Row) -> tuple[str, str]:
    """From the Status column first, then the RAG or "On target" column; see statuses."""
    status, rag = "", ""
    for role in ("status", "rag"):
        stated_status, stated_rag = read_status(clean(row.values.get(role, "")))
        status, rag = status or stated_status, rag or stated_rag
    return status, rag


def _description(text: str, title: str, extras: list[tuple[str, str]]) -> str:
    parts = [text] if text != title else []
    parts += [f"{header}: {clean(value)}" for header, value in extras]
    return "\n".join(parts)


def _leads(context: Context, row: Row) -> list[str]:
    if "leads" in row.values and not clean(row.values["leads"]):
        context.warn(row.line, "no lead agency given")
    return row.agencies.get("leads", [])


def _codes(
    context: Context,
    row: Row,
    section_codes: list[str],
    known: set[str],
    priorities: TablePriorities | None,
) -> tuple[list[str], list[tuple[str, str]]]:
    """The row's priority codes, and its other details (an objective no priority matched)."""
    codes, extras = list(section_codes), list(row.extras)
    if "codes" in row.values:
        found, unknown = read_codes(row.values["codes"], known)
        for code in unknown:
            context.warn(row.line, f'code "{code}" matches no aim or priority in the document')
        codes += found
    objective = clean(row.values.get("priority", ""))
    if objective:
        code = priorities.code_for(objective, row.line) if priorities else None
        if code:
            codes.append(code)
        else:
            header = next(c.header for c in row.columns if c.role == "priority")
            extras.insert(0, (header, objective))
    return list(dict.fromkeys(codes)), extras


def read_codes(text: str, known: set[str]) -> tuple[list[str], list[str]]:
    """Codes in a cell written as "E 3", "B, D,2", "C,1", "A": (known codes, unknown ones).

    Legislation references ("Part 1", "Children (Scotland) Act 1995") are not codes."""
    codes, unknown = [], []
    for token in re.findall(r"[A-Za-z]+\d*|\d+", strip_legislation(text)):
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
