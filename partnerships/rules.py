"""Who may do what. One table, read by django-rules: `user.has_perm(PERMISSION, obj)`.

| permission                      | viewer | agency officer       | coordinator | p. admin |
|---------------------------------|--------|----------------------|-------------|----------|
| partnerships.view_partnership   | yes    | yes                  | yes         | yes      |
| partnerships.manage_partnership |        |                      |             | yes      |
| plans.edit_plan                 |        |                      | yes         | yes      |
| actions.add_action              |        |                      | yes         | yes      |
| actions.edit_action             |        |                      | yes         | yes      |
| actions.add_progress            |        | its agency's actions | yes         | yes      |
| performance.issue_meeting_pack  |        |                      | yes         | yes      |
| actions.publish_update          |        | asks (see below)     | yes         | yes      |
| performance.view_county         | a role in one of the county's partnerships (on a county) |
| actions.review_publication_requests | publish_update in some partnership (on no object)    |

"view" means reading everything of the partnership: its plans, priorities, actions, updates
and figures. "manage" means its people (who holds which role) and its settings (update
interval, RAG thresholds, contact details). Superusers may do everything. The object may be
a partnership or anything inside one (plan, priority, action, progress update, observation).
"publish_update" means showing a progress update on the public summary, withdrawing it, and
approving or declining a request to publish. Someone who may add progress but not publish
(an agency officer) asks, on the update form: where the partnership requires approval the
request waits for a coordinator; otherwise it is published at once (actions/publication.py).
A user may hold several roles, in one partnership or in several; each role counts only in
its own partnership.

The rows that rest on roles alone are ROLE_PERMISSIONS below: the roles that grant each,
read both by the rule for one object and by objects_permitted() for a list in SQL (Requests
to publish), so the two cannot disagree; superusers get everything in both. Pages list what
a user may view with in_partnerships_visible_to(), which follows each model's
partnership_path.

Which actions a role may add progress to is PROGRESS_SCOPE below, read both here (one
action) and by Action.objects.updatable_by (the actions of My actions, in SQL), so the two
cannot disagree. The one difference is deliberate: superusers may add progress anywhere,
but superuser status is not a role, so their My actions holds only what their roles give.
"view_county" is asked of a county (performance.county.County), not of an object inside
one partnership, so it sits in a table of its own, COUNTY_PERMISSIONS; the permission to
open Requests to publish is asked of no object (USER_PERMISSIONS).
"""

from dataclasses import dataclass
from functools import partial

import rules

from partnerships.access import (
    NoPartnership,
    in_partnerships,
    partnership_id_of,
    partnership_path,
    roles_by_partnership,
    roles_for,
)
from partnerships.models import Role

ANY_ROLE = frozenset(Role.Name.values)
EDITORS = frozenset({Role.Name.COORDINATOR, Role.Name.PARTNERSHIP_ADMIN})
PARTNERSHIP_ADMINS = frozenset({Role.Name.PARTNERSHIP_ADMIN})

# The rows of the table above that rest on the user's roles in the object's partnership
# alone: the roles that grant each (superusers aside, as in every row).
ROLE_PERMISSIONS = {
    "partnerships.view_partnership": ANY_ROLE,
    "partnerships.manage_partnership": PARTNERSHIP_ADMINS,
    "plans.edit_plan": EDITORS,
    "actions.add_action": EDITORS,
    "actions.edit_action": EDITORS,
    "performance.issue_meeting_pack": EDITORS,
    "actions.publish_update": EDITORS,
}

EVERY_ACTION = "every action of the partnership"
LED_BY_THEIR_AGENCY = "the actions their agency leads"
# Which actions each role may add progress to; a role not listed may add progress to none.
PROGRESS_SCOPE = {
    Role.Name.COORDINATOR: EVERY_ACTION,
    Role.Name.PARTNERSHIP_ADMIN: EVERY_ACTION,
    Role.Name.AGENCY_OFFICER: LED_BY_THEIR_AGENCY,
}


@dataclass(frozen=True)
class ProgressScope:
    """The actions of one partnership a user may add progress to, through their roles."""

    every_action: bool
    agency_ids: frozenset[int]

    def covers(self, lead_agency_ids) -> bool:
        return self.every_action or bool(self.agency_ids & set(lead_agency_ids))


