"""The sign-in and account pages in Chromium: no axe violations, errors included, and each
fits a 390 px wide screen."""

import re
import time

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_no_axe_violations,
    login,
    login_through_form,
    width_on_a_phone,
)
from tests.partnerships.two_factor_helpers import code_for, set_up_app
from tests.personas import *  # noqa: F403 (frank, police: fixtures)

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "amber-valley-signal-57"


def check(page):
    """No axe violations, and nothing wider than a 390 px screen."""
    assert_no_axe_violations(page)
    width = width_on_a_phone(page)
    assert width <= 390, f"{page.url} is {width} px wide at 390 px"


def path_in(message, pattern):
    match = re.search(rf"https?://[^/\s]+({pattern})", message.body)
    assert match, message.body
    return match.group(1)


def test_the_locked_out_page(browser_page, alice, settings):
    settings.AXES_FAILURE_LIMIT = 2
    login_through_form(browser_page, alice, password="wrong")
    login_through_form(browser_page, alice, password="wrong")
    expect(browser_page.get_by_role("heading", name="Your account is locked")).to_be_visible()
    check(browser_page)


def test_the_password_reset_pages(browser_page, alice):
    page = browser_page
    page.goto("/login/")
    page.get_by_role("link", name="I have forgotten my password").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    page.get_by_label("E-mail address").fill(alice.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    check(page)

    page.goto(path_in(mail.outbox[-1], r"/account/password-reset/[\w-]+/[\w-]+/"))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    check(page)
    page.get_by_label("New password", exact=True).fill("12345678")
    page.get_by_label("New password again").fill("12345678")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()
    check(page)


def test_the_invitation_pages(browser, browser_page, frank, police):
    page = browser_page
    login(page, frank)
    page.goto("/partnerships/northfield/people/")
    page.get_by_role("link", name="Invite someone by e-mail").click()
    expect(page.get_by_role("heading", name="Invite someone by e-mail")).to_be_visible()
    check(page)
    page.get_by_label("E-mail address").fill("not an address")
    page.get_by_role("radio", name="Agency officer").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    page.get_by_label("E-mail address").fill("gina@council.example")
    page.get_by_label("Agency (agency officers only)").select_option(label="Northfield Police")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitations not yet accepted")).to_be_visible()
    check(page)

    link = path_in(mail.outbox[-1], r"/partnerships/northfield/join/[\w-]+/")
    invitee = browser.new_context(base_url=page.url.split("/partnerships/")[0]).new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", name="Create your account")).to_be_visible()
    check(invitee)
    invitee.get_by_label("Username").fill("gina")
    invitee.get_by_role("button", name="Create your account").click()
    expect(invitee.get_by_text("There is a problem")).to_be_visible()
    check(invitee)
    invitee.get_by_label("First name").fill("Gina")
    invitee.get_by_label("Last name").fill("Green")
    invitee.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    invitee.get_by_label("Password again").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Create your account").click()
    expect(invitee.get_by_text("You are now agency officer of Northfield")).to_be_visible()

    invitee.goto(link)
    refused = invitee.get_by_role("heading", name="This invitation link does not work")
    expect(refused).to_be_visible()
    check(invitee)
    invitee.context.close()


def test_setting_up_two_factor_and_signing_in_with_it(browser_page, frank, settings):
    settings.REQUIRE_TWO_FACTOR = True
    page = browser_page
    login(page, frank)
    page.goto("/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    check(page)
    page.get_by_label("Code").fill("12345")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    device = TOTPDevice.objects.get(user=frank)
    time.sleep(1.5)  # one wrong code slows the next try by a second
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()

    page.goto("/account/")
    expect(page.get_by_text("You have 10 unused recovery codes")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Get new recovery codes").click()
    expect(page.get_by_role("heading", name="Get new recovery codes?")).to_be_visible()
    check(page)
    page.goto("/account/two-factor/remove/")
    refused = page.get_by_role("heading", name="You cannot turn off two-factor sign-in")
    expect(refused).to_be_visible()
    check(page)

    page.get_by_role("button", name=re.compile("Sign out")).first.click()
    login_through_form(page, frank)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    check(page)
    page.get_by_label("Code").fill("000000" if code_for(device, 1) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    time.sleep(1.5)
    # The set-up may have been accepted with a drift (a code typed as its period ended, on a
    # slow machine); the next period's code counts from the drift the server stored.
    device.refresh_from_db()
    page.get_by_label("Code").fill(code_for(device, 1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your partnerships")).to_be_visible()


def test_the_account_pages_of_a_user_without_two_factor(browser_page, bob):
    page = browser_page
    login(page, bob)
    page.goto("/")
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_text("Two-factor sign-in is off")).to_be_visible()
    check(page)
    page.goto("/account/two-factor/code/")
    expect(page.get_by_role("heading", name="Two-factor sign-in is not set up")).to_be_visible()
    check(page)
    page.goto("/account/password/")
    page.get_by_label("Old password").fill("wrong")
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)


def test_turning_two_factor_off(browser_page, bob):
    device, _ = set_up_app(bob)
    page = browser_page
    login(page, bob)
    page.goto("/")
    page.get_by_label("Code").fill(code_for(device, 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.goto("/account/two-factor/remove/")
    check(page)
    page.get_by_role("button", name="Turn off two-factor sign-in").click()
    expect(
        page.get_by_text("Two-factor sign-in is off. You sign in with your password.")
    ).to_be_visible()
    check(page)
