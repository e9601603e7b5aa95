"""The meeting pack in Chromium: the St Albans 2019/20 plan prints on at most four A4 pages
with the footer on each; no axe violations for any role that sees it; it and its issue form
fit 390 px."""

import datetime
import io
import os
from pathlib import Path

import pdfplumber
import pytest
from playwright.sync_api import expect

from actions.models import Action, Rag
from partnerships.models import Agency, Partnership
from performance.meeting_pack import issue_pack
from performance.periods import Period
from plans.importing.service import import_document
from plans.models import Plan
from tests.browser.conftest import assert_no_axe_violations, login, width_on_a_phone
from tests.factories import (
    IndicatorFactory,
    ObservationFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)
from tests.performance.shared_files import shared_file

pytestmark = pytest.mark.django_db(transaction=True)
ROLES = ["viewer", "agency_officer", "coordinator", "partnership_admin", "superuser"]
UPDATE = (
    "The partnership met twice this quarter; the lead agency reports that the work is behind "
    "its timetable because a post is vacant, and a recovery plan goes to the next meeting."
)


@pytest.fixture
def st_albans():
    """The St Albans 2019/20 action plan, imported, with two actions red and three amber, an
    update on each of them, and quarterly crime figures for three indicators."""
    import_document(shared_file("seeds", "st-albans-action-plan-2019-20.txt"))
    plan = Plan.objects.get(partnership__name__icontains="St Albans")
    actions = list(plan.actions.order_by("order", "pk"))
    ratings = [Rag.RED, Rag.RED, Rag.AMBER, Rag.AMBER, Rag.AMBER]
    for action, rag in zip(actions[1:21:4], ratings, strict=True):
        Action.objects.filter(pk=action.pk).update(rag=rag)
        ProgressUpdateFactory(action=action, date=datetime.date(2020, 1, 15), text=UPDATE)
    for name in ("Burglary", "Vehicle crime", "Violence against the person"):
        indicator = IndicatorFactory(name=name)
        for number, value in ((1, 120), (2, 110), (3, 100), (4, 90)):
            for year in (2018, 2019):
                quarter = Period.quarter(year, number)
                ObservationFactory(
                    indicator=indicator,
                    partnership=plan.partnership,
                    period_start=quarter.start,
                    period_end=quarter.end,
                    value=value + year % 10,
                )
    return plan


def person(role, partnership):
    if role == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=role)
    agency = Agency.objects.order_by("pk").first() if role == "agency_officer" else None
    RoleFactory(user=user, partnership=partnership, name=role, agency=agency)
    return user


def assert_fits_a_phone(page):
    width = width_on_a_phone(page)
    assert width <= 390, f"{page.url} is {width} px wide"


def printed_pages(page) -> list[str]:
    page.emulate_media(media="print")
    data = page.pdf(format="A4")
    if os.environ.get("MEETING_PACK_PDF"):  # to look at the printed pack by eye
        Path(os.environ["MEETING_PACK_PDF"]).write_bytes(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [found.extract_text() or "" for found in pdf.pages]


def test_the_st_albans_pack_prints_on_at_most_four_a4_pages_never_splitting_a_row(
    browser_page, st_albans
):
    login(browser_page, person("viewer", st_albans.partnership))
    browser_page.goto(f"/performance/plans/{st_albans.pk}/meeting-pack/")
    expect(browser_page.get_by_role("heading", name="2. Red and amber actions")).to_be_visible()
    pages = printed_pages(browser_page)
    assert 1 <= len(pages) <= 4, f"{len(pages)} pages"
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"{st_albans.partnership.name} · {st_albans.title} · draft, as at" in text
    everything = "\n".join(pages)
    assert "Skip to main content" not in everything and "Sign out" not in everything
    assert "6. Green actions by priority" in everything
    # Still under the print media that printed_pages emulates.
    rule = browser_page.evaluate(
        "getComputedStyle(document.querySelector('.app-pack .govuk-table__row')).breakInside"
    )
    assert rule == "avoid"


@pytest.mark.parametrize("role", ROLES)
def test_the_pack_and_an_issued_pack_have_no_axe_violations(browser_page, st_albans, role):
    partnership = Partnership.objects.get(pk=st_albans.partnership_id)
    user = person(role, partnership)
    pack = issue_pack(
        st_albans, Period.quarter(2019, 4), datetime.date(2020, 4, 9), user, datetime.date.today()
    )
    login(browser_page, user)
    browser_page.goto(f"/performance/plans/{st_albans.pk}/meeting-pack/")
    expect(browser_page.get_by_role("link", name="Meeting on 9 April 2020")).to_be_visible()
    assert_no_axe_violations(browser_page)
    browser_page.goto(f"/performance/meeting-packs/{pack.pk}/")
    expect(browser_page.get_by_text("This is the pack as it was issued")).to_be_visible()
    assert_no_axe_violations(browser_page)


def test_issuing_the_pack_has_no_axe_violations_even_with_an_error(browser_page, st_albans):
    """And the pack and its issue form fit a 390 px screen."""
    login(browser_page, person("coordinator", st_albans.partnership))
    browser_page.goto(f"/performance/plans/{st_albans.pk}/meeting-pack/")
    expect(browser_page.get_by_role("heading", name="2. Red and amber actions")).to_be_visible()
    assert_fits_a_phone(browser_page)
    browser_page.get_by_role("link", name="Issue this pack for a meeting").click()
    expect(browser_page.get_by_role("heading", name="Issue the meeting pack")).to_be_visible()
    assert_no_axe_violations(browser_page)
    assert_fits_a_phone(browser_page)
    browser_page.get_by_label("Day").fill("31")
    browser_page.get_by_label("Month").fill("2")
    browser_page.get_by_label("Year").fill("2020")
    browser_page.get_by_role("button", name="Issue the pack").click()
    expect(browser_page.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(browser_page)
    browser_page.get_by_label("Day").fill("9")
    browser_page.get_by_role("button", name="Issue the pack").click()
    expect(browser_page.get_by_text("This is the pack as it was issued")).to_be_visible()
