"""The one intermediate structure every parser produces and the writer consumes.

Plain dataclasses: nothing here knows about text layouts or about the database.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class DocumentError(Exception):
    """A document that cannot be imported. Its text names the file and, where known, the line."""

    def __init__(self, message: str, source: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        # True when wrapping a failure the parsers did not foresee: a bug to fix.
        self.unexpected = False
        # For a document in no known layout: the tables found (TableInfo), for the review.
        self.tables = []
        # True when the text was read but not understood: corrections may get it through.
        self.correctable = False

    def __str__(self):
        where = self.source or "document"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class ImportWarning:
    line: int | None
    message: str
    # A plausibility check (plans.importing.plausibility): shown first, as "check this".
    check: bool = False


@dataclass
class PartnershipInfo:
    name: str
    kind: str  # "csp" | "cdrp"
    area: str = ""
    county: str = ""
    vision: str = ""
    mission: str = ""
    ons_code: str = ""


# The kind of a document that holds only figures: the writer makes no plan of it.
FIGURE_REPORT = "figure_report"


@dataclass
class PlanInfo:
    title: str
    # "strategy" | "action_plan" | "update_report" | "community_safety_plan" | FIGURE_REPORT
    kind: str
    status: str  # "draft" | "published"
    start: date | None
    end: date | None
    last_updated: date | None = None


@dataclass
class Member:
    agency: str  # canonical name
    role: str  # "responsible_authority" | "member" | "other_agency"
    line: int | None = None


@dataclass
class PriorityInfo:
    code: str
    kind: str  # "aim" | "priority" | "key_priority" | "hallmark"
    title: str
    narrative: str = ""
    order: int = 0
    consultation_rank: int | None = None
    line: int | None = None


@dataclass
class CriterionInfo:
    priority_code: str
    text: str
    associated: bool
    laa: bool
    target_value: Decimal | None = None
    target_unit: str = ""
    line: int | None = None


@dataclass
class ActionInfo:
    title: str
    description: str = ""
    priority_codes: list[str] = field(default_factory=list)
    lead_agencies: list[str] = field(default_factory=list)  # canonical, in the order written
    partner_agencies: list[str] = field(default_factory=list)
    target: str = ""
    timescale: str = ""  # as written
    start: date | None = None
    due: date | None = None
    progress: list[str] = field(default_factory=list)
    rag: str = ""  # "red" | "amber" | "green" where a document states one
    status: str = ""  # an Action.Status value where a document states one; "" = not stated
    line: int = 0
    # Every source row of the action: one action listed under several priorities has several.
    rows: list[int] = field(default_factory=list)


# What a figure measures about its indicator, and how that reads in an indicator's name.
MEASURE_LABELS = {
    "value": "",
    "change": "% change on previous year",
    "rank": "position in county",
    "rank_per_1000": "position in county per 1,000 population",
    "rank_change": "position in county for % reduction",
    # Most Similar Group tables: the partnership among the areas most like it.
    "group_rank": "position in most similar group",
    "group_average": "most similar group average",
    "group_distance": "distance from most similar group average",
}


@dataclass
class Figure:
    indicator: str  # stable name such as "Robbery" or "All crime"
    period_start: date
    period_end: date
    value: Decimal
    unit: str  # "count" | "percent" | "rate_per_1000" | "rank"
    line: int
    measure: str = "value"  # a key of MEASURE_LABELS
    out_of: int | None = None  # for ranks: how many areas were ranked
    # For reports covering several partnerships: the one this figure belongs to, by name.
    # "" means the document's own partnership.
    partnership: str = ""

    @property
    def indicator_name(self) -> str:
        """The name of the series this figure belongs to, distinct for each measure."""
        label = MEASURE_LABELS[self.measure]
        return f"{self.indicator}: {label}" if label else self.indicator


@dataclass
class TargetInfo:
    indicator: str
    period_start: date
    period_end: date
    value: Decimal
    line: int
    note: str = ""
    # As Figure.partnership: in a report covering several, the one it belongs to, by name.
    partnership: str = ""


@dataclass
class TableInfo:
    """A table the parser found, for the review: its header row and each column's role.

    `roles[i]` is a key of COLUMN_ROLES (plans.importing.corrections) for headers[i];
    "details" for a column of no known role, kept with each action under its header.
    """

    line: int
    headers: list[str]
    roles: list[str]
    rows: int = 0


@dataclass
class ParsedDocument:
    source: str
    layout: str
    partnership: PartnershipInfo
    plan: PlanInfo
    members: list[Member] = field(default_factory=list)
    priorities: list[PriorityInfo] = field(default_factory=list)
    success_criteria: list[CriterionInfo] = field(default_factory=list)
    actions: list[ActionInfo] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    targets: list[TargetInfo] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    # The admin's corrections this parse applied, as Corrections.to_json() gives them.
    corrections: dict = field(default_factory=dict)

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(ImportWarning(line, message))

    def priority_codes(self) -> set[str]:
        return {priority.code for priority in self.priorities}

    def to_json(self) -> dict:
        """The object `import_document --json` prints for one document."""
        return {
            "source": self.source,
            "layout": self.layout,
            "partnership": self.partnership.name,
            "partnership_detail": _partnership_json(self.partnership),
            "plan": _plan_json(self.plan),
            "members": [{"agency": m.agency, "role": m.role} for m in self.members],
            "priorities": [_priority_json(p) for p in self.priorities],
            "actions": [_action_json(a) for a in self.actions],
            "success_criteria": [_criterion_json(c) for c in self.success_criteria],
            "figures": [_figure_json(f) for f in self.figures],
            "targets": [_target_json(t) for t in self.targets],
            "warnings": [
                {"line": w.line, "message": w.message, "check": w.check} for w in self.warnings
            ],
            "counts": self.counts(),
            "tables": [_table_json(t) for t in self.tables],
            "corrections": dict(self.corrections),
            "error": None,
        }

    def counts(self) -> dict[str, int]:
        return {
            "members": len(self.members),
            "priorities": len(self.priorities),
            "actions": len(self.actions),
            "action_rows": sum(len(action.rows) or 1 for action in self.actions),
            "success_criteria": len(self.success_criteria),
            "figures": len(self.figures),
            "targets": len(self.targets),
            "warnings": len(self.warnings),
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> int | float | None:
    # Whole numbers stay integers in JSON; the figures in plans have at most a few decimals.
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _partnership_json(partnership: PartnershipInfo) -> dict:
    return {
        "name": partnership.name,
        "kind": partnership.kind,
        "area": partnership.area,
        "county": partnership.county,
        "vision": partnership.vision,
        "mission": partnership.mission,
        "ons_code": partnership.ons_code,
    }


def _plan_json(plan: PlanInfo) -> dict:
    return {
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "start": _iso(plan.start),
        "end": _iso(plan.end),
        "last_updated": _iso(plan.last_updated),
    }


def _priority_json(priority: PriorityInfo) -> dict:
    return {
        "code": priority.code,
        "kind": priority.kind,
        "title": priority.title,
        "consultation_rank": priority.consultation_rank,
    }


def _action_json(action: ActionInfo) -> dict:
    return {
        "title": action.title,
        "priority_codes": action.priority_codes,
        "lead_agencies": action.lead_agencies,
        "target": action.target,
        "timescale": action.timescale,
        "start": _iso(action.start),
        "due": _iso(action.due),
        "progress": action.progress,
        "status": action.status,
        "rag": action.rag,
        "details": action.description,
    }


def _criterion_json(criterion: CriterionInfo) -> dict:
    return {
        "priority_code": criterion.priority_code,
        "text": criterion.text,
        "associated": criterion.associated,
        "laa": criterion.laa,
        "target_value": _number(criterion.target_value),
        "target_unit": criterion.target_unit,
    }


def _figure_json(figure: Figure) -> dict:
    return {
        "indicator": figure.indicator_name,
        "period_start": _iso(figure.period_start),
        "period_end": _iso(figure.period_end),
        "value": _number(figure.value),
        "unit": figure.unit,
        "measure": figure.measure,
        "partnership": figure.partnership,
    }


def _target_json(target: TargetInfo) -> dict:
    return {
        "indicator": target.indicator,
        "period_start": _iso(target.period_start),
        "period_end": _iso(target.period_end),
        "value": _number(target.value),
        "partnership": target.partnership,
    }


def _table_json(table: TableInfo) -> dict:
    return {
        "line": table.line,
        "columns": [
            {"header": header, "role": role}
            for header, role in zip(table.headers, table.roles, strict=False)
        ],
        "rows": table.rows,
    }
