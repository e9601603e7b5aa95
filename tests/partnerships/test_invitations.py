"""A partnership admin invites someone by e-mail; the single-use link makes their account."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships.invitations import InvitationUsed, UsernameTaken, accept, hash_token, invite
from partnerships.models import Invitation, Role
from tests.factories import RoleFactory, UserFactory

INVITE = reverse("partnerships:invite", args=["northfield"])
PEOPLE = reverse("partnerships:people", args=["northfield"])
NEW_PASSWORD = "violet-harbour-lantern-93"
User = get_user_model()


def link_in(message) -> str:
    match = re.search(r"https?://\S+/partnerships/[\w-]+/join/[\w-]+/", message.body)
    assert match, message.body
    return match.group(0)


def path_of(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def account_data(**changes):
    data = {
        "username": "gina",
        "first_name": "Gina",
        "last_name": "Green",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return {**data, **changes}


@pytest.fixture
def invited(frank, partnership, client):
    """Frank's invitation of gina@council.example as coordinator, and its link's path."""
    client.force_login(frank)
    client.post(INVITE, {"email": "gina@council.example", "name": "coordinator"})
    client.logout()
    return path_of(link_in(mail.outbox[-1]))


def test_a_partnership_admin_invites_someone_by_email(client, frank, partnership, settings):
    settings.SITE_URL = "https://csp.example.org"
    client.force_login(frank)
    assert "Invite someone by e-mail" in client.get(PEOPLE).text
    response = client.post(INVITE, {"email": "gina@council.example", "name": "viewer"})
    assert response.status_code == 302 and response.url == PEOPLE
    assert "An invitation has been sent to gina@council.example." in client.get(PEOPLE).text

    [message] = mail.outbox
    assert message.to == ["gina@council.example"]
    assert "Northfield Community Safety Partnership" in message.subject
    assert "as viewer" in message.body and "for 7 days" in message.body
    link = link_in(message)
    assert link.startswith("https://csp.example.org/partnerships/northfield/join/")
    invitation = Invitation.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Only the token's hash is stored: the table alone cannot accept an invitation.
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert invitation.invited_by == frank and invitation.role == "viewer"
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_the_people_page_lists_invitations_not_yet_accepted(client, frank, invited):
    client.force_login(frank)
    text = client.get(PEOPLE).text
    assert "Invitations not yet accepted" in text and "gina@council.example" in text


def test_the_invitee_makes_their_account_and_holds_the_role(client, invited, partnership):
    page = client.get(invited)
    assert page.status_code == 200
    assert "invited to Northfield Community Safety Partnership as coordinator" in page.text
    response = client.post(invited, account_data())
    assert response.status_code == 302 and response.url == partnership.get_absolute_url()

    gina = User.objects.get(username="gina")
    assert gina.email == "gina@council.example" and gina.get_full_name() == "Gina Green"
    assert gina.check_password(NEW_PASSWORD)
    assert Role.objects.filter(user=gina, partnership=partnership, name="coordinator").exists()
    welcome = client.get(response.url)
    assert welcome.context["user"] == gina
    assert "You are now coordinator of Northfield" in welcome.text
    assert Invitation.objects.get().accepted_by == gina


def test_an_agency_officer_is_invited_with_their_agency(client, frank, police, partnership):
    client.force_login(frank)
    client.post(
        INVITE, {"email": "pc@police.example", "name": "agency_officer", "agency": police.pk}
    )
    assert "of Northfield Police" in mail.outbox[0].body
    client.logout()
    client.post(path_of(link_in(mail.outbox[0])), account_data(username="pc"))
    role = Role.objects.get(user__username="pc")
    assert role.name == "agency_officer" and role.agency == police


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "name": "viewer"}, "Enter an e-mail address like"),
        ({"email": "bob@example.org", "name": "viewer"}, "already has an account"),
        ({"email": "pc@police.example", "name": "agency_officer"}, "Choose the agency"),
        ({"email": "pc@police.example", "name": "boss"}, "Select a valid choice"),
    ],
)
def test_it_explains_what_is_wrong_with_an_invitation(client, frank, bob, data, message):
    client.force_login(frank)
    response = client.post(INVITE, data)
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize("persona", ["alice", "bob", "dora", "charlie"])
def test_only_a_partnership_admin_of_this_partnership_invites(
    client, partnership, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(INVITE).status_code == 403
    assert client.post(INVITE, {"email": "x@example.org", "name": "viewer"}).status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_admin_of_another_partnership_cannot_invite_into_this_one(
    client, partnership, other_partnership
):
    southgate_admin = UserFactory(username="sam")
    RoleFactory(user=southgate_admin, partnership=other_partnership, name="partnership_admin")
    client.force_login(southgate_admin)
    response = client.post(INVITE, {"email": "x@example.org", "name": "partnership_admin"})
    assert response.status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_link_works_once(client, invited):
    client.post(invited, account_data())
    client.logout()
    assert client.get(invited).status_code == 404
    again = client.post(invited, account_data(username="mallory"))
    assert again.status_code == 404
    assert "This invitation link does not work" in again.text
    assert not User.objects.filter(username="mallory").exists()


def test_the_link_stops_working_when_it_expires(client, invited, settings):
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(invited, account_data())
    assert response.status_code == 404
    assert not User.objects.filter(username="gina").exists()


def test_the_expiry_follows_the_setting(frank, partnership, settings):
    settings.INVITATION_DAYS = 2
    invitation, _ = invite(partnership, "x@example.org", "viewer", None, frank)
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=2)


def test_the_link_does_not_work_for_another_partnership(client, invited, other_partnership):
    elsewhere = invited.replace("/northfield/", "/southgate/")
    assert client.get(elsewhere).status_code == 404
    assert client.post(elsewhere, account_data()).status_code == 404
    assert not Role.objects.filter(partnership=other_partnership, user__username="gina").exists()


def test_a_made_up_link_does_not_work(client, partnership):
    url = reverse("partnerships:accept_invitation", args=["northfield", "made-up-token"])
    response = client.get(url)
    assert response.status_code == 404 and "does not work" in response.text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short"),
        ("password123", "This password is too common"),
        ("83927461023", "This password is entirely numeric"),
        ("gina.council", "The password is too similar to the"),
    ],
)
def test_the_password_must_pass_the_validators(client, invited, password, message):
    response = client.post(invited, account_data(password1=password, password2=password))
    assert response.status_code == 200
    assert message in response.text and "There is a problem" in response.text
    assert not User.objects.filter(username="gina").exists()
    assert client.get(invited).status_code == 200  # the link still works


def test_a_username_already_taken_is_refused(client, invited, bob):
    response = client.post(invited, account_data(username="BOB"))
    assert "A user with that username already exists" in response.text
    assert Invitation.objects.usable().exists()


def test_a_new_invitation_replaces_an_earlier_one_to_the_same_address(frank, partnership):
    first, first_token = invite(partnership, "gina@council.example", "viewer", None, frank)
    second, _ = invite(partnership, "GINA@council.example", "coordinator", None, frank)
    assert list(partnership.invitations.usable()) == [second]
    with pytest.raises(InvitationUsed):
        accept(first, "gina", NEW_PASSWORD)


def test_an_invitation_is_accepted_only_once_even_when_sent_twice(frank, partnership):
    invitation, _ = invite(partnership, "gina@council.example", "viewer", None, frank)
    accept(invitation, "gina", NEW_PASSWORD)
    with pytest.raises(InvitationUsed):
        accept(invitation, "gina2", NEW_PASSWORD)
    assert User.objects.filter(email="gina@council.example").count() == 1


def test_an_invited_partnership_admin_sets_up_two_factor_first(client, frank, settings):
    client.force_login(frank)
    client.post(INVITE, {"email": "gina@council.example", "name": "partnership_admin"})
    client.logout()
    settings.REQUIRE_TWO_FACTOR = True
    response = client.post(path_of(link_in(mail.outbox[0])), account_data())
    assert client.get(response.url).url.startswith(reverse("account:two_factor_setup"))


def test_an_admin_sees_invitations_but_not_their_links_and_can_withdraw_them(
    client, superuser, frank, partnership
):
    invitation, token = invite(partnership, "gina@council.example", "viewer", None, frank)
    client.force_login(superuser)
    listing = client.get(reverse("admin:partnerships_invitation_changelist"))
    assert "gina@council.example" in listing.text
    detail = client.get(reverse("admin:partnerships_invitation_change", args=[invitation.pk]))
    assert detail.status_code == 200
    assert token not in detail.text and invitation.token_hash not in detail.text
    client.post(
        reverse("admin:partnerships_invitation_changelist"),
        {"action": "withdraw", "_selected_action": [invitation.pk]},
    )
    assert not Invitation.objects.usable().exists()


def test_a_username_taken_at_the_last_moment_leaves_the_invitation_usable(frank, partnership, bob):
    invitation, _ = invite(partnership, "gina@council.example", "viewer", None, frank)
    with pytest.raises(UsernameTaken):
        accept(invitation, "bob", NEW_PASSWORD)
    assert partnership.invitations.usable().get() == invitation
    assert not Role.objects.filter(partnership=partnership, name="viewer").exclude(user=bob)
