"""What a partnership's own page shows."""

import datetime

from partnerships.access import roles_by_partnership
from partnerships.models import Partnership, Role


def partnership_page(partnership: Partnership, user, today: datetime.date) -> dict:
    """Its agencies (current and former), its plans (running and past) and the user's roles
    there."""
    memberships = list(
        partnership.memberships.select_related("agency").order_by("role", "agency__name")
    )
    plans = list(partnership.plans.order_by("-period_start", "title"))
    held = roles_by_partnership(user).get(partnership.pk)
    return {
        "current_members": [m for m in memberships if not m.to_year or m.to_year >= today.year],
        "former_members": [m for m in memberships if m.to_year and m.to_year < today.year],
        "current_plans": [plan for plan in plans if plan.period_end >= today],
        "past_plans": [plan for plan in plans if plan.period_end < today],
        "my_roles": sorted(Role.Name(name).label for name in held.names) if held else [],
    }
