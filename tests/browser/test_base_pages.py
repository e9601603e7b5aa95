import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, login, login_through_form
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_login_page_has_no_axe_violations(browser_page):
    browser_page.goto("/login/")
    assert browser_page.title() == "Sign in – CSP Tracker"
    assert_no_axe_violations(browser_page)


def test_the_login_page_with_errors_has_no_axe_violations(browser_page, alice):
    login_through_form(browser_page, alice, password="not-the-password")
    expect(browser_page.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(browser_page)


def test_signing_in_through_the_form_shows_the_users_partnerships(browser_page, alice, partnership):
    PlanFactory(partnership=partnership, title="Action plan 2025/26")
    login_through_form(browser_page, alice)
    expect(browser_page.get_by_role("heading", name="Your partnerships")).to_be_visible()
    expect(browser_page.get_by_role("link", name="Action plan 2025/26")).to_be_visible()
    assert_no_axe_violations(browser_page)


def test_the_home_page_has_no_axe_violations_when_signed_out(browser_page):
    browser_page.goto("/")
    assert_no_axe_violations(browser_page)


def test_the_partnership_page_has_no_axe_violations(browser_page, bob, partnership):
    PlanFactory(partnership=partnership)
    login(browser_page, bob)
    browser_page.goto(partnership.get_absolute_url())
    expect(browser_page.get_by_role("heading", name=partnership.name)).to_be_visible()
    assert_no_axe_violations(browser_page)
