"""Repeated sign-in failures lock out the username and the address (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")


@pytest.fixture
def dora(db):
    return UserFactory(username="dora")


def fail(client, url, username="dora", times=1, **extra):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong"}, **extra)
    return response


def sign_in(client, url=LOGIN, username="dora", **extra):
    return client.post(url, {"username": username, "password": PASSWORD}, **extra)


def test_it_locks_out_after_ten_failures_by_default(client, dora, settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    assert fail(client, LOGIN, times=9).status_code == 200
    assert sign_in(client).status_code == 302  # nine failures: still let in
    client.logout()
    assert fail(client, LOGIN, times=10).status_code == 429
    response = sign_in(client)
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_the_locked_out_page_says_how_long_to_wait(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    response = fail(client, LOGIN, times=3)
    assert response.status_code == 429
    text = response.text
    assert "<title>Your account is locked – CSP Tracker</title>" in text
    assert "You can try again in 15 minutes" in text
    assert "govuk-heading-l" in text


def test_the_wait_follows_the_setting(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=1)
    assert "You can try again in 1 minute." in fail(client, LOGIN, times=2).text


def test_it_locks_out_the_admin_login_too(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    fail(client, ADMIN_LOGIN, times=3)
    response = sign_in(client, ADMIN_LOGIN)
    assert response.status_code == 429
    assert "Your account is locked" in response.text
    # The lock holds on the service's own form as well: it is the same account.
    assert sign_in(client).status_code == 429


def test_a_username_is_locked_whatever_address_the_guesses_come_from(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for number in range(3):
        fail(client, LOGIN, REMOTE_ADDR=f"198.51.100.{number}")
    assert sign_in(client, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_an_address_is_locked_whatever_usernames_it_tries(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for name in ("ann", "ben", "cat"):
        fail(client, LOGIN, username=name, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert sign_in(client, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for number, name in enumerate(("ann", "ben", "cat")):
        # A client may put anything first; the proxy appends the address it really saw.
        forwarded = f"10.0.0.{number}, 198.51.100.7"
        fail(client, LOGIN, username=name, HTTP_X_FORWARDED_FOR=forwarded)
    locked = sign_in(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7")
    assert locked.status_code == 429
    assert sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_a_success_after_fewer_failures_starts_the_count_again(client, dora, settings):
    settings.AXES_FAILURE_LIMIT = 3
    fail(client, LOGIN, times=2)
    assert sign_in(client).status_code == 302
    client.logout()
    fail(client, LOGIN, times=2)
    assert sign_in(client).status_code == 302


def test_an_admin_unlocks_an_account(client, dora, superuser, settings):
    settings.AXES_FAILURE_LIMIT = 3
    fail(client, LOGIN, times=3)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    assert attempts
    admin = client.__class__()
    admin.force_login(superuser)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "dora" in listing.text
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client).status_code == 302


def test_only_staff_see_the_lockouts(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(ADMIN_LOGIN)
