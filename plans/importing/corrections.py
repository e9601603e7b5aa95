"""What an administrator corrected of what the importer guessed about a document.

The review page and `import_document --partnership/--kind/--period/--column` both build a
Corrections; the parse applies it (column roles while reading tables, the rest to what was
read), and the import batch stores it so that the same document imported again is read the
same way.
"""

from dataclasses import dataclass, field
from datetime import date

from .structure import DocumentError

# Every role a table column can be given, in the words the review shows.
COLUMN_ROLES = {
    "title": "Action",
    "priority": "Objective or priority (its text becomes a priority)",
    "codes": "Aim or priority codes",
    "leads": "Lead agencies",
    "partners": "Partner agencies",
    "target": "Target, outcome or measure of success",
    "timescale": "Timescale or deadline",
    "progress": "Progress or comments",
    "status": "Status",
    "rag": "RAG rating",
    "details": "Other details (kept with the action under the column's header)",
    "ignore": "Ignore this column",
}

PLAN_KINDS = {
    "strategy": "Strategy",
    "action_plan": "Action plan",
    "update_report": "Update or monitoring report",
    "community_safety_plan": "Community safety plan",
    # Figures only: observations and targets are saved, and no plan is made.
    "figure_report": "Figure report (figures only, no plan)",
}


@dataclass
class Corrections:
    partnership: str = ""  # the partnership's name, an existing one or a new one
    kind: str = ""  # a key of PLAN_KINDS
    period_start: date | None = None
    period_end: date | None = None
    # Header text, as written (compared without case or spacing) -> a key of COLUMN_ROLES.
    columns: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        # A name typed with stray spaces is the same name; one of spaces alone is none.
        self.partnership = " ".join(self.partnership.split())

    def __bool__(self) -> bool:
        return bool(self.partnership or self.kind or self.period_start or self.columns)

    def role_for(self, header: str) -> str | None:
        """The role the admin gave the column with this header, if any."""
        wanted = header_key(header)
        for written, role in self.columns.items():
            if header_key(written) == wanted:
                return role
        return None

    def to_json(self) -> dict:
        result: dict = {}
        if self.partnership:
            result["partnership"] = self.partnership
        if self.kind:
            result["kind"] = self.kind
        if self.period_start and self.period_end:
            result["period"] = [self.period_start.isoformat(), self.period_end.isoformat()]
        if self.columns:
            result["columns"] = dict(self.columns)
        return result

    @classmethod
    def from_json(cls, data: dict | None) -> "Corrections":
        data = data or {}
        start = end = None
        if data.get("period"):
            start, end = (date.fromisoformat(value) for value in data["period"])
        return cls(
            partnership=data.get("partnership", ""),
            kind=data.get("kind", ""),
            period_start=start,
            period_end=end,
            columns=dict(data.get("columns", {})),
        )


def header_key(header: str) -> str:
    return " ".join(header.lower().split())


def parse_period(text: str) -> tuple[date, date]:
    """ "2005-04-01:2008-03-31" -> the two dates; DocumentError saying what is wrong."""
    try:
        start_text, end_text = text.split(":")
        start, end = date.fromisoformat(start_text.strip()), date.fromisoformat(end_text.strip())
    except ValueError:
        raise DocumentError(
            f'period "{text}" is not two dates as YYYY-MM-DD:YYYY-MM-DD', "corrections"
        ) from None
    if end < start:
        raise DocumentError(f'period "{text}" ends before it starts', "corrections")
    return start, end


def parse_column(text: str) -> tuple[str, str]:
    """ "Lead Agency/ Group=leads" -> (header, role); DocumentError naming a bad role."""
    header, separator, role = text.rpartition("=")
    header, role = header.strip(), role.strip().lower()
    if not separator or not header:
        raise DocumentError(f'column "{text}" is not HEADER=ROLE', "corrections")
    if role not in COLUMN_ROLES:
        raise DocumentError(
            f'column "{header}": "{role}" is not a role; use one of {", ".join(COLUMN_ROLES)}',
            "corrections",
        )
    return header, role


def check(corrections: Corrections) -> None:
    """Refuse corrections no parse could apply, naming the field."""
    if corrections.kind and corrections.kind not in PLAN_KINDS:
        raise DocumentError(
            f'kind "{corrections.kind}" is not one of {", ".join(PLAN_KINDS)}', "corrections"
        )
    if (corrections.period_start is None) != (corrections.period_end is None):
        raise DocumentError("a period needs both a start and an end", "corrections")
    if corrections.period_start and corrections.period_end < corrections.period_start:
        raise DocumentError("the period ends before it starts", "corrections")
    if len(corrections.partnership) > 200:
        raise DocumentError("the partnership's name is longer than 200 characters", "corrections")
    if not corrections.partnership.isprintable():
        raise DocumentError(
            "the partnership's name holds characters that cannot be saved", "corrections"
        )
    for header, role in corrections.columns.items():
        # PostgreSQL stores no NUL in text or JSON; a document's own headers never hold one.
        if "\x00" in header:
            raise DocumentError(
                f"column {header!r}: the header holds a character that cannot be saved",
                "corrections",
            )
        if role not in COLUMN_ROLES:
            raise DocumentError(f'column "{header}": "{role}" is not a role', "corrections")


def apply_corrections(parsed, corrections: Corrections) -> None:
    """Put the admin's partnership, kind and period in place of what the parser read."""
    check(corrections)
    if corrections.partnership:
        parsed.partnership.name = corrections.partnership
    if corrections.kind:
        parsed.plan.kind = corrections.kind
    if corrections.period_start:
        parsed.plan.start, parsed.plan.end = corrections.period_start, corrections.period_end
    parsed.corrections = corrections.to_json()
