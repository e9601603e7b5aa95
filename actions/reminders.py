"""The reminder digest: one e-mail per person listing the late actions they can update.

Who gets one: every active agency officer and coordinator with an e-mail address (see
rules.py for what each may update). What it lists: open actions of plans running now that
are overdue or have had no update for longer than their partnership's interval. Nobody gets
an e-mail with nothing in it. Plans that have ended are left out, like on "My actions".
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string

from actions.models import Action
from partnerships.access import Roles, in_partnerships
from partnerships.models import Role
from partnerships.rules import scope_of

REMINDED_ROLES = [Role.Name.AGENCY_OFFICER, Role.Name.COORDINATOR]


@dataclass
class Digest:
    user: object
    overdue: list[Action] = field(default_factory=list)
    stale: list[Action] = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.overdue or self.stale)

    def add(self, action: Action):
        if action in self.overdue or action in self.stale:
            return
        (self.overdue if action.is_overdue else self.stale).append(action)

    @property
    def subject(self):
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} overdue")
        if self.stale:
            parts.append(f"{len(self.stale)} with no recent update")
        return f"CSP Tracker: your actions, {' and '.join(parts)}"


def late_actions(today: datetime.date, partnership_ids):
    return (
        in_partnerships(Action.objects.all(), partnership_ids)
        .in_current_plans(today)
        .with_lateness(today)
        .filter(Q(is_overdue=True) | Q(is_stale=True))
        .select_related("plan__partnership")
        .prefetch_related("leads")
        .order_by("plan__partnership__name", "plan__title", "due_date", "order", "pk")
    )


def build_digests(today: datetime.date) -> list[Digest]:
    """Every digest that has something in it, one per person, in username order."""
    roles = list(
        Role.objects.filter(name__in=REMINDED_ROLES, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    late_by_partnership = {}
    for action in late_actions(today, {role.partnership_id for role in roles}):
        late_by_partnership.setdefault(action.plan.partnership_id, []).append(action)
    digests = {}
    for role in roles:
        digest = digests.setdefault(role.user_id, Digest(role.user))
        # What this role may add progress to (rules.PROGRESS_SCOPE), as the update form asks.
        scope = scope_of(Roles({role.name}, {role.agency_id} - {None}))
        for action in late_by_partnership.get(role.partnership_id, []):
            if scope is not None and scope.covers(lead.agency_id for lead in action.leads.all()):
                digest.add(action)
    return [digest for digest in digests.values() if not digest.is_empty]


def message_for(digest: Digest, today: datetime.date) -> EmailMessage:
    body = render_to_string(
        "actions/email/reminder.txt",
        {"digest": digest, "today": today, "site_url": settings.SITE_URL.rstrip("/")},
    )
    return EmailMessage(digest.subject, body, to=[digest.user.email])


def send_digests(digests: list[Digest], today: datetime.date) -> int:
    messages = [message_for(digest, today) for digest in digests]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def send_reminders(today: datetime.date) -> int:
    """The weekly run: build every digest due and send them; the number sent."""
    return send_digests(build_digests(today), today)
