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
"""

import rules

from partnerships.access import roles_for
from partnerships.models import Role

EDITORS = {Role.Name.COORDINATOR, Role.Name.PARTNERSHIP_ADMIN}


@rules.predicate
def holds_any_role(user, obj):
    return bool(roles_for(user, obj).names)


@rules.predicate
def is_editor(user, obj):
    return bool(roles_for(user, obj).names & EDITORS)


@rules.predicate
def is_partnership_admin(user, obj):
    return Role.Name.PARTNERSHIP_ADMIN in roles_for(user, obj).names


@rules.predicate
def is_lead_agency_officer(user, action):
    held = roles_for(user, action)
    if Role.Name.AGENCY_OFFICER not in held.names:
        return False
    lead_ids = {lead.agency_id for lead in action.leads.all()}
    return bool(lead_ids & held.agency_ids)


# The table above, as django-rules reads it. Superusers are added to every row below.
PERMISSIONS = {
    "partnerships.view_partnership": holds_any_role,
    "partnerships.manage_partnership": is_partnership_admin,
    "plans.edit_plan": is_editor,
    "actions.add_action": is_editor,
    "actions.edit_action": is_editor,
    "actions.add_progress": is_editor | is_lead_agency_officer,
    "performance.issue_meeting_pack": is_editor,
    "actions.publish_update": is_editor,
}

for permission, predicate in PERMISSIONS.items():
    rules.add_perm(permission, rules.is_superuser | predicate)
