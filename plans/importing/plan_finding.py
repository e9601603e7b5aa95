"""Where an import's records go: whether the document is a plan at all, whose partnership
it needs, and which existing plan a report on a plan belongs to.

A figure report is no plan (a plan is a promise of priorities and actions over a period; its
observations already carry their partnership and period, and an empty plan would show in
every list). An update or monitoring report belongs to the plan it reports on.
"""

from plans.models import Plan

from .structure import FIGURE_REPORT, DocumentError, ParsedDocument


def holds_a_plan(parsed: ParsedDocument) -> bool:
    """Whether the document makes a plan; refuses a figure report that has a plan's parts,
    which would otherwise be dropped."""
    parts = parsed.priorities or parsed.actions or parsed.success_criteria
    if parsed.plan.kind == FIGURE_REPORT and parts:
        raise DocumentError(
            f"a figure report makes no plan, but the document has {len(parsed.priorities)} "
            f"priorities and {len(parsed.actions)} actions: choose another kind of document",
            parsed.source,
        )
    return bool(parts)


def needs_own_partnership(parsed: ParsedDocument) -> bool:
    """Whether anything belongs to the document's own partnership; not so for a report of
    several partnerships' figures, each figure naming its own."""
    values = [*parsed.figures, *parsed.targets]
    return (
        holds_a_plan(parsed)
        or bool(parsed.members)
        or any(not value.partnership for value in values)
    )


def plan_reported_on(partnership, start, end) -> Plan | None:
    """The partnership's plan for the period a report covers: the one of that very period,
    else one whose period holds it, a strategy or plan before a report, the latest first."""
    covering = Plan.objects.filter(
        partnership=partnership, period_start__lte=start, period_end__gte=end
    )
    exact = covering.filter(period_start=start, period_end=end)
    for plans in (exact, covering):
        plan = plans.exclude(kind=Plan.Kind.UPDATE_REPORT).order_by("-period_start").first()
        plan = plan or plans.order_by("-period_start").first()
        if plan is not None:
            return plan
    return None


def free_code(code: str, taken: set[str]) -> str:
    """The code, or the code with a number after it where the plan already uses it."""
    candidate, number = code, 2
    while candidate in taken:
        candidate, number = f"{code}-{number}", number + 1
    return candidate
