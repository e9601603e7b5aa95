"""The audit page in a real browser: zero axe violations (WCAG 2.2 A and AA) with changes,
filters, an error and pagination showing, and it fits a 390 px wide screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, width_on_a_phone
from tests.factories import (
    ActionFactory,
    ObservationFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def frank(partnership):
    user = UserFactory(username="frank", first_name="Frank", last_name="Admin")
    RoleFactory(user=user, partnership=partnership, name="partnership_admin")
    return user


@pytest.fixture
def history(partnership, alice):
    """Sixty-odd changes of every usual kind: created, changed (with long text), deleted."""
    plan = PlanFactory(partnership=partnership, title="Northfield action plan")
    action = ActionFactory(plan=plan, title="Run crime prevention surgeries")
    for number in range(25):
        action._history_user = alice
        action.title = f"Run crime prevention surgeries, round {number}"
        action.description = "A long description of what the surgeries do. " * 8
        action.save()
        ProgressUpdateFactory(action=action, text=f"Surgery {number} held.", author=alice)
    ObservationFactory(partnership=partnership, value=42)
    gone = ActionFactory(plan=plan, title="Withdrawn action")
    gone._history_user = alice
    gone.delete()
    return action


def url(partnership):
    return reverse("partnerships:audit", args=[partnership.slug])


def problems(page):
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in axe_violations(page)]


def test_the_audit_page_has_no_axe_violations_and_fits_a_narrow_screen(
    browser_page, partnership, frank, history
):
    login(browser_page, frank)
    response = browser_page.goto(url(partnership))

    assert response.status == 200
    expect(browser_page.get_by_role("navigation", name="Pages of changes")).to_be_visible()
    assert problems(browser_page) == []
    assert width_on_a_phone(browser_page) <= 390


def test_the_filtered_page_and_its_errors_have_no_axe_violations(
    browser_page, partnership, frank, history
):
    login(browser_page, frank)
    browser_page.goto(url(partnership))
    browser_page.get_by_label("What").select_option(label="Progress update")
    browser_page.get_by_role("button", name="Show changes").click()
    browser_page.wait_for_load_state()

    assert "kind=update" in browser_page.url
    expect(browser_page.get_by_text("25 changes found")).to_be_visible()
    assert problems(browser_page) == []

    browser_page.goto(url(partnership) + "?date_from_0=31&date_from_1=2&date_from_2=2026")
    expect(browser_page.get_by_text("There is a problem")).to_be_visible()
    assert problems(browser_page) == []
