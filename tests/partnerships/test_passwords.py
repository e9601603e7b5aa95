"""Password reset by e-mail and password change: Django's own views, GOV.UK pages, the
password validators on."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_default_password_validators
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

RESET = reverse("account:password_reset")
CHANGE = reverse("account:password_change")
NEW_PASSWORD = "quiet-meadow-copper-61"


@pytest.fixture
def dora(db):
    return UserFactory(username="dora", email="dora@police.example")


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/password-reset/[\w-]+/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_login_page_links_to_password_reset(client, db):
    assert f'href="{RESET}"' in client.get(reverse("login")).text


def test_the_validators_are_on():
    names = {type(v).__name__ for v in get_default_password_validators()}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


def test_a_reset_link_sets_a_new_password(client, dora):
    assert client.get(RESET).status_code == 200
    response = client.post(RESET, {"email": "DORA@police.example"})
    assert response.url == reverse("account:password_reset_sent")
    assert "Check your e-mail" in client.get(response.url).text
    [message] = mail.outbox
    assert message.to == ["dora@police.example"]
    assert message.subject == "Reset your CSP Tracker password"

    form_page = client.get(reset_link(message), follow=True)
    assert "Choose a new password" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.url == reverse("account:password_reset_done")
    assert "Your password has been changed" in client.get(done.url).text
    assert not get_user_model().objects.get(pk=dora.pk).check_password(PASSWORD)
    signed_in = client.post(reverse("login"), {"username": "dora", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, dora):
    response = client.post(RESET, {"email": "nobody@example.org"})
    assert response.url == reverse("account:password_reset_sent")
    assert not mail.outbox


def test_a_bad_address_is_explained(client, db):
    response = client.post(RESET, {"email": "not an address"})
    assert response.status_code == 200
    assert "There is a problem" in response.text and "Enter a valid email address" in response.text


def test_the_new_password_must_pass_the_validators(client, dora):
    client.post(RESET, {"email": "dora@police.example"})
    page = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 200
    assert "This password is too common" in response.text
    assert get_user_model().objects.get(pk=dora.pk).check_password(PASSWORD)


def test_a_reset_link_works_once(client, dora):
    client.post(RESET, {"email": "dora@police.example"})
    link = reset_link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    client.logout()
    again = client.get(link, follow=True)
    assert "This link does not work" in again.text


def test_a_signed_in_user_changes_their_password(client, dora):
    client.force_login(dora)
    assert "Change your password" in client.get(CHANGE).text
    wrong = client.post(
        CHANGE,
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your old password was entered incorrectly" in wrong.text
    response = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("account:password_changed")
    assert "Back to your account" in client.get(response.url).text
    assert get_user_model().objects.get(pk=dora.pk).check_password(NEW_PASSWORD)


def test_changing_a_password_needs_a_sign_in(client, db):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
