"""Who holds which role where, how each object reaches its partnership, and the one way a
page fetches an object for a user: the object together with what the user may do with it."""

from dataclasses import dataclass, field, fields
from typing import ClassVar

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.models import Partnership, Role


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


class NoPartnership(TypeError):
    """The object's model does not say how it reaches a partnership."""


def partnership_path(model) -> str:
    """The lookup from `model` to its partnership, as the model declares it in its class
    attribute `partnership_path` ("plan__partnership"; "" for a partnership itself)."""
    path = getattr(model, "partnership_path", None)
    if path is None:
        raise NoPartnership(f"{model.__name__} does not declare a partnership_path")
    return path


def partnership_id_lookup(model) -> str:
    """The filter lookup of the partnership's id: "pk" for partnerships themselves."""
    return partnership_path(model) or "pk"


def in_partnerships(queryset, partnership_ids):
    """The objects of `queryset` that belong to one of these partnerships."""
    lookup = partnership_id_lookup(queryset.model)
    return queryset.filter(**{f"{lookup}__in": partnership_ids})


def partnership_id_of(obj) -> int:
    """The id of the partnership `obj` belongs to, along its model's partnership_path.

    Raises NoPartnership for an object whose model declares no path, rather than treating
    it as belonging nowhere."""
    path = partnership_path(type(obj))
    if not path:
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
    return getattr(obj, f"{last}_id")


def roles_for(user, obj) -> Roles:
    return roles_by_partnership(user).get(partnership_id_of(obj), Roles())


@dataclass(frozen=True)
class Access:
    """An object a user may view, and what else they may do with it.

    A subclass names its object as its first field and each other field is a flag, asked
    of the rules table (partnerships/rules.py) once, by the permission in FLAGS. Pages read
    the flags instead of asking for permissions again."""

    FLAGS: ClassVar[dict[str, str]] = {}

    @classmethod
    def for_user(cls, request, queryset, need: str | None = None, **lookup):
        """404 if there is no such object; 403 without a role in its partnership, or when
        the flag `need` is false."""
        obj = get_object_or_404(queryset, **lookup)
        if not request.user.has_perm("partnerships.view_partnership", obj):
            raise PermissionDenied
        flags = {name: request.user.has_perm(cls.FLAGS[name], obj) for name in cls.flag_names()}
        if need is not None and not flags[need]:
            raise PermissionDenied
        return cls(obj, **flags)

    @classmethod
    def flag_names(cls) -> list[str]:
        return [each.name for each in fields(cls)[1:]]


@dataclass(frozen=True)
class PartnershipAccess(Access):
    FLAGS: ClassVar[dict[str, str]] = {"can_manage": "partnerships.manage_partnership"}

    partnership: Partnership
    can_manage: bool


def partnership_for_user(request, slug: str, need: str | None = None) -> PartnershipAccess:
    return PartnershipAccess.for_user(request, Partnership.objects, need, slug=slug)
