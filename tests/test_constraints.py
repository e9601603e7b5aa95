"""Each database constraint refuses bad data on its own, without any form in front of it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Agency, AgencyAlias, Membership, PopulationEstimate, Role
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    IndicatorFactory,
    ObservationFactory,
    PartnershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_plan_cannot_end_before_it_starts():
    refused(
        lambda: PlanFactory(
            period_start=datetime.date(2020, 4, 1), period_end=datetime.date(2020, 3, 31)
        )
    )


def test_priority_codes_are_unique_within_a_plan():
    priority = PriorityFactory(code="A")
    refused(lambda: PriorityFactory(plan=priority.plan, code="A"))
    assert PriorityFactory(code="A").plan != priority.plan  # another plan may reuse it


def test_a_priority_needs_a_code():
    refused(lambda: PriorityFactory(code=""))


def test_an_action_cannot_be_due_before_it_starts():
    refused(
        lambda: ActionFactory(
            start_date=datetime.date(2020, 5, 1), due_date=datetime.date(2020, 4, 1)
        )
    )


def test_an_agency_leads_an_action_once():
    lead = ActionLeadFactory()
    refused(lambda: ActionLeadFactory(action=lead.action, agency=lead.agency))


def test_progress_cannot_pass_one_hundred_percent():
    refused(lambda: ProgressUpdateFactory(percent_complete=101))


def test_a_progress_update_needs_text():
    refused(lambda: ProgressUpdateFactory(text=""))


def test_agency_names_are_unique_ignoring_case():
    AgencyFactory(name="Hertfordshire Constabulary")
    refused(lambda: Agency.objects.create(name="HERTFORDSHIRE constabulary"))


def test_agency_aliases_are_unique_ignoring_case():
    AgencyAlias.objects.create(agency=AgencyFactory(), alias="Northfield Police")
    refused(lambda: AgencyAlias.objects.create(agency=AgencyFactory(), alias="NORTHFIELD police"))


def test_membership_years_must_be_in_order():
    refused(
        lambda: Membership.objects.create(
            partnership=PartnershipFactory(), agency=AgencyFactory(), from_year=2024, to_year=2011
        )
    )


def test_one_population_per_partnership_and_year():
    partnership = PartnershipFactory()
    PopulationEstimate.objects.create(partnership=partnership, year=2024, population=150000)
    refused(
        lambda: PopulationEstimate.objects.create(partnership=partnership, year=2024, population=1)
    )


def test_a_population_must_be_positive():
    refused(
        lambda: PopulationEstimate.objects.create(
            partnership=PartnershipFactory(), year=2024, population=0
        )
    )


def test_an_agency_officer_role_needs_an_agency():
    refused(
        lambda: Role.objects.create(
            user=UserFactory(), partnership=PartnershipFactory(), name="agency_officer"
        )
    )


def test_a_user_holds_each_role_once_per_partnership():
    user, partnership = UserFactory(), PartnershipFactory()
    Role.objects.create(user=user, partnership=partnership, name="viewer")
    refused(lambda: Role.objects.create(user=user, partnership=partnership, name="viewer"))


def test_ons_codes_are_unique_but_may_be_blank():
    PartnershipFactory(ons_code="E07000240")
    PartnershipFactory(ons_code="")
    PartnershipFactory(ons_code="")
    refused(lambda: PartnershipFactory(ons_code="E07000240"))


def test_red_threshold_cannot_be_below_amber():
    refused(lambda: PartnershipFactory(rag_amber_gap=30, rag_red_gap=10))


def test_one_observation_per_indicator_partnership_and_period():
    observation = ObservationFactory()
    refused(
        lambda: ObservationFactory(
            indicator=observation.indicator, partnership=observation.partnership
        )
    )


def test_an_observation_period_cannot_end_before_it_starts():
    refused(lambda: ObservationFactory(period_end=datetime.date(2025, 3, 1)))


def test_one_target_per_indicator_partnership_and_period():
    target = TargetFactory()
    refused(lambda: TargetFactory(indicator=target.indicator, partnership=target.partnership))


def test_indicator_names_are_unique():
    IndicatorFactory(name="Robbery")
    refused(lambda: IndicatorFactory(name="Robbery"))
