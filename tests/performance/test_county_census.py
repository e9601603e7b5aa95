"""The county comparison with the ONS Census 2011 and 2021 populations: loaded by the demo
and by import_populations from the real file, rates that say which population they use, and
plans called current only while they run."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Partnership, PopulationEstimate
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
)
from tests.performance.shared_files import shared_file

pytestmark = pytest.mark.django_db
CENSUS = ("data", "real", "census-2011-2021-population-by-lad.csv")
URL = reverse("performance:county", args=["hertfordshire"])


def populations(partnership):
    estimates = PopulationEstimate.objects.filter(partnership=partnership)
    return dict(estimates.values_list("year", "population"))


def test_import_populations_reads_the_census_file_for_every_partnership():
    path = shared_file(*CENSUS)
    st_albans = PartnershipFactory(name="St Albans", ons_code="E07000240")
    dacorum = PartnershipFactory(name="Dacorum", ons_code="E07000096")
    out = StringIO()
    call_command("import_populations", str(path), stdout=out)
    assert populations(st_albans) == {2011: 140664, 2021: 147900}
    assert set(populations(dacorum)) == {2011, 2021}
    assert "4 estimates added" in out.getvalue()
    assert "area codes are no partnership's" in out.getvalue()


def test_the_demo_loads_the_census_populations_of_its_districts():
    shared_file(*CENSUS)
    call_command("load_demo", stdout=StringIO())
    st_albans = Partnership.objects.get(name="St Albans")
    assert populations(st_albans) == {2011: 140664, 2021: 147900}
    assert PopulationEstimate.objects.count() == 6  # three districts, two censuses


@pytest.fixture
def county(partnership, other_partnership):
    burglary = IndicatorFactory(name="Burglary")
    for place, population_2011, population_2021 in (
        (partnership, 100000, 110000),
        (other_partnership, 80000, 90000),
    ):
        PopulationEstimate.objects.create(partnership=place, year=2011, population=population_2011)
        PopulationEstimate.objects.create(partnership=place, year=2021, population=population_2021)
        for first_year in (2017, 2018, 2021, 2023):
            year = Period.financial_year(first_year)
            ObservationFactory(
                indicator=burglary,
                partnership=place,
                period_start=year.start,
                period_end=year.end,
                value=500,
            )
    return burglary


@pytest.mark.parametrize(
    ("period", "note", "rate"),
    [
        (
            "fy-2018",
            "No population figure is held for 2018: the rates for 2018/19 use the 2011 "
            "population, the latest year before it with a figure.",
            "5.00",
        ),
        ("fy-2021", "Rates use the 2021 population.", "4.55"),
        (
            "fy-2023",
            "No population figure is held for 2023: the rates for 2023/24 use the 2021 "
            "population, the latest year before it with a figure.",
            "4.55",
        ),
    ],
)
def test_the_page_says_which_population_each_rate_uses(client, bob, county, period, note, rate):
    client.force_login(bob)
    page = client.get(URL, {"period": period}).content.decode()
    assert note in page
    assert f'{rate}<span class="govuk-visually-hidden"> per 1,000</span>' in page


def test_only_a_running_plan_is_called_current(client, bob, partnership, other_partnership):
    today = datetime.date.today()
    PlanFactory(
        partnership=partnership,
        title="Northfield running plan",
        status="published",
        period_start=today - datetime.timedelta(days=100),
        period_end=today + datetime.timedelta(days=100),
    )
    ended = PlanFactory(
        partnership=other_partnership,
        title="Southgate plan 2011/12",
        status="published",
        period_start=datetime.date(2011, 4, 1),
        period_end=datetime.date(2012, 3, 31),
    )
    ActionFactory(plan=ended)
    client.force_login(bob)
    page = " ".join(client.get(URL).content.decode().split())
    assert 'Northfield running plan<br><span class="govuk-body-s">Current: ' in page
    assert "Not current, ended: 1 April 2011 to 31 March 2012" in page
