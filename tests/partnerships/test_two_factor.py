"""Two-factor sign-in: required for staff and partnership admins when the setting is on,
optional for everyone else, with recovery codes. Codes are real TOTP codes."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Role
from partnerships.two_factor import must_use_two_factor
from tests.factories import PASSWORD, AgencyFactory, RoleFactory, UserFactory
from tests.partnerships.two_factor_helpers import code_for, set_up_app

LOGIN = reverse("login")
SETUP = reverse("account:two_factor_setup")
VERIFY = reverse("account:two_factor_verify")
ACCOUNT = reverse("account:index")
REMOVE = reverse("account:two_factor_remove")
NEW_CODES = reverse("account:recovery_codes")
PEOPLE = reverse("partnerships:people", args=["northfield"])


@pytest.fixture(autouse=True)
def _required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def sign_in(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    return client.post(f"{LOGIN}?next={next_url}" if next_url else LOGIN, data)


def signed_in_with_app(client, user):
    """`user` with an app, signed in with the password and the app's code."""
    device, codes = set_up_app(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_for(device, 1)})
    return device, codes


def test_a_viewer_without_an_app_signs_in_with_the_password_alone(client, bob):
    assert sign_in(client, bob).url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("partnerships:detail", args=["northfield"])).status_code == 200


def test_a_partnership_admin_must_set_up_two_factor_before_any_page(client, frank):
    sign_in(client, frank)
    for url in (reverse("home"), PEOPLE, ACCOUNT, reverse("actions:list")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(SETUP + "?next="), url


def test_staff_must_set_it_up_before_the_admin(client, superuser):
    sign_in(client, superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fadmin%2F"


def test_setting_it_up_shows_a_qr_code_and_turns_it_on_with_a_real_code(client, frank):
    sign_in(client, frank)
    page = client.get(f"{SETUP}?next={PEOPLE}")
    assert page.status_code == 200
    assert "<svg" in page.text and "QR code for your authenticator app" in page.text
    device = TOTPDevice.objects.get(user=frank, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret and secret in page.text.replace(" ", "")
    # Reloading keeps the same key, so an app that already scanned it still works.
    assert client.get(SETUP).context["secret"].replace(" ", "") == secret

    shown = client.post(SETUP, {"code": code_for(device), "next": PEOPLE})
    assert shown.status_code == 200
    codes = shown.context["codes"]
    assert len(codes) == 10
    assert all(code in shown.text for code in codes)
    assert "the only time they are shown" in shown.text
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(PEOPLE).status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client, frank):
    sign_in(client, frank)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=frank)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert "There is a problem" in response.text
    assert not TOTPDevice.objects.filter(user=frank, confirmed=True).exists()
    assert client.get(PEOPLE).url.startswith(SETUP)


def test_a_user_with_an_app_gives_a_code_after_the_password(client, bob):
    device, _ = set_up_app(bob)
    response = sign_in(client, bob, next_url=reverse("actions:list"))
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url == f"{VERIFY}?next=%2Factions%2F"
    assert client.get(ACCOUNT).url.startswith(VERIFY)
    page = client.get(follow.url)
    assert page.status_code == 200 and "Enter your code" in page.text

    done = client.post(VERIFY, {"code": code_for(device, 1), "next": "/actions/"})
    assert done.status_code == 302 and done.url == "/actions/"
    assert client.get(ACCOUNT).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, bob):
    set_up_app(bob)
    sign_in(client, bob)
    response = client.post(VERIFY, {"code": "12345x"})
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert client.get(ACCOUNT).url.startswith(VERIFY)


def test_repeated_wrong_codes_make_the_user_wait(client, bob):
    device, _ = set_up_app(bob)
    sign_in(client, bob)
    right = code_for(device, 1)
    client.post(VERIFY, {"code": "000000" if right != "000000" else "111111"})
    response = client.post(VERIFY, {"code": right})
    # After a wrong code the app is throttled for a moment: even the right code waits.
    assert "Too many wrong codes: wait" in response.text
    assert client.get(ACCOUNT).url.startswith(VERIFY)


def test_a_recovery_code_signs_in_once(client, bob):
    _, codes = set_up_app(bob)
    sign_in(client, bob)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(ACCOUNT).status_code == 200
    assert StaticToken.objects.filter(device__user=bob).count() == 9

    client.logout()
    sign_in(client, bob)
    again = client.post(VERIFY, {"code": codes[0]})
    assert "That code is not right" in again.text


