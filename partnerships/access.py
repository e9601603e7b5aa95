"""Who holds which role where: read once per request and kept on the user object."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.models import Role


@dataclass
class Roles:
    names: set[str] = field(default_factory=set)
    agency_ids: set[int] = field(default_factory=set)


def roles_by_partnership(user) -> dict[int, Roles]:
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_csp_roles", None)
    if cached is None:
        cached = {}
        for role in Role.objects.filter(user=user).only("partnership_id", "name", "agency_id"):
            held = cached.setdefault(role.partnership_id, Roles())
            held.names.add(role.name)
            if role.agency_id:
                held.agency_ids.add(role.agency_id)
        user._csp_roles = cached
    return cached


def forget_roles(user):
    """Drop the cached roles, after a role is granted or removed."""
    user.__dict__.pop("_csp_roles", None)


def partnership_id_of(obj) -> int | None:
    """The partnership a partnership, plan, priority, action or update belongs to."""
    for path in ("partnership_id", "plan.partnership_id", "action.plan.partnership_id"):
        value = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        if value is not None:
            return value
    if obj.__class__.__name__ == "Partnership":
        return obj.pk
    return None


def roles_for(user, obj) -> Roles:
    return roles_by_partnership(user).get(partnership_id_of(obj), Roles())


def object_for_user(request, queryset, permission=None, **lookup):
    """The object, if the user may view its partnership (and hold `permission` on it).

    404 if there is no such object; 403 for a user without a role in its partnership. Every
    page's access check goes through here, so the rule is applied the same way everywhere.
    """
    obj = get_object_or_404(queryset, **lookup)
    for needed in ("partnerships.view_partnership", permission):
        if needed and not request.user.has_perm(needed, obj):
            raise PermissionDenied
    return obj
