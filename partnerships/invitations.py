"""Inviting people by e-mail: the single-use link, the e-mail that carries it, and
accepting it (a new account with the invited role). Used by the People pages."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Agency, Invitation, Partnership
from partnerships.roles import grant_role


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    partnership: Partnership, email: str, role: str, agency: Agency | None, invited_by
) -> tuple[Invitation, str]:
    """A new invitation and the token of its link (kept nowhere but in the e-mail). An
    earlier invitation of the same address to the same partnership stops working."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        partnership.invitations.usable(now).filter(email__iexact=email).update(expires_at=now)
        invitation = Invitation.objects.create(
            partnership=partnership,
            email=email,
            role=role,
            agency=agency,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
        )
    return invitation, token


def send_invitation(invitation: Invitation, token: str) -> None:
    path = reverse("partnerships:accept_invitation", args=[invitation.partnership.slug, token])
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL.rstrip("/") + path,
        "days": settings.INVITATION_DAYS,
    }
    send_mail(
        f"You are invited to {invitation.partnership.name} on CSP Tracker",
        render_to_string("partnerships/email/invitation.txt", context),
        None,
        [invitation.email],
    )


def usable_invitation(partnership: Partnership, token: str) -> Invitation | None:
    """The invitation of this link, if it belongs to this partnership and still works."""
    return (
        partnership.invitations.usable()
        .select_related("agency")
        .filter(token_hash=hash_token(token))
        .first()
    )


class InvitationUsed(Exception):
    """The link was used (or expired) between showing the form and sending it."""


class UsernameTaken(Exception):
    """Someone took the username between checking the form and making the account."""


def accept(invitation: Invitation, username: str, password: str, **names):
    """Make the invitee's account and give it the role, once: the row is locked, so two
    submissions of the same link cannot both succeed."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().usable().filter(pk=invitation.pk)
        if locked.first() is None:
            raise InvitationUsed
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username=username, email=invitation.email, password=password, **names
                )
        except IntegrityError:
            raise UsernameTaken from None
        grant_role(user, invitation.partnership, invitation.role, invitation.agency)
        locked.update(accepted_at=timezone.now(), accepted_by=user)
    return user
