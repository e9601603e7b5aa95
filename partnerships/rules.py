"""Who may do what. One table, read by django-rules: `user.has_perm(PERMISSION, obj)`.

| permission                      | viewer | agency officer        | coordinator | p. admin |
|---------------------------------|--------|-----------------------|-------------|----------|
| partnerships.view_partnership   | yes    | yes                   | yes         | yes      |
| partnerships.manage_partnership |        |                       |             | yes      |
| plans.edit_plan                 |        |                       | yes         | yes      |
| actions.edit_action             |        |                       | yes         | yes      |
| actions.add_progress            |        | its agency's actions  | yes         | yes      |

Superusers may do everything. The object may be a partnership or anything inside one
(plan, priority, action, progress update, observation).
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


rules.add_perm("partnerships.view_partnership", rules.is_superuser | holds_any_role)
rules.add_perm("partnerships.manage_partnership", rules.is_superuser | is_partnership_admin)
rules.add_perm("plans.edit_plan", rules.is_superuser | is_editor)
rules.add_perm("actions.edit_action", rules.is_superuser | is_editor)
rules.add_perm("actions.add_progress", rules.is_superuser | is_editor | is_lead_agency_officer)
