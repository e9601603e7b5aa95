"""Sessions end after a configurable idle time; the settings of sign-in come from the
environment and refuse bad values."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from csp.env import env_int
from partnerships.sessions import USED_KEY
from tests.factories import PASSWORD
from tests.settings_module import settings_under

ACCOUNT = reverse("account:index")


def sign_in(client, user):
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_lasts_the_idle_time_from_sign_in(client, bob, settings):
    settings.SESSION_COOKIE_AGE = 600
    session = sign_in(client, bob)
    left = (session.expire_date - timezone.now()).total_seconds()
    assert 590 < left <= 600


def test_a_session_ends_after_the_idle_time(client, bob):
    session = sign_in(client, bob)
    assert client.get(ACCOUNT).status_code == 200
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    response = client.get(ACCOUNT)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_using_the_session_moves_its_end(client, bob, settings):
    settings.SESSION_COOKIE_AGE = 600
    session = sign_in(client, bob)
    # The session was last renewed two minutes ago and ends in a moment.
    stored = client.session
    stored[USED_KEY] = int(time.time()) - 120
    stored.save()
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=5)
    )
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    left = (Session.objects.get(pk=session.pk).expire_date - timezone.now()).total_seconds()
    assert 590 < left <= 600
    assert response.cookies["sessionid"]["max-age"] == 600


def test_pages_within_a_minute_do_not_write_the_session(client, bob):
    session = sign_in(client, bob)
    soon = timezone.now() + datetime.timedelta(seconds=30)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)
    client.get(ACCOUNT)
    assert Session.objects.get(pk=session.pk).expire_date == soon


NAMES = ("SESSION_COOKIE_AGE", "REQUIRE_TWO_FACTOR", "AXES_FAILURE_LIMIT", "INVITATION_DAYS")


def sign_in_settings(monkeypatch, **env):
    """The sign-in settings as a start-up under `env` reads them, with the cool-off in seconds."""
    names = settings_under(monkeypatch, SECRET_KEY="k" * 50, **env)
    return [names[name] for name in NAMES] + [names["AXES_COOLOFF_TIME"].seconds]


def test_the_defaults_are_eight_hours_two_factor_on_ten_failures_fifteen_minutes(monkeypatch):
    assert sign_in_settings(monkeypatch, DEBUG="0") == [28800, True, 10, 7, 900]


def test_the_demo_has_two_factor_off_and_the_environment_sets_the_rest(monkeypatch):
    assert sign_in_settings(
        monkeypatch,
        DEBUG="1",
        SESSION_IDLE_SECONDS="900",
        AXES_FAILURE_LIMIT="5",
        AXES_COOLOFF_MINUTES="30",
        INVITATION_DAYS="3",
    ) == [900, False, 5, 3, 1800]


def test_production_may_turn_two_factor_off_explicitly(monkeypatch):
    assert sign_in_settings(monkeypatch, DEBUG="0", REQUIRE_TWO_FACTOR="0")[1] is False


def test_a_bad_value_stops_start_up_naming_it(monkeypatch):
    with pytest.raises(ImproperlyConfigured) as refused:
        sign_in_settings(monkeypatch, DEBUG="0", AXES_FAILURE_LIMIT="0")
    assert "AXES_FAILURE_LIMIT='0' is below its minimum, 1." in str(refused.value)


def test_env_int_refuses_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("IDLE", "30")
    with pytest.raises(ImproperlyConfigured, match="IDLE='30' is below its minimum, 60"):
        env_int("IDLE", 100, minimum=60)
    monkeypatch.setenv("IDLE", "60")
    assert env_int("IDLE", 100, minimum=60) == 60
