"""Every page type on a 390 px phone: nothing scrolls sideways (tables stack, or scroll inside
their own labelled region), and the pages of publication and the changed everyday pages
have no axe violations for each role that sees them."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actions.models import Publication
from tests.browser import test_action_pages as action_pages
from tests.browser.conftest import PHONE, axe_violations, login
from tests.browser.test_action_pages import EDIT, MANAGE, READ, UPDATE, WHO_CAN, pages
from tests.factories import ActionFactory, ActionLeadFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db(transaction=True)
# The action pages' data and people, as fixtures of this module too.
northfield = action_pages.northfield
people = action_pages.people
# Long words and titles, as imported plans have them: the test is that they wrap.
LONG_TITLE = (
    "Deliver the Hertfordshire-Constabulary/StAlbansDistrictCouncil joint operation against "
    "anti-social behaviour in the city centre, its car parks and the Verulamium park, with "
    "weekly reports to the Joint Action Group and a closing review in March"
)
APPROVE = "approve"  # coordinator, partnership admin, superuser: approve and publish


@pytest.fixture
def busy(partnership, northfield, people):
    """Northfield with its summary public, a long-titled action, and an update of each
    publication state, one of them waiting for approval."""
    partnership.public_summary_enabled = True
    partnership.publication_needs_approval = True
    partnership.save()
    plan = northfield["plan"]
    plan.status = "published"
    plan.save()
    long = ActionFactory(
        plan=plan, title=LONG_TITLE, due_date=plan.period_start, target="A long target " * 10
    )
    long.priorities.add(northfield["priority"])
    ActionLeadFactory(action=long, agency=northfield["police"])
    today = datetime.date.today()
    ProgressUpdateFactory(
        action=long, date=today, text="Published progress", publication=Publication.PUBLISHED
    )
    requested = ProgressUpdateFactory(
        action=northfield["action"],
        date=today,
        text="Please publish this",
        author=people["agency_officer"],
        publication=Publication.REQUESTED,
    )
    return {**northfield, "long": long, "requested": requested}


def more_pages(partnership, busy):
    """The page types beside those of the action pages' test, with who sees them."""
    slug = partnership.slug
    return [
        (READ, "home", reverse("home")),
        (READ, "action with publication", busy["long"].get_absolute_url()),
        (READ, "dashboards", reverse("performance:index")),
        (READ, "dashboard", reverse("performance:dashboard", args=[slug])),
        (READ, "account", reverse("account:index")),
        (READ, "plan download links", busy["plan"].get_absolute_url() + "#main-content"),
        (APPROVE, "requests to publish", reverse("actions:publication_requests")),
        (
            APPROVE,
            "approve an update",
            reverse("actions:update_publication", args=[busy["requested"].pk]),
        ),
    ]


def every_page(partnership, busy, people):
    return pages(partnership, busy, people) + more_pages(partnership, busy)


def sideways_scroll(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_page_scrolls_sideways_at_390_px(phone, partnership, busy, people):
    login(phone, people["superuser"])
    too_wide = {}
    for _, name, url in every_page(partnership, busy, people):
        width = sideways_scroll(phone, url)
        if width > PHONE["width"]:
            too_wide[name] = width
    assert not too_wide, f"wider than {PHONE['width']} px: {too_wide}"


def test_public_pages_fit_390_px_without_signing_in(phone, partnership, busy):
    for url in (
        reverse("performance:public_summary", args=[partnership.slug]),
        reverse("home"),
        reverse("login"),
    ):
        assert sideways_scroll(phone, url) <= PHONE["width"], url


def test_my_actions_keeps_add_update_on_screen(phone, busy, people):
    login(phone, people["agency_officer"])
    phone.goto(reverse("actions:mine"))
    link = phone.get_by_role("link", name="Add update").first
    box = link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def test_wide_tables_scroll_in_a_labelled_focusable_region(phone, busy, people):
    login(phone, people["coordinator"])
    phone.goto(reverse("actions:publication_requests"))
    region = phone.get_by_role("region", name="Requests to publish")
    assert region.get_attribute("tabindex") == "0"


def test_the_public_summary_shows_the_published_update_only(phone, partnership, busy):
    phone.goto(reverse("performance:public_summary", args=[partnership.slug]))
    text = phone.content()
    assert "Published progress" in text
    assert "Please publish this" not in text
    assert not axe_violations(phone)


WHO_APPROVES = {**WHO_CAN, "coordinator": WHO_CAN["coordinator"] | {APPROVE}}
WHO_APPROVES["partnership_admin"] = WHO_CAN["partnership_admin"] | {APPROVE}
WHO_APPROVES["superuser"] = WHO_CAN["superuser"] | {APPROVE}


@pytest.mark.parametrize("role", WHO_APPROVES)
def test_new_and_changed_pages_have_no_axe_violations_on_a_phone(
    phone, role, partnership, busy, people
):
    login(phone, people[role])
    found = {}
    for needs, name, url in more_pages(partnership, busy) + [
        (UPDATE, "add an update", reverse("actions:add_update", args=[busy["action"].pk])),
        (MANAGE, "settings", reverse("partnerships:settings", args=[partnership.slug])),
        (EDIT, "edit an action", reverse("actions:edit", args=[busy["action"].pk])),
    ]:
        if needs not in WHO_APPROVES[role]:
            continue
        response = phone.goto(url)
        assert response.status == 200, f"{name}: {response.status}"
        problems = [f"{v['id']}: {v['help']}" for v in axe_violations(phone)]
        if problems:
            found[name] = problems
    assert not found, f"axe found, signed in as {role}: {found}"


def test_a_coordinator_approves_a_request_in_the_browser(phone, busy, people):
    login(phone, people["coordinator"])
    phone.goto(reverse("actions:publication_requests"))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Approve").first.click()
    expect(phone.get_by_text("approved: it is shown on the public summary")).to_be_visible()
    busy["requested"].refresh_from_db()
    assert busy["requested"].publication == Publication.PUBLISHED
    assert not axe_violations(phone)