def scope_of(held) -> ProgressScope | None:
    """The actions roles held in one partnership let the user add progress to, read from
    PROGRESS_SCOPE; None when they give none."""
    granted = {PROGRESS_SCOPE.get(name) for name in held.names}
    agency_ids = frozenset(held.agency_ids) if LED_BY_THEIR_AGENCY in granted else frozenset()
    if EVERY_ACTION in granted or agency_ids:
        return ProgressScope(EVERY_ACTION in granted, agency_ids)
    return None


def progress_scopes(user) -> dict[int, ProgressScope]:
    """{partnership id: ProgressScope} for each partnership where the user's roles let them
    add progress to some action."""
    scopes = {pk: scope_of(held) for pk, held in roles_by_partnership(user).items()}
    return {pk: scope for pk, scope in scopes.items() if scope is not None}


def _grants(held, permission) -> bool:
    """Whether roles held in one partnership grant `permission` there (ROLE_PERMISSIONS)."""
    return bool(held.names & ROLE_PERMISSIONS[permission])


def partnerships_granting(user, permission) -> list[int]:
    """The ids of the partnerships where the user's roles grant `permission`, a row of
    ROLE_PERMISSIONS. Superuser status is not a role: objects_permitted() adds it."""
    if permission not in ROLE_PERMISSIONS:
        raise ValueError(f"{permission!r} does not rest on roles alone (ROLE_PERMISSIONS)")
    held_by_partnership = roles_by_partnership(user).items()
    return sorted(pk for pk, held in held_by_partnership if _grants(held, permission))


def objects_permitted(queryset, user, permission):
    """The objects of `queryset` on which the user has `permission` (a row of
    ROLE_PERMISSIONS, superusers everything): the rule's own SQL form, for lists."""
    if user.is_superuser:
        return queryset
    return in_partnerships(queryset, partnerships_granting(user, permission))


def in_partnerships_visible_to(queryset, user):
    """The objects of `queryset` in the partnerships the user may view, along the model's
    partnership_path one hop at a time: each hop is a subquery of the next model's own
    visible_to (`plan_id IN (plans visible)`), down to Partnership.objects.visible_to."""
    first, _, rest = partnership_path(queryset.model).partition("__")
    related = queryset.model._meta.get_field(first).related_model
    if partnership_path(related) != rest:
        raise NoPartnership(
            f"{queryset.model.__name__}.partnership_path goes through {related.__name__}, "
            f"whose own partnership_path is not {rest!r}"
        )
    return queryset.filter(**{f"{first}__in": related.objects.visible_to(user)})


def _roles_grant(permission, user, obj):
    return _grants(roles_for(user, obj), permission)


def _progress_scope_covers(user, action):
    scope = progress_scopes(user).get(partnership_id_of(action))
    return scope is not None and scope.covers(lead.agency_id for lead in action.leads.all())


def _holds_role_in_county(user, county):
    return bool(county.partnership_ids & set(roles_by_partnership(user)))


def _may_publish_somewhere(user, _no_object=None):
    # Asked of no object. The unused second argument is there because django-rules passes
    # one to a predicate whose signature it cannot read (mutmut's wrapper, `*args`).
    return bool(partnerships_granting(user, "actions.publish_update"))


# Wrapped here rather than decorated so that mutation testing (mutmut skips decorated
# functions) changes the rules themselves; see docs/testing.md.
progress_scope_covers = rules.predicate(_progress_scope_covers, name="progress_scope_covers")
holds_role_in_county = rules.predicate(_holds_role_in_county, name="holds_role_in_county")
may_publish_somewhere = rules.predicate(_may_publish_somewhere, name="may_publish_somewhere")


# The table above, as django-rules reads it. Superusers are added to every row below.
PERMISSIONS = {
    **{
        permission: rules.predicate(partial(_roles_grant, permission))
        for permission in ROLE_PERMISSIONS
    },
    "actions.add_progress": progress_scope_covers,
}

COUNTY_PERMISSIONS = {
    "performance.view_county": holds_role_in_county,
}

# Asked of no object: pages that gather what the user may act on across partnerships.
USER_PERMISSIONS = {
    "actions.review_publication_requests": may_publish_somewhere,
}

for permission, predicate in (PERMISSIONS | COUNTY_PERMISSIONS | USER_PERMISSIONS).items():
    rules.add_perm(permission, rules.is_superuser | predicate)