def test_the_code_page_refuses_to_send_people_to_another_site(client, bob):
    device, _ = set_up_app(bob)
    sign_in(client, bob)
    response = client.post(VERIFY, {"code": code_for(device, 1), "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_the_password_alone_cannot_replace_an_app(client, bob):
    device, _ = set_up_app(bob)
    sign_in(client, bob)
    assert client.get(SETUP).url == ACCOUNT
    client.post(SETUP, {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=bob)) == [device]
    assert client.get(ACCOUNT).url.startswith(VERIFY)


def test_with_the_setting_off_admins_need_no_app(client, frank, superuser, settings):
    settings.REQUIRE_TWO_FACTOR = False
    sign_in(client, frank)
    assert client.get(PEOPLE).status_code == 200
    client.logout()
    sign_in(client, superuser)
    assert client.get(reverse("admin:index")).status_code == 200


def test_anyone_may_set_it_up_from_the_account_page(client, bob):
    client.force_login(bob)
    page = client.get(ACCOUNT)
    assert "Two-factor sign-in is off" in page.text
    assert SETUP in page.text
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=bob)
    client.post(SETUP, {"code": code_for(device)})
    page = client.get(ACCOUNT)
    assert "Two-factor sign-in is on" in page.text
    assert "You have 10 unused recovery codes" in page.text


def test_a_viewer_turns_it_off_from_the_account_page(client, bob):
    device, _ = signed_in_with_app(client, bob)
    assert "Turn off two-factor sign-in?" in client.get(REMOVE).text
    response = client.post(REMOVE)
    assert response.url == ACCOUNT
    assert not TOTPDevice.objects.filter(user=bob).exists()
    assert not StaticToken.objects.filter(device__user=bob).exists()
    assert "Two-factor sign-in is off" in client.get(ACCOUNT).text


def test_a_partnership_admin_cannot_turn_it_off_while_it_is_required(client, frank):
    device, _ = signed_in_with_app(client, frank)
    assert "You cannot turn off two-factor sign-in" in client.get(REMOVE).text
    assert client.post(REMOVE).status_code == 403
    assert TOTPDevice.objects.filter(user=frank, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(client, bob):
    device, old = signed_in_with_app(client, bob)
    assert "Get new recovery codes?" in client.get(NEW_CODES).text
    response = client.post(NEW_CODES)
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    stored = set(StaticToken.objects.filter(device__user=bob).values_list("token", flat=True))
    assert stored == set(new)


def test_a_session_whose_app_was_deleted_by_an_admin_is_not_stuck(client, bob):
    set_up_app(bob)
    sign_in(client, bob)
    TOTPDevice.objects.filter(user=bob).delete()
    assert "Two-factor sign-in is not set up" in client.get(VERIFY).text
    assert client.get(ACCOUNT).status_code == 200


def test_the_recovery_codes_page_shows_codes_only_in_its_answer(client, bob):
    """The codes are in the response to the POST that made them, never in a page to GET."""
    device, _ = signed_in_with_app(client, bob)
    codes = client.post(NEW_CODES).context["codes"]
    for url in (ACCOUNT, NEW_CODES):
        text = client.get(url).text
        assert not any(re.search(rf"\b{code}\b", text) for code in codes)


def test_someone_no_longer_required_to_set_it_up_may_leave_the_set_up_page(client, frank):
    sign_in(client, frank)
    assert client.get(PEOPLE).url.startswith(SETUP)
    frank.partnership_roles.update(name="coordinator")
    page = client.get(SETUP)
    assert "Cancel" in page.text
    assert client.get(ACCOUNT).status_code == 200


@pytest.mark.parametrize("role", Role.Name.values)
def test_whoever_may_manage_a_partnership_must_use_it_and_no_one_else(partnership, role):
    user = UserFactory(username=f"holder-{role}")
    agency = AgencyFactory() if role == Role.Name.AGENCY_OFFICER else None
    RoleFactory(user=user, partnership=partnership, name=role, agency=agency)

    may_manage = user.has_perm("partnerships.manage_partnership", partnership)

    assert must_use_two_factor(user) is may_manage
    assert may_manage is (role == Role.Name.PARTNERSHIP_ADMIN)
