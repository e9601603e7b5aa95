"""A plan read once for export: its priorities, and one row per action in the published layout."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from django.db.models import OuterRef, Subquery
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
    are listed in that order. Leads and codes are read as plain values, not prefetched:
    prefetch_related clones a QuerySet per action, which was most of the time of an export of
    every partnership (18,000 actions at N=300: 16.6 s with it, 6.7 s without)."""
    position = {priority.pk: index for index, priority in enumerate(priorities)}
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-created_at")
    chosen = actions.values("pk")
    leads, codes = _leads_of(chosen), _codes_of(chosen, position)
    actions = actions.annotate(
        progress_text=Subquery(latest.values("text")[:1]),
        progress_date=Subquery(latest.values("date")[:1]),
    )
    return [(action, _row(action, leads[action.pk], codes[action.pk])) for action in actions]


def _leads_of(actions) -> dict[int, list[str]]:
    """{action id: its lead agencies' names, in the action's order}."""
    leads = defaultdict(list)
    found = ActionLead.objects.filter(action__in=actions).order_by("action_id", "order", "pk")
    for action_id, name in found.values_list("action_id", "agency__name"):
        leads[action_id].append(name)
    return leads


def _codes_of(actions, position) -> dict[int, list[tuple[int, str]]]:
    """{action id: [(position of the priority in its plan, its code)]}."""
    codes = defaultdict(list)
    links = Action.priorities.through.objects.filter(action__in=actions).order_by()
    for action_id, priority_id, code in links.values_list(
        "action_id", "priority_id", "priority__code"
    ):
        codes[action_id].append((position.get(priority_id, len(position)), code))
    return codes


@cache
def _labels(field_name: str) -> dict:
    return dict(Action._meta.get_field(field_name).flatchoices)


def _label(field_name: str, value: str) -> str:
    # As get_FOO_display(), which rebuilds the choices' dict on every call: about a fifth of
    # the time of an export of 18,000 actions.
    return _labels(field_name).get(value, value)


def _row(action, leads, codes) -> ReportRow:
    return ReportRow(
        action=action.title,
        codes=", ".join(code for _, code in sorted(codes)),
        leads=", ".join(leads),
        target=action.target,
        timescale=action.timescale,
        progress=action.progress_text or "",
        status=_label("status", action.status),
        rag=_label("rag", action.rag),
        start_date=action.start_date,
        due_date=action.due_date,
        progress_date=action.progress_date,
    )


def file_stem(plan: Plan) -> str:
    """A download name: the partnership's slug and the plan's title, safe in any filesystem."""
    return f"{plan.partnership.slug}-{slugify(plan.title)[:80]}".strip("-") or f"plan-{plan.pk}"
