"""The action list's choosers in Chromium: a plan found by typing and picked with the keyboard
from the server's suggestions, the list filtered by it; axe passes with the suggestions open;
a 390 px phone does not scroll sideways; and without JavaScript the search box and the
bounded select do the same."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actions.choices import LIMIT, plan_label
from tests.browser.conftest import PHONE, assert_no_axe_violations, login, open_page
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def national(db):
    """More partnerships, each with a running plan and an action, than a chooser lists."""
    today = datetime.date.today()
    start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    plans = []
    for number in range(LIMIT + 5):
        place = PartnershipFactory(name=f"Place {number:02} Community Safety Partnership")
        plan = PlanFactory(
            partnership=place,
            title=f"Plan {number:02}",
            period_start=start,
            period_end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
        )
        ActionFactory(plan=plan, title=f"Action of place {number:02}")
        plans.append(plan)
    return plans


@pytest.fixture
def phone(phone):
    """The phone of tests/browser/conftest.py, keeping what it refused under the policy."""
    refusals = []
    phone.on(
        "console",
        lambda message: (
            refusals.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    phone.refusals = refusals
    return phone


@pytest.fixture
def phone_without_chooser_script(plain_http, browser, live_server):
    """A phone on which the chooser's script never loads, as where scripts are off: the
    page is the same HTML either way. (Switching scripts off would stop axe too.)"""
    with open_page(browser, live_server.url, PHONE) as page:
        page.route("**/chooser.js", lambda route: route.abort())
        yield page


def listed_titles(page):
    return page.locator("table tbody tr th, table tbody tr td a").all_inner_texts()


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_plan_is_found_by_typing_and_picked_with_the_keyboard(phone, superuser, national):
    last = national[-1]
    login(phone, superuser)
    phone.goto(reverse("actions:list"))
    chooser = phone.get_by_role("combobox", name="Plan", exact=True)
    expect(chooser).to_be_visible()
    assert not phone.locator("select[name=plan]").is_visible()
    assert phone.get_by_label("Find a plan").count() == 0
    chooser.press_sequentially(f"place {LIMIT + 4}")
    suggestions = phone.get_by_role("listbox").get_by_role("option")
    expect(suggestions).to_have_text([plan_label(last)])
    assert_no_axe_violations(phone)
    assert fits_the_phone(phone)
    chooser.press("ArrowDown")
    phone.keyboard.press("Enter")
    assert chooser.input_value() == plan_label(last)
    phone.get_by_role("button", name="Show actions").click()
    phone.wait_for_url(f"**plan={last.pk}**")
    expect(phone.get_by_text("1 action found")).to_be_visible()
    expect(phone.get_by_role("link", name="Action of place 24")).to_be_visible()
    # The choice made keeps its label after the page comes back.
    assert phone.get_by_role("combobox", name="Plan", exact=True).input_value() == plan_label(last)
    assert_no_axe_violations(phone)
    assert fits_the_phone(phone)
    assert phone.refusals == []


def test_emptying_a_chooser_lists_every_plan_again(phone, superuser, national):
    first = national[0]
    login(phone, superuser)
    phone.goto(reverse("actions:list") + f"?plan={first.pk}")
    chooser = phone.get_by_role("combobox", name="Plan", exact=True)
    assert chooser.input_value() == plan_label(first)
    chooser.fill("")
    phone.get_by_role("button", name="Show actions").click()
    phone.wait_for_load_state()
    expect(phone.get_by_text(f"{len(national)} actions found")).to_be_visible()


def test_without_its_script_the_search_box_narrows_the_select(
    phone_without_chooser_script, superuser, national
):
    page = phone_without_chooser_script
    last = national[-1]
    login(page, superuser)
    page.goto(reverse("actions:list"))
    plans = page.get_by_label("Plan", exact=True)
    assert plans.locator("option").count() == LIMIT + 1
    page.get_by_label("Find a plan").fill(f"{LIMIT + 4}")
    page.get_by_role("button", name="Show actions").click()
    page.wait_for_load_state()
    plans.select_option(label=plan_label(last))
    page.get_by_role("button", name="Show actions").click()
    page.wait_for_load_state()
    expect(page.get_by_text("1 action found")).to_be_visible()
    expect(page.get_by_role("link", name="Action of place 24")).to_be_visible()
    assert_no_axe_violations(page)
    assert fits_the_phone(page)
