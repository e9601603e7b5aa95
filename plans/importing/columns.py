"""The role of each column of an action table, from its header and, where the header leaves
it open, from what the column holds.

Roles are the keys of COLUMN_ROLES (plans.importing.corrections). A header the admin gave a
role takes it, whatever its words; otherwise the header's words decide ("To be achieved by"
is a timescale, "Lead Agency/ Group" the leads, "Funding Source" other details), and a column
of no known role is kept as "details" under its header, never dropped.

What a column holds settles what its header cannot: a codes or objective column holding only
legislation ("Part 1", "Education (Scotland) Act 1980") is details; an objective column
holding codes ("B, D,2") is codes; a codes column holding sentences is objectives.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .corrections import Corrections
from .lines import Line

# Whole-header phrases, checked before single words: "To be achieved by" holds dates, not
# achievements; "On target" a rating, not a target.
_PHRASES = (
    ("timescale", r"(?:to be )?(?:achieved|completed|delivered|done) by|by when|target dates?"),
    ("rag", r"on target|on track|rag(?: status| rating)?"),
)
# Words of a header, checked in this order: "Target date" is a timescale, "RAG status" a
# rating, "Action owner" a lead, "Aim/priority" codes, "Priority area" an objective.
_WORDS = (
    ("timescale", r"timescales?|timeframes?|when|dates?|deadlines?|due|completion"),
    ("rag", r"rag"),
    ("status", r"status"),
    ("progress", r"progress|updates?|comments?|commentary|achieved|achievements?|notes?|position"),
    ("leads", r"leads?|agency|agencies|who|responsible|owners?|officers?"),
    ("partners", r"partners?|supporting|partnerships?"),
    ("codes", r"aims?|codes?|ref|refs|reference"),
    ("priority", r"priority|priorities|objectives?|themes?|strands?"),
    (
        "target",
        r"targets?|outputs?|outcomes?|measures?|success|kpis?|indicators?|deliverables?|results?"
        r"|milestones?",
    ),
    ("title", r"actions?|activity|activities|tasks?|what|initiatives?|projects?|interventions?"),
    ("details", r"resources?|funding|funds?|budgets?|costs?|legislation|links?|risks?|source"),
)
_PHRASE_PATTERNS = [(role, re.compile(rf"^(?:{words})$")) for role, words in _PHRASES]
_WORD_PATTERNS = [(role, re.compile(rf"^(?:{words})$")) for role, words in _WORDS]
# Roles a table may give more than one column: each such column keeps its own header.
_REPEATABLE = {"details", "ignore"}
_LEGISLATION = re.compile(
    r"\b(?:part|section|schedule|chapter|article|regulation)\s+\d+[a-z]?\b"
    r"|\b(?:act|regulations|order)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A cell of codes: "E 3", "B, D,2", "C,1", "A", "2.1", "All".
_CODE = r"(?:all|[A-Za-z]\s*\d{0,2}|\d{1,2}(?:\.\d{1,2})?)"
_CODE_CELL = re.compile(rf"^{_CODE}(?:(?:\s*[,/&]\s*|\s+){_CODE})*\.?$", re.IGNORECASE)


@dataclass
class Column:
    header: str
    role: str  # a key of COLUMN_ROLES
    corrected: bool = False  # the admin gave this role


# Every row of a table is asked whether it is a header, and cells repeat from row to row.
@lru_cache(maxsize=8192)
def role_of(header: str) -> str | None:
    """The role a header's words give, None for a header of no known role."""
    text = " ".join(re.findall(r"[a-z]+", header.lower()))
    for role, pattern in _PHRASE_PATTERNS:
        if pattern.match(text):
            return role
    ranks = [rank for token in text.split() if (rank := _word_rank(token)) is not None]
    return _WORD_PATTERNS[min(ranks)][0] if ranks else None


@lru_cache(maxsize=4096)
def _word_rank(token: str) -> int | None:
    """The position in _WORDS of the first role this word names."""
    return next(
        (rank for rank, (_, pattern) in enumerate(_WORD_PATTERNS) if pattern.match(token)), None
    )


def header_columns(line: Line, corrections: Corrections | None = None) -> list[Column] | None:
    """Each column's role if `line` is an action-table header, else None.

    A header needs an action column and one other known column, unless the admin gave one
    of its columns the role "title": then the table is read as the admin says.
    """
    if not line.is_row or len(line.filled_cells) < 2:
        return None
    corrections = corrections or Corrections()
    long_cell = any(len(cell.split()) > 8 for cell in line.filled_cells)
    if long_cell and not corrections.columns:
        return None  # a sentence is no header: most rows of a table end here
    columns = []
    for cell in line.cells:
        header = " ".join(cell.split())  # a header over two paragraphs is one line of text
        corrected = corrections.role_for(header) if header else None
        columns.append(Column(header, corrected or role_of(header) or "details", bool(corrected)))
    if any(column.corrected and column.role == "title" for column in columns):
        return columns
    if long_cell:
        return None
    named = {column.role for column in columns if column.role not in _REPEATABLE}
    if "title" not in named or len(named) < 2:
        return None
    return columns


def settle(columns: list[Column], rows: list[Line]) -> list[Column]:
    """The columns with roles settled by what they hold, then each role given once."""
    for index, column in enumerate(columns):
        if column.corrected or column.role not in ("codes", "priority"):
            continue
        values = [cell for row in rows if len(row.cells) > index and (cell := row.cells[index])]
        column.role = _role_by_content(column.role, values)
    return _one_column_per_role(columns)


def _role_by_content(role: str, values: list[str]) -> str:
    if not values:
        return role
    if all(_LEGISLATION.search(value) for value in values):
        return "details"
    if role == "priority" and all(_CODE_CELL.match(value) for value in values):
        return "codes"
    if role == "codes" and not any(_CODE_CELL.match(value) for value in values):
        # Sentences, not codes: "Reduce re-offending by young people".
        return "priority" if all(len(value.split()) >= 2 for value in values) else role
    return role


def _one_column_per_role(columns: list[Column]) -> list[Column]:
    taken: set[str] = set()
    for column in columns:
        if column.role in taken and column.role not in _REPEATABLE:
            # A second lead column is the partners; any other second column is kept as
            # details under its own header.
            column.role = (
                "partners" if column.role == "leads" and "partners" not in taken else "details"
            )
        taken.add(column.role)
    return columns


def is_header_words(line: Line) -> bool:
    """Whether every filled cell of a row is a header word: a header, never an action row."""
    return all(role_of(cell) for cell in line.filled_cells)


def strip_legislation(text: str) -> str:
    """A cell without its legislation references, which are not aim or priority codes."""
    return _LEGISLATION.sub(" ", text)
