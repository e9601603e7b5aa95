"""A plan read once for export: its priorities, and one row per action in the published layout."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.text import slugify

from actions.models import Action, ActionLead, ProgressUpdate
from plans.models import Plan, Priority

# The table layout partnerships publish, in this order.
COLUMNS = ["Action", "Aim/priority", "Lead agency", "Target", "Timescale", "Progress"]
# Extra columns in the spreadsheets, for coordinators who sort and filter.
EXTRA_COLUMNS = ["Status", "RAG rating", "Start date", "Due date", "Progress date"]
# The Word table: the published layout, then where each action stands. The importer reads
# these two columns back as the action's status and rating.
WORD_COLUMNS = COLUMNS + ["Status", "RAG rating"]


@dataclass
class ReportRow:
    action: str
    codes: str
    leads: str
    target: str
    timescale: str
    progress: str
    status: str
    rag: str
    start_date: object
    due_date: object
    progress_date: object

    def published_cells(self) -> list[str]:
        return [self.action, self.codes, self.leads, self.target, self.timescale, self.progress]

    def word_cells(self) -> list[str]:
        return self.published_cells() + [self.status, self.rag]

    def all_cells(self) -> list:
        extras = [self.status, self.rag, self.start_date, self.due_date, self.progress_date]
        return self.published_cells() + extras


@dataclass
class PlanReport:
    plan: Plan
    priorities: list[Priority]
    rows: list[ReportRow]


def plan_report(plan: Plan) -> PlanReport:
    """Everything an export needs, in four queries whatever the size of the plan."""
    priorities = list(plan.priorities.order_by("order", "code"))
    actions = Action.objects.filter(plan=plan).order_by("order", "pk")
    return PlanReport(plan, priorities, [row for _, row in report_rows(actions, priorities)])


def report_rows(actions, priorities) -> list[tuple[Action, ReportRow]]:
    """(action, row) for each of `actions` (a QuerySet, in its order), in three queries.

    `priorities` are those of the actions' plans in each plan's order: an action's codes
    are listed in that order."""
    position = {priority.pk: index for index, priority in enumerate(priorities)}
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-created_at")
    actions = actions.annotate(
        progress_text=Subquery(latest.values("text")[:1]),
        progress_date=Subquery(latest.values("date")[:1]),
    ).prefetch_related(
        Prefetch("leads", queryset=ActionLead.objects.select_related("agency")),
        Prefetch("priorities", queryset=Priority.objects.only("pk", "code")),
    )
    return [(action, _row(action, position)) for action in actions]


def _row(action, position) -> ReportRow:
    linked = sorted(action.priorities.all(), key=lambda p: position.get(p.pk, len(position)))
    return ReportRow(
        action=action.title,
        codes=", ".join(priority.code for priority in linked),
        leads=", ".join(lead.agency.name for lead in action.leads.all()),
        target=action.target,
        timescale=action.timescale,
        progress=action.progress_text or "",
        status=action.get_status_display(),
        rag=action.get_rag_display(),
        start_date=action.start_date,
        due_date=action.due_date,
        progress_date=action.progress_date,
    )


def file_stem(plan: Plan) -> str:
    """A download name: the partnership's slug and the plan's title, safe in any filesystem."""
    return f"{plan.partnership.slug}-{slugify(plan.title)[:80]}".strip("-") or f"plan-{plan.pk}"
