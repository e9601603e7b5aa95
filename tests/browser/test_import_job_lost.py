"""The page of an import whose worker was lost, in Chromium: axe on a 390 px phone, and the
button that tries the import again with the document kept."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import DocumentImportJob
from tests.browser.conftest import assert_no_axe_violations, login
from tests.factories import UserFactory
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_stopped_import_can_be_tried_again_from_its_page(browser_page):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    long_ago = timezone.now() - timedelta(hours=1)
    job = DocumentImportJob.objects.create(
        file_name="plan.txt",
        document=(DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes(),
        sha256="0" * 64,
        requested_by=root,
        state="running",
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    page = browser_page
    login(page, root)
    page.set_viewport_size(PHONE)
    page.goto(f"/admin/plans/importbatch/jobs/{job.pk}/")
    assert page.inner_text("#import-state") == "Stopped: the worker was lost"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Try the import again").click()
    expect(page.get_by_text("Imported plan.txt.")).to_be_visible()
    assert DocumentImportJob.objects.get().state == "done"
