"""Everyday use: full titles wherever an action or priority is named, one current item in
the navigation, what needs the user's attention on home, and only current member agencies
offered in the action form."""

import datetime
import io
import re

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    MembershipFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

LONG_TITLE = (
    "Work with schools, youth services and the voluntary sector to run a programme of "
    "diversionary activities in the summer holidays, aimed at young people at risk of "
    "offending, in the three wards with the most anti-social behaviour"
)
LONG_PRIORITY = (
    "Reduce anti-social behaviour and the fear of crime in town centres and on estates, "
    "working with residents and businesses"
)


@pytest.fixture
def long_action(plan, police):
    priority = PriorityFactory(plan=plan, code="2", title=LONG_PRIORITY, order=2)
    action = ActionFactory(plan=plan, title=LONG_TITLE)
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency=police)
    ProgressUpdateFactory(action=action, text="First sessions booked.")
    return action


def test_str_of_an_action_and_a_priority_is_the_whole_title(long_action):
    assert str(long_action) == LONG_TITLE
    assert str(long_action.priorities.get()) == f"2: {LONG_PRIORITY}"


@pytest.mark.parametrize(
    "page",
    [
        lambda a: reverse("actions:mine"),
        lambda a: reverse("actions:list"),
        lambda a: a.plan.get_absolute_url(),
        lambda a: a.priorities.get().get_absolute_url(),
        lambda a: a.get_absolute_url(),
        lambda a: reverse("actions:add_update", args=[a.pk]),
        lambda a: reverse("actions:edit", args=[a.pk]),
    ],
    ids=["my actions", "list", "plan", "priority", "action", "add update", "edit"],
)
def test_every_page_names_the_action_in_full_and_cuts_nothing(client, alice, long_action, page):
    client.force_login(alice)
    text = client.get(page(long_action)).text
    assert LONG_TITLE in text
    assert "..." not in text and "…" not in text


def test_the_breadcrumbs_name_the_action_in_full(client, alice, long_action):
    client.force_login(alice)
    text = client.get(reverse("actions:add_update", args=[long_action.pk])).text
    start = text.index('aria-label="Breadcrumb"')
    crumbs = text[start : text.index("</nav>", start)]
    assert LONG_TITLE in crumbs


def test_the_priority_is_named_in_full_on_the_plan_and_in_the_form(client, alice, long_action):
    client.force_login(alice)
    assert LONG_PRIORITY in client.get(long_action.plan.get_absolute_url()).text
    assert LONG_PRIORITY in client.get(reverse("actions:edit", args=[long_action.pk])).text


def test_the_exports_carry_the_whole_title(client, alice, long_action):
    client.force_login(alice)
    plan = long_action.plan
    word = docx.Document(
        io.BytesIO(client.get(reverse("plans:export_docx", args=[plan.pk])).content)
    )
    assert word.tables[0].rows[1].cells[0].text == LONG_TITLE
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("plans:export_xlsx", args=[plan.pk])).content)
    )["Actions"]
    assert sheet["A2"].value == LONG_TITLE


def current_items(text):
    return re.findall(
        r'<a class="govuk-service-navigation__link" href="([^"]+)" aria-current="page"', text
    )


@pytest.mark.parametrize(
    ("page", "current"),
    [
        ("home", "home"),
        ("actions:mine", "actions:mine"),
        ("actions:list", "actions:list"),
        ("performance:index", "performance:index"),
    ],
)
def test_the_navigation_marks_one_current_item(client, alice, page, current):
    client.force_login(alice)
    assert current_items(client.get(reverse(page)).text) == [reverse(current)]


def test_an_action_page_belongs_to_all_actions(client, alice, action):
    client.force_login(alice)
    assert current_items(client.get(action.get_absolute_url()).text) == [reverse("actions:list")]


def test_home_shows_the_users_overdue_and_stale_counts(client, dora, plan, police, today):
    overdue = ActionFactory(plan=plan, title="Late one", due_date=today - datetime.timedelta(1))
    ActionLeadFactory(action=overdue, agency=police)
    ProgressUpdateFactory(action=overdue, date=today)
    stale = ActionFactory(plan=plan, title="Quiet one", due_date=today + datetime.timedelta(30))
    ActionLeadFactory(action=stale, agency=police)
    ProgressUpdateFactory(action=stale, date=today - datetime.timedelta(days=200))
    client.force_login(dora)
    text = client.get(reverse("home")).text
    assert "Needs your attention" in text
    assert "1 of your actions overdue, 1 with no recent update" in text
    assert "(of 2 you can update)" in text


def test_home_shows_no_attention_panel_to_someone_with_nothing_to_update(client, bob, action):
    client.force_login(bob)
    assert "Needs your attention" not in client.get(reverse("home")).text


def test_the_plan_and_partnership_pages_link_to_the_dashboard(client, bob, plan, partnership):
    client.force_login(bob)
    dashboard = reverse("performance:dashboard", args=[partnership.slug])
    assert f"{dashboard}?plan={plan.pk}" in client.get(plan.get_absolute_url()).text
    assert f'href="{dashboard}"' in client.get(partnership.get_absolute_url()).text


@pytest.fixture
def former(partnership, today):
    agency = AgencyFactory(name="Primary Care Trust")
    MembershipFactory(
        partnership=partnership, agency=agency, from_year=2008, to_year=today.year - 2
    )
    return agency


def agency_labels(text, field):
    return re.findall(
        rf'<input[^>]*name="{field}"[^>]*>\s*<label[^>]*>\s*([^<]+?)\s*</label>', text
    )


def test_the_action_form_offers_current_members_and_not_former_ones(
    client, alice, plan, police, fire, former
):
    client.force_login(alice)
    text = client.get(reverse("actions:add", args=[plan.pk])).text
    assert agency_labels(text, "lead_agencies") == [fire.name, police.name]
    assert agency_labels(text, "partner_agencies") == [fire.name, police.name]


def test_a_former_member_the_action_names_is_kept_apart_and_labelled(
    client, alice, action, police, fire, former
):
    action.partner_agencies.add(former)
    client.force_login(alice)
    text = client.get(reverse("actions:edit", args=[action.pk])).text
    assert agency_labels(text, "partner_agencies") == [
        fire.name,
        police.name,
        "Primary Care Trust (not a current member)",
    ]
