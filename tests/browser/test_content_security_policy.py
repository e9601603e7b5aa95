"""The pages under their Content-Security-Policy in a real browser: no script or style
refused (the console would say so), GOV.UK Frontend started, charts drawn, and the admin
working, with 'unsafe-inline' allowed nowhere."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, login, width_on_a_phone
from tests.browser.test_performance_pages import figures  # noqa: F401 (a fixture)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# GOV.UK Frontend is imported by init.js after the page's load event when it is not yet
# cached, so the tests wait for this to become true (failing after Playwright's timeout).
FRONTEND_STARTED = """() => document.body.classList.contains("govuk-frontend-supported")
    && document.querySelector("[data-module=govuk-service-navigation]")
        .hasAttribute("data-govuk-service-navigation-init")"""


@pytest.fixture
def refusals(browser_page):
    """What the browser refused under the policy, as it reports it on the console."""
    found = []
    browser_page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_dashboard_starts_its_scripts_and_draws_its_charts(
    browser_page,
    refusals,
    bob,
    figures,  # noqa: F811
):
    login(browser_page, bob)
    response = browser_page.goto(f"/performance/partnerships/{figures.partnership.slug}/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    browser_page.wait_for_function(FRONTEND_STARTED)
    assert browser_page.evaluate("Object.keys(Chart.instances).length") >= 2
    assert refusals == []


def test_an_error_page_starts_its_scripts_and_fits_a_narrow_screen(browser_page, refusals):
    response = browser_page.goto("/no-such-page/")
    assert response.status == 404
    expect(browser_page.get_by_role("heading", name="Page not found")).to_be_visible()
    browser_page.wait_for_function(FRONTEND_STARTED)
    assert refusals == []
    assert_no_axe_violations(browser_page)
    assert width_on_a_phone(browser_page) <= 390


@pytest.fixture
def admin_user(settings):
    settings.REQUIRE_TWO_FACTOR = False  # the admin's pages are under test, not the sign-in
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_the_admin_works_under_the_same_policy(browser_page, refusals, admin_user, partnership):
    login(browser_page, admin_user)
    response = browser_page.goto("/admin/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(browser_page.get_by_role("heading", name="Site administration")).to_be_visible()
    browser_page.goto("/admin/partnerships/partnership/")
    browser_page.get_by_role("link", name=partnership.name).click()
    browser_page.wait_for_load_state()
    expect(browser_page.get_by_role("button", name="Save", exact=True)).to_be_visible()
    # The admin's own scripts run: its theme toggle and sidebar filter are scripted.
    assert browser_page.evaluate("typeof django !== 'undefined' && typeof django.jQuery")
    browser_page.goto("/admin/auth/user/add/")
    expect(browser_page.get_by_label("Username")).to_be_visible()
    assert refusals == []
