"""The action and progress update pages' access helpers: the object and what the user may
do with it, each flag asked of the rules table once."""

from dataclasses import dataclass
from typing import ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.access import Access


@dataclass(frozen=True)
class ActionAccess(Access):
    FLAGS: ClassVar[dict[str, str]] = {
        "can_edit": "actions.edit_action",
        "can_add_progress": "actions.add_progress",
        "can_publish": "actions.publish_update",
    }

    action: Action
    can_edit: bool
    can_add_progress: bool
    can_publish: bool


@dataclass(frozen=True)
class UpdateAccess(Access):
    FLAGS: ClassVar[dict[str, str]] = {"can_publish": "actions.publish_update"}

    update: ProgressUpdate
    can_publish: bool


def action_for_user(request, pk: int, need: str | None = None) -> ActionAccess:
    # The lead agencies are read by the rule of who may add progress, and shown by the page.
    leads = ActionLead.objects.select_related("agency").order_by("order")
    actions = Action.objects.select_related("plan__partnership").prefetch_related(
        Prefetch("leads", queryset=leads)
    )
    return ActionAccess.for_user(request, actions, need, pk=pk)


def update_for_user(request, pk: int, need: str | None = None) -> UpdateAccess:
    updates = ProgressUpdate.objects.select_related("action__plan__partnership")
    return UpdateAccess.for_user(request, updates, need, pk=pk)


def require_publication_reviewer(request) -> None:
    """403 unless the user may open Requests to publish (see partnerships/rules.py)."""
    if not request.user.has_perm("actions.review_publication_requests"):
        raise PermissionDenied
