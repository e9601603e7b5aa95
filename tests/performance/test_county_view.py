from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Rag
from partnerships.models import PopulationEstimate
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
    RoleFactory,
    UserFactory,
)
from tests.performance.police_files import real_file

pytestmark = pytest.mark.django_db
URL = reverse("performance:county", args=["hertfordshire"])


def figures(partnership, indicator, value, first_year=2021, population=100000):
    year = Period.financial_year(first_year)
    ObservationFactory(
        indicator=indicator,
        partnership=partnership,
        period_start=year.start,
        period_end=year.end,
        value=value,
    )
    PopulationEstimate.objects.get_or_create(
        partnership=partnership, year=first_year, defaults={"population": population}
    )


def test_it_asks_anonymous_visitors_to_sign_in(client, partnership):
    assert client.get(URL).status_code == 302


def test_an_unknown_county_is_not_found(client, bob):
    client.force_login(bob)
    assert client.get(reverse("performance:county", args=["atlantis"])).status_code == 404


def test_it_refuses_a_user_with_no_role_in_the_county(client, partnership):
    outsider = UserFactory()
    RoleFactory(user=outsider, partnership=PartnershipFactory(county="Bedfordshire"))
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_a_member_of_one_district_compares_it_with_the_others(
    client, bob, partnership, other_partnership
):
    crime = IndicatorFactory(name="All crime")
    figures(partnership, crime, 300, population=100000)
    figures(other_partnership, crime, 100, population=50000)
    secret = PlanFactory(partnership=other_partnership, status="published")
    ActionFactory(plan=secret, title="Southgate undercover operation", rag=Rag.RED)
    client.force_login(bob)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.text
    assert "Southgate Community Safety Partnership" in page
    assert "3.00" in page and "2.00" in page  # rates per 1,000
    assert "Southgate undercover operation" not in page  # no action text of others
    assert reverse("performance:dashboard", args=["northfield"]) in page
    assert reverse("performance:dashboard", args=["southgate"]) not in page
    assert 'id="county-1-data"' in page


def test_a_draft_plan_of_another_partnership_is_not_counted(client, bob, other_partnership):
    draft = PlanFactory(partnership=other_partnership, status="draft", title="Southgate draft")
    ActionFactory(plan=draft, rag=Rag.RED)
    client.force_login(bob)
    page = client.get(URL).text
    assert "Southgate draft" not in page
    assert "No published plan" in page


def test_its_query_count_does_not_grow_with_partnerships_and_figures(
    client, superuser, django_assert_num_queries
):
    client.force_login(superuser)
    crime = IndicatorFactory(name="All crime")

    def add_partnerships(count):
        for _ in range(count):
            place = PartnershipFactory()
            for first_year in (2020, 2021):
                figures(place, crime, 100 + first_year % 7, first_year)
            ActionFactory.create_batch(3, plan=PlanFactory(partnership=place, status="published"))

    add_partnerships(2)
    with django_assert_num_queries(10):
        assert client.get(URL + "?period=fy-2021").status_code == 200
    add_partnerships(10)
    with django_assert_num_queries(10):
        assert client.get(URL + "?period=fy-2021").status_code == 200


def test_with_the_real_police_data_all_ten_districts_are_ranked(client, superuser):
    """The kind of table Dacorum's 2011/12 update typed by hand, computed from data.police.uk
    (populations here are round test figures, not ONS estimates)."""
    path = real_file("2021-12-hertfordshire-street.csv")
    districts = {
        "Broxbourne": "E07000095",
        "Dacorum": "E07000096",
        "East Hertfordshire": "E07000242",
        "Hertsmere": "E07000098",
        "North Hertfordshire": "E07000099",
        "St Albans": "E07000240",
        "Stevenage": "E07000243",
        "Three Rivers": "E07000102",
        "Watford": "E07000103",
        "Welwyn Hatfield": "E07000241",
    }
    for name, code in districts.items():
        place = PartnershipFactory(name=name, ons_code=code)
        PopulationEstimate.objects.create(partnership=place, year=2021, population=100000)
    call_command("import_police_data", str(path), stdout=StringIO())
    client.force_login(superuser)
    response = client.get(URL + "?period=m-2021-12")
    comparison = response.context["comparison"]
    all_crime = next(c for c in comparison.indicators if c.indicator.police_category == "All crime")
    ranks = sorted((row.rate_rank.position, row.partnership.name) for row in all_crime.rows)
    assert len(ranks) == 10
    assert ranks[0] == (1, "Three Rivers")  # the fewest crimes per 1,000 in December 2021
    dacorum = next(row for row in all_crime.rows if row.partnership.name == "Dacorum")
    assert dacorum.value == 744
    assert str(dacorum.rate) == "7.44"
