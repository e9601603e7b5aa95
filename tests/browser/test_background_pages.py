"""The pages that follow a background task, in Chromium: axe, a 390 px phone, and htmx
asking again until the task is done, under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from plans.models import DocumentImportJob
from tests.background import run_worker, use_database_backend
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import UserFactory
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def waiting_job(settings, root):
    use_database_backend(settings)
    data = (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    return DocumentImportJob.start("plan.txt", data, "0" * 64, {}, root)


def test_the_import_page_follows_the_job_until_it_is_done(browser_page, root, waiting_job):
    page = browser_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    login(page, root)
    page.set_viewport_size(PHONE)
    page.goto(f"/admin/plans/importbatch/jobs/{waiting_job.pk}/")
    assert page.inner_text("#import-state") == "Waiting for a worker"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    run_worker()
    # No reload: htmx asks again every 2 seconds and swaps the progress in.
    expect(page.locator("#import-state")).to_have_text("Imported", timeout=15000)
    expect(page.get_by_role("link", name="See what the import created")).to_be_visible()
    assert_no_axe_violations(page)
    # htmx inserts no inline style the policy would refuse (the favicon's 404 is no matter).
    assert [error for error in errors if "Content Security Policy" in error] == []


def test_the_backups_page_passes_axe_on_a_phone(browser_page, root, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    login(page, root)
    page.set_viewport_size(PHONE)
    page.goto("/admin/backups/")
    with page.expect_navigation():
        page.get_by_role("button", name="Make a backup now").click()
    expect(page.locator("#backup-progress")).to_contain_text("csp-backup-")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
