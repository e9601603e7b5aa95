"""The partnership, plan, priority and action pages in a real browser: zero axe violations
(WCAG 2.2 A and AA) on every page type, signed in as each role that can see it, and the
progress update done with the keyboard alone."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actions.models import Rag, Status
from tests.browser.conftest import axe_violations, login
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    SuccessCriterionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

READ = "read"  # every role of the partnership
UPDATE = "update"  # agency officer of the lead agency, coordinator, partnership admin
EDIT = "edit"  # coordinator, partnership admin
MANAGE = "manage"  # partnership admin
WHO_CAN = {
    "viewer": {READ},
    "agency_officer": {READ, UPDATE},
    "coordinator": {READ, UPDATE, EDIT},
    "partnership_admin": {READ, UPDATE, EDIT, MANAGE},
    "superuser": {READ, UPDATE, EDIT, MANAGE},
}


@pytest.fixture
def northfield(partnership, alice):
    """A running plan with a priority, success criteria, and actions that are overdue, stale
    and on time; the main action has a timeline with status and RAG changes and an edit."""
    today = datetime.date.today()
    start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    police = AgencyFactory(name="Northfield Police")
    fire = AgencyFactory(name="Northfield Fire and Rescue")
    for agency in (police, fire):
        MembershipFactory(partnership=partnership, agency=agency, role="responsible_authority")
    plan = PlanFactory(
        partnership=partnership,
        title="Northfield action plan",
        period_start=start,
        period_end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
    )
    priority = PriorityFactory(plan=plan, code="1", title="Reduce burglary", order=1)
    SuccessCriterionFactory(priority=priority, text="Burglary down by 4%", laa_target=True)
    SuccessCriterionFactory(priority=priority, text="Fewer repeat victims", associated=True)
    action = ActionFactory(
        plan=plan,
        title="Run crime prevention surgeries",
        target="12 surgeries",
        due_date=plan.period_end,
        status=Status.IN_PROGRESS,
        rag=Rag.AMBER,
    )
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency=police)
    ProgressUpdateFactory(
        action=action, date=start, text="Planned.", status=Status.NOT_STARTED, rag=Rag.GREEN
    )
    ProgressUpdateFactory(
        action=action,
        date=today,
        text="Three held.",
        status=Status.IN_PROGRESS,
        rag=Rag.AMBER,
        percent_complete=25,
        figure=3,
        unit="surgeries",
        author=alice,
    )
    action._history_user = alice
    action.title = "Run crime prevention surgeries monthly"
    action.save()
    overdue = ActionFactory(plan=plan, title="Fit door locks", due_date=start, rag=Rag.RED)
    overdue.priorities.add(priority)
    ActionLeadFactory(action=overdue, agency=fire)
    ActionFactory(plan=plan, title="Unlinked action", rag=Rag.GREEN)
    return {"plan": plan, "priority": priority, "action": action, "police": police}


@pytest.fixture
def people(partnership, bob, alice, superuser, northfield):
    officer = UserFactory(username="dora", first_name="Dora", last_name="Officer")
    RoleFactory(
        user=officer, partnership=partnership, name="agency_officer", agency=northfield["police"]
    )
    admin = UserFactory(username="frank")
    RoleFactory(user=admin, partnership=partnership, name="partnership_admin")
    return {
        "viewer": bob,
        "agency_officer": officer,
        "coordinator": alice,
        "partnership_admin": admin,
        "superuser": superuser,
    }


def pages(partnership, northfield, people):
    """(what the role needs, page name, URL) for every page type of this app."""
    plan, action = northfield["plan"], northfield["action"]
    slug = partnership.slug
    bob_role = people["viewer"].partnership_roles.get()
    return [
        (READ, "my actions", reverse("actions:mine")),
        (READ, "action list", reverse("actions:list") + "?late=either&o=-due"),
        (READ, "action detail", action.get_absolute_url()),
        (READ, "plan", plan.get_absolute_url()),
        (READ, "priority", northfield["priority"].get_absolute_url()),
        (READ, "partnership", partnership.get_absolute_url()),
        (UPDATE, "add an update", reverse("actions:add_update", args=[action.pk])),
        (EDIT, "edit an action", reverse("actions:edit", args=[action.pk])),
        (EDIT, "add an action", reverse("actions:add", args=[plan.pk])),
        (EDIT, "edit a plan", reverse("plans:edit", args=[plan.pk])),
        (MANAGE, "people", reverse("partnerships:people", args=[slug])),
        (MANAGE, "give a role", reverse("partnerships:add_role", args=[slug])),
        (MANAGE, "remove a role", reverse("partnerships:remove_role", args=[slug, bob_role.pk])),
        (MANAGE, "settings", reverse("partnerships:settings", args=[slug])),
    ]


def violations_on(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    return [
        f"{violation['id']}: {violation['help']} {[n['target'] for n in violation['nodes'][:3]]}"
        for violation in axe_violations(page)
    ]


@pytest.mark.parametrize("role", WHO_CAN)
def test_every_page_a_role_can_see_has_no_axe_violations(
    browser_page, role, partnership, northfield, people
):
    login(browser_page, people[role])
    found = {}
    for needs, name, url in pages(partnership, northfield, people):
        if needs in WHO_CAN[role]:
            problems = violations_on(browser_page, url)
            if problems:
                found[name] = problems
    assert not found, f"axe found, signed in as {role}: {found}"


# The words of `elements` that the browser laid out over more than one line (visually
# hidden text, one pixel wide, is left out).
BROKEN_WORDS = """elements => elements.flatMap(element => {
  const broken = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".govuk-visually-hidden")) continue;
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (range.getClientRects().length > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""


def test_beside_long_titles_no_header_date_or_status_breaks_mid_word(
    browser_page, northfield, people
):
    plan = northfield["plan"]
    police = northfield["police"]
    police.name = "Northfield and Southgate Constabulary Neighbourhood Policing Directorate"
    police.save()
    for _ in range(3):
        action = ActionFactory(
            plan=plan,
            title="Work with every partner agency to reduce repeat victimisation " * 3,
            status=Status.IN_PROGRESS,
        )
        ActionLeadFactory(action=action, agency=police)
    login(browser_page, people["coordinator"])
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    browser_page.goto(reverse("actions:list") + "?late=either")

    cells = (
        "table.app-action-table thead th, table.app-action-table td.app-table__cell--whole-words"
    )
    assert browser_page.locator(cells).count() > 10
    assert browser_page.eval_on_selector_all(cells, BROKEN_WORDS) == []


def test_forms_with_errors_have_no_axe_violations(browser_page, partnership, northfield, people):
    login(browser_page, people["superuser"])
    action, plan = northfield["action"], northfield["plan"]
    found = {}
    submissions = [
        ("update", reverse("actions:add_update", args=[action.pk]), "Save the update"),
        ("action", reverse("actions:edit", args=[action.pk]), "Save the action"),
        ("plan", reverse("plans:edit", args=[plan.pk]), "Save the plan"),
        ("role", reverse("partnerships:add_role", args=[partnership.slug]), "Give the role"),
    ]
    for name, url, button in submissions:
        browser_page.goto(url)
        for field in browser_page.locator("textarea, input[type=text]").all():
            field.fill("")
        browser_page.get_by_role("button", name=button).click()
        expect(browser_page.get_by_text("There is a problem"), name).to_be_visible()
        problems = [v["id"] for v in axe_violations(browser_page)]
        if problems:
            found[name] = problems
    assert not found, f"axe found on forms with errors: {found}"


def test_the_refused_edit_showing_both_versions_has_no_axe_violations(
    browser_page, northfield, people
):
    action = northfield["action"]
    login(browser_page, people["coordinator"])
    browser_page.goto(reverse("actions:edit", args=[action.pk]))
    # Someone else saves while the form is open.
    action.title = "Saved by someone else"
    action.version += 1
    action.save()
    browser_page.get_by_label("Action", exact=True).fill("My own wording")
    browser_page.get_by_role("button", name="Save the action").click()
    heading = browser_page.get_by_role("heading", name="Your version and the saved version")
    expect(heading).to_be_visible()
    assert browser_page.get_by_label("Action", exact=True).input_value() == "My own wording"
    assert not axe_violations(browser_page)


def test_an_officer_adds_an_update_with_the_keyboard_alone(browser_page, northfield, people):
    action = northfield["action"]
    login(browser_page, people["agency_officer"])
    browser_page.goto(reverse("actions:add_update", args=[action.pk]))
    # The text has the focus as the page opens: type, then Tab through the fields.
    assert browser_page.evaluate("document.activeElement.name") == "text"
    browser_page.keyboard.type("Four surgeries held; one cancelled for the storm.")
    browser_page.keyboard.press("Tab")  # day (today already)
    browser_page.keyboard.press("Tab")  # month
    browser_page.keyboard.press("Tab")  # year
    browser_page.keyboard.press("Tab")  # status: In progress, as now
    browser_page.keyboard.press("ArrowDown")  # -> Completed
    browser_page.keyboard.press("Tab")  # RAG
    browser_page.keyboard.press("ArrowUp")  # Amber -> Red
    browser_page.keyboard.press("Tab")  # percentage complete
    browser_page.keyboard.type("100")
    browser_page.keyboard.press("Tab")  # figure
    browser_page.keyboard.press("Tab")  # unit
    browser_page.keyboard.press("Tab")  # "Show on the public summary", left unticked
    browser_page.keyboard.press("Tab")  # the one submit button
    assert browser_page.evaluate("document.activeElement.textContent.trim()") == "Save the update"
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    expect(browser_page.get_by_text("Your progress update has been saved.")).to_be_visible()
    action.refresh_from_db()
    assert (action.status, action.rag) == (Status.COMPLETED, Rag.RED)
    assert action.updates.first().text == "Four surgeries held; one cancelled for the storm."
