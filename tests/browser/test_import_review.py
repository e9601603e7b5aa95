"""The admin's import review driven by the keyboard alone, with zero axe violations."""

import pytest
from playwright.sync_api import expect

from actions.models import Action
from plans.models import ImportBatch
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

UNKNOWN = (
    "Northfield Community Safety Partnership Delivery Schedule 2019/20\n\n"
    "Intent\tBody\tClose\n"
    "Patrol the park every Friday\tPolice\tJune 2019\n"
    "Visit every primary school\tCouncil\tMarch 2020\n"
)


def choose_by_keyboard(page, label, typed):
    # Django's admin labels end with a colon.
    page.get_by_label(f"{label}:", exact=True).focus()
    page.keyboard.type(typed)


def press_button(page, name):
    page.get_by_role("button", name=name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_admin_reads_an_unknown_layout_by_giving_its_columns_roles(browser_page, tmp_path):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    document = tmp_path / "schedule.txt"
    document.write_text(UNKNOWN, encoding="utf-8")
    page = browser_page
    login(page, admin)
    page.goto("/admin/plans/importbatch/upload/")
    assert_no_axe_violations(page)
    page.get_by_label("Document").set_input_files(str(document))
    press_button(page, "Preview")

    assert "no known layout" in page.inner_text("#content")
    assert_no_axe_violations(page)
    choose_by_keyboard(page, "Intent", "Action")
    choose_by_keyboard(page, "Body", "Lead")
    choose_by_keyboard(page, "Close", "Timescale")
    press_button(page, "Read again with these corrections")

    expect(page.get_by_role("heading", name="Actions (2)")).to_be_visible()
    assert_no_axe_violations(page)
    press_button(page, "Confirm and import")

    batch = ImportBatch.objects.get()
    assert batch.corrections["columns"] == {
        "Intent": "title",
        "Body": "leads",
        "Close": "timescale",
    }
    assert Action.objects.count() == 2
