"""Granting and removing roles: the one place that knows the rules for doing it, used by the
grant_role command and by the partnership admin's pages."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerships.access import forget_roles
from partnerships.models import Agency, Partnership, Role


@dataclass(frozen=True)
class Granted:
    role: Role
    created: bool
    agency_changed: bool = False


def grant_role(user, partnership: Partnership, name: str, agency: Agency | None = None) -> Granted:
    """Give `user` the role `name` in `partnership`. An agency officer needs the agency whose
    actions they update; no other role takes one. Granting a role the user already holds
    changes nothing, except an agency officer's agency, which is replaced."""
    if name not in Role.Name.values:
        raise ValidationError(f"{name!r} is not a role. Choose one of: {', '.join(Role.Name)}.")
    if name == Role.Name.AGENCY_OFFICER and agency is None:
        raise ValidationError("An agency officer needs the agency whose actions they update.")
    if name != Role.Name.AGENCY_OFFICER and agency is not None:
        raise ValidationError(f"Only an agency officer belongs to an agency, not a {name}.")
    with transaction.atomic():
        role, created = Role.objects.select_for_update().get_or_create(
            user=user, partnership=partnership, name=name, defaults={"agency": agency}
        )
        agency_changed = not created and role.agency_id != (agency.pk if agency else None)
        if agency_changed:
            role.agency = agency
            role.save(update_fields=["agency"])
    forget_roles(user)
    return Granted(role, created, agency_changed)


def remove_role(role: Role) -> None:
    """Take a role away; a partnership keeps at least one partnership admin."""
    with transaction.atomic():
        if role.name == Role.Name.PARTNERSHIP_ADMIN:
            admins = Role.objects.select_for_update().filter(
                partnership_id=role.partnership_id, name=Role.Name.PARTNERSHIP_ADMIN
            )
            if len(admins) <= 1:
                raise ValidationError(
                    "This is the partnership's only partnership admin. Make someone else a "
                    "partnership admin first."
                )
        role.delete()
    forget_roles(role.user)
