"""factory-boy factories for every model; tests build just the data they need."""

import datetime

import factory
from django.contrib.auth import get_user_model

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.models import Agency, AgencyAlias, Membership, Partnership, Role
from performance.models import Indicator, Observation, Target
from plans.models import Plan, Priority, SuccessCriterion

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"District {n} Community Safety Partnership")
    slug = factory.Sequence(lambda n: f"district-{n}")
    county = "Hertfordshire"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        # The migrations seed the agencies the first documents name.
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Agency {n}")


class AgencyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyAlias

    agency = factory.SubFactory(AgencyFactory)
    alias = factory.Sequence(lambda n: f"AG{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    agency = factory.SubFactory(AgencyFactory)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    name = Role.Name.VIEWER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Plan.Kind.ACTION_PLAN
    title = factory.Sequence(lambda n: f"Action plan {n}")
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2026, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Priority {n}")


class SuccessCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessCriterion

    priority = factory.SubFactory(PriorityFactory)
    text = "Reduce serious acquisitive crime by 4%"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")


class ActionLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLead

    action = factory.SubFactory(ActionFactory)
    agency = factory.SubFactory(AgencyFactory)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2025, 6, 1)
    text = "Work has started."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2025, 6, 30)
    value = 100


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2026, 3, 31)
    value = 90
