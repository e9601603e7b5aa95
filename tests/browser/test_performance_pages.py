"""The dashboard, county comparison, dashboards index and public summary in a real browser:
zero axe violations for every role that can see each page, charts drawn, print styles, and
the dashboard and county comparison fit a 390 px screen."""

import datetime

import pytest
from playwright.sync_api import expect

from actions.models import Rag, Status
from partnerships.models import Agency, PopulationEstimate
from performance.periods import Period
from tests.browser.conftest import assert_no_axe_violations, login, width_on_a_phone
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    IndicatorFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
ROLES = ["viewer", "agency_officer", "coordinator", "partnership_admin", "superuser"]


@pytest.fixture
def figures(partnership, other_partnership):
    """A running plan with actions in every RAG state, and monthly crime figures."""
    today = datetime.date.today()
    year = Period.financial_year(today.year if today.month >= 4 else today.year - 1)
    plan = PlanFactory(
        partnership=partnership,
        title="Northfield action plan",
        status="published",
        period_start=year.start,
        period_end=year.end,
    )
    priorities = [PriorityFactory(plan=plan, code=code) for code in ("A", "1", "2")]
    police = AgencyFactory(name="Northfield Police")
    for number, rag in enumerate([Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NONE]):
        action = ActionFactory(
            plan=plan,
            rag=rag,
            status=Status.IN_PROGRESS,
            due_date=year.start + datetime.timedelta(days=1) if rag == Rag.RED else None,
        )
        action.priorities.set(priorities[: number % 3 + 1])
        ActionLeadFactory(action=action, agency=police)
        ProgressUpdateFactory(action=action, date=year.start, percent_complete=25 * number)
    burglary = IndicatorFactory(name="Burglary")
    for place, base in ((partnership, 40), (other_partnership, 30)):
        PopulationEstimate.objects.create(partnership=place, year=2021, population=100000)
        for month in range(1, 13):
            period = Period.month(2021, month)
            ObservationFactory(
                indicator=burglary,
                partnership=place,
                period_start=period.start,
                period_end=period.end,
                value=base + month,
            )
    TargetFactory(
        indicator=burglary,
        partnership=partnership,
        period_start=datetime.date(2021, 12, 1),
        period_end=datetime.date(2021, 12, 31),
        value=50,
    )
    return plan


def person(role, partnership):
    if role == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=role)
    agency = Agency.objects.get(name="Northfield Police") if role == "agency_officer" else None
    RoleFactory(user=user, partnership=partnership, name=role, agency=agency)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_has_no_axe_violations_and_fits_a_390_px_screen(
    browser_page, partnership, figures, role
):
    login(browser_page, person(role, partnership))
    browser_page.goto(f"/performance/partnerships/{partnership.slug}/")
    expect(browser_page.get_by_role("heading", name=partnership.name)).to_be_visible()
    assert browser_page.evaluate("Object.keys(Chart.instances).length") >= 2
    expect(browser_page.get_by_role("button", name="Print as a RAG paper")).to_be_visible()
    assert_no_axe_violations(browser_page)
    width = width_on_a_phone(browser_page)
    assert width <= 390, f"the dashboard is {width} px wide"


def test_the_dashboard_for_a_chosen_quarter_has_no_axe_violations(browser_page, bob, figures):
    login(browser_page, bob)
    browser_page.goto(f"/performance/partnerships/{figures.partnership.slug}/")
    browser_page.get_by_label("Period", exact=True).select_option("fy-2021-q3")
    browser_page.get_by_role("button", name="Show").click()
    browser_page.wait_for_load_state()
    assert "Crime and performance: Q3 2021/22" in browser_page.content()
    assert_no_axe_violations(browser_page)


def test_the_dashboard_prints_without_navigation_or_forms(browser_page, bob, figures):
    login(browser_page, bob)
    browser_page.goto(f"/performance/partnerships/{figures.partnership.slug}/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".govuk-header").is_visible()
    assert not browser_page.locator("form.app-selector").is_visible()
    expect(browser_page.get_by_text("Figures as at")).to_be_visible()
    assert browser_page.locator("text=Red: 1").first.is_visible()  # the word, not just colour
    pdf = browser_page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_the_county_comparison_has_no_axe_violations_and_fits_a_390_px_screen(
    browser_page, partnership, figures, role
):
    login(browser_page, person(role, partnership))
    browser_page.goto("/performance/county/hertfordshire/")
    expect(browser_page.get_by_role("heading", name="Hertfordshire")).to_be_visible()
    assert browser_page.evaluate("Object.keys(Chart.instances).length") >= 1
    assert_no_axe_violations(browser_page)
    width = width_on_a_phone(browser_page)
    assert width <= 390, f"the county comparison is {width} px wide"


def test_the_dashboards_index_has_no_axe_violations(browser_page, bob, figures):
    login(browser_page, bob)
    browser_page.goto("/performance/")
    expect(browser_page.get_by_role("link", name="Hertfordshire county comparison")).to_be_visible()
    assert_no_axe_violations(browser_page)


def test_the_public_summary_has_no_axe_violations_without_signing_in(browser_page, figures):
    partnership = figures.partnership
    partnership.public_summary_enabled = True
    partnership.save()
    browser_page.goto(f"/performance/public/{partnership.slug}/")
    expect(browser_page.get_by_role("heading", name="Northfield action plan")).to_be_visible()
    assert_no_axe_violations(browser_page)
