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
| actions.review_publication_requests | coordinator or p. admin somewhere (on no object)     |

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

Which actions a role may add progress to is PROGRESS_SCOPE below, read both here (one
action) and by Action.objects.updatable_by (the actions of My actions, in SQL), so the two
cannot disagree. The one difference is deliberate: superusers may add progress anywhere,
but superuser status is not a role, so their My actions holds only what their roles give.
"view_county" is asked of a county (performance.county.County), not of an object inside
one partnership, so it sits in a table of its own, COUNTY_PERMISSIONS; the permission to
open Requests to publish is asked of no object (USER_PERMISSIONS).
"""

from dataclasses import dataclass

import rules

from partnerships.access import partnership_id_of, roles_by_partnership, roles_for
from partnerships.models import Role

EDITORS = {Role.Name.COORDINATOR, Role.Name.PARTNERSHIP_ADMIN}

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


def progress_scopes(user) -> dict[int, ProgressScope]:
    """{partnership id: ProgressScope} for each partnership where the user's roles let them
    add progress to some action, read from PROGRESS_SCOPE."""
    scopes = {}
    for partnership_id, held in roles_by_partnership(user).items():
        granted = {PROGRESS_SCOPE.get(name) for name in held.names}
        agency_ids = frozenset(held.agency_ids) if LED_BY_THEIR_AGENCY in granted else frozenset()
        if EVERY_ACTION in granted or agency_ids:
            scopes[partnership_id] = ProgressScope(EVERY_ACTION in granted, agency_ids)
    return scopes


def _holds_any_role(user, obj):
    return bool(roles_for(user, obj).names)


def _is_editor(user, obj):
    return bool(roles_for(user, obj).names & EDITORS)


def _is_partnership_admin(user, obj):
    return Role.Name.PARTNERSHIP_ADMIN in roles_for(user, obj).names


def _progress_scope_covers(user, action):
    scope = progress_scopes(user).get(partnership_id_of(action))
    return scope is not None and scope.covers(lead.agency_id for lead in action.leads.all())


def _holds_role_in_county(user, county):
    return bool(county.partnership_ids & set(roles_by_partnership(user)))


def _is_editor_somewhere(user, _no_object=None):
    # Asked of no object. The unused second argument is there because django-rules passes
    # one to a predicate whose signature it cannot read (mutmut's wrapper, `*args`).
    return any(held.names & EDITORS for held in roles_by_partnership(user).values())


# Wrapped here rather than decorated so that mutation testing (mutmut skips decorated
# functions) changes the rules themselves; see docs/testing.md.
holds_any_role = rules.predicate(_holds_any_role, name="holds_any_role")
is_editor = rules.predicate(_is_editor, name="is_editor")
is_partnership_admin = rules.predicate(_is_partnership_admin, name="is_partnership_admin")
progress_scope_covers = rules.predicate(_progress_scope_covers, name="progress_scope_covers")
holds_role_in_county = rules.predicate(_holds_role_in_county, name="holds_role_in_county")
is_editor_somewhere = rules.predicate(_is_editor_somewhere, name="is_editor_somewhere")


# The table above, as django-rules reads it. Superusers are added to every row below.
PERMISSIONS = {
    "partnerships.view_partnership": holds_any_role,
    "partnerships.manage_partnership": is_partnership_admin,
    "plans.edit_plan": is_editor,
    "actions.add_action": is_editor,
    "actions.edit_action": is_editor,
    "actions.add_progress": progress_scope_covers,
    "performance.issue_meeting_pack": is_editor,
    "actions.publish_update": is_editor,
}

COUNTY_PERMISSIONS = {
    "performance.view_county": holds_role_in_county,
}

# Asked of no object: pages that gather what the user may act on across partnerships.
USER_PERMISSIONS = {
    "actions.review_publication_requests": is_editor_somewhere,
}

for permission, predicate in (PERMISSIONS | COUNTY_PERMISSIONS | USER_PERMISSIONS).items():
    rules.add_perm(permission, rules.is_superuser | predicate)
