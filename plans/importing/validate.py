"""Checks on a parsed document before anything is written: what cannot be saved is an error,
what looks wrong but can be saved is a warning for the preview."""

from .lines import Line
from .plausibility import check_plausibility
from .structure import DocumentError, ParsedDocument


def validate(document: ParsedDocument, lines: list[Line] = ()) -> None:
    _require_essentials(document)
    _check_actions(document)
    check_plausibility(document, lines)


def _require_essentials(document: ParsedDocument) -> None:
    source = document.source
    if not document.partnership.name:
        raise DocumentError(
            "could not find the partnership's name (a title such as "
            '"Northtown Community Safety Partnership Action Plan 2024/25")',
            source,
        )
    plan = document.plan
    if plan.start is None or plan.end is None:
        raise DocumentError(
            'could not find the period the plan covers (such as "2019/20" or '
            '"March 2008 to March 2011") in its title or opening lines',
            source,
        )
    if not (document.priorities or document.actions or document.figures):
        raise DocumentError("found no priorities, actions or figures to import", source)


def _check_actions(document: ParsedDocument) -> None:
    known = document.priority_codes()
    plan_end = document.plan.end
    for action in document.actions:
        if known and not action.priority_codes:
            document.warn(action.line, f'"{action.title}" is linked to no aim or priority')
        if action.due and plan_end and action.due > plan_end:
            document.warn(
                action.line,
                f'timescale "{action.timescale}" ends on {action.due.isoformat()}, after the '
                f"plan's period ends ({plan_end.isoformat()})",
            )
