"""Words for the import review: plan kinds, column roles and corrections as people say them."""

from django import template

from plans.importing.corrections import COLUMN_ROLES, PLAN_KINDS, Corrections

register = template.Library()


@register.filter
def plan_kind(kind: str) -> str:
    return PLAN_KINDS.get(kind, kind.replace("_", " "))


@register.filter
def column_role(role: str) -> str:
    return COLUMN_ROLES.get(role, role)


@register.filter
def columns(table) -> list[tuple[str, str]]:
    """(header, role) of each column of a TableInfo."""
    return list(zip(table.headers, table.roles, strict=False))


@register.filter
def corrections_in_words(data: dict) -> str:
    corrections = Corrections.from_json(data)
    parts = []
    if corrections.partnership:
        parts.append(f"partnership {corrections.partnership}")
    if corrections.kind:
        parts.append(f"kind {plan_kind(corrections.kind).lower()}")
    if corrections.period_start:
        parts.append(
            f"period {corrections.period_start:%d %B %Y} to {corrections.period_end:%d %B %Y}"
        )
    parts += [
        f'column "{header}" read as {column_role(role).lower()}'
        for header, role in corrections.columns.items()
    ]
    return "; ".join(parts)
