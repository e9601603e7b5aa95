"""Home for a national user: counties, search, pages and a card of 15 years of plans pass axe
and fit a 390 px phone."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_no_axe_violations, login
from tests.browser.test_phone_widths import sideways_scroll
from tests.factories import PartnershipFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def counties(db):
    for number in range(30):
        county = "Hertfordshire" if number < 10 else "Bournemouth, Christchurch and Poole area"
        PlanFactory(partnership=PartnershipFactory(county=county))


def test_home_by_county_with_search_and_pages_has_no_axe_violations(phone, counties, superuser):
    login(phone, superuser)
    for url in [reverse("home"), reverse("home") + "?page=2", reverse("home") + "?q=herts"]:
        assert sideways_scroll(phone, url) <= PHONE["width"], url
        assert_no_axe_violations(phone)
    phone.goto(reverse("home"))
    phone.get_by_label("Find a partnership by name, county or district").fill("hertford")
    phone.get_by_role("button", name="Search").click()
    expect(phone.get_by_role("heading", name="Hertfordshire")).to_be_visible()
    expect(phone.get_by_text("10 partnerships found for “hertford”")).to_be_visible()


def test_a_card_of_fifteen_years_links_to_all_plans_and_has_no_axe_violations(phone, superuser):
    partnership = PartnershipFactory(name="Watford Community Safety Partnership")
    for year in range(2010, 2025):
        PlanFactory(
            partnership=partnership,
            title=f"Watford action plan {year}",
            period_start=datetime.date(year, 4, 1),
            period_end=datetime.date(year + 1, 3, 31),
        )
    login(phone, superuser)
    assert sideways_scroll(phone, reverse("home")) <= PHONE["width"]
    assert_no_axe_violations(phone)
    assert phone.get_by_role("link", name="Watford action plan").count() == 3
    phone.get_by_role("link", name=f"All 15 plans of {partnership.name}").click()
    phone.wait_for_url(f"**{partnership.get_absolute_url()}")
