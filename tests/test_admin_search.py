"""The admin search (csp.admin_search) finds exactly what Django's own search finds, on
every admin that uses it, with a fixed number of queries whatever the size of the data."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from csp.admin_search import SearchWithoutDistinct
from tests.factories import (
    ActionLeadFactory,
    AgencyAliasFactory,
    AgencyFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    SuccessCriterionFactory,
)

pytestmark = pytest.mark.django_db
TERMS = ["patrol", "PATROL", "night", "Hertfordshire", "alias", "P7", "Fire team", '"night patrol"']


def searching_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SearchWithoutDistinct)
    ]


@pytest.fixture
def varied_data():
    """Words in every searched column, so each field's own subquery has something to find."""
    fire = AgencyFactory(name="Hertfordshire Fire")
    AgencyAliasFactory(agency=fire, alias="Fire team alias")
    police = AgencyFactory(name="Night patrol unit")
    for n in range(3):
        priority = PriorityFactory(
            code=f"P{n + 6}", title=f"Priority {n} night", narrative="patrol"
        )
        update = ProgressUpdateFactory(
            action__plan=priority.plan, action__title=f"Street patrol {n}", text="night work"
        )
        update.action.priorities.add(priority)
        ActionLeadFactory(action=update.action, agency=[fire, police][n % 2])
        SuccessCriterionFactory(priority=priority, text="Fewer night incidents")
        MembershipFactory(partnership=priority.plan.partnership, agency=police)
    ProgressUpdateFactory(text="Nothing to find")


def test_every_admin_whose_search_would_need_distinct_uses_it():
    # Django's search over a many-valued relation ends in SELECT DISTINCT over the join.
    needing_distinct = {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if any(
            lookup_spawns_duplicates(model._meta, f"{field}__icontains")
            for field in model_admin.search_fields
        )
    }
    searching = {model._meta.label for model, _ in searching_admins()}
    assert needing_distinct
    assert needing_distinct <= searching
    assert {"actions.Action", "actions.ProgressUpdate", "plans.Priority"} <= searching


@pytest.mark.parametrize("term", TERMS)
def test_it_finds_what_djangos_search_finds(varied_data, term):
    request = RequestFactory().get("/")
    found_any = False
    for model, model_admin in searching_admins():
        everything = model._default_manager.all()
        ours, duplicates = model_admin.get_search_results(request, everything, term)
        django, _ = admin.ModelAdmin.get_search_results(model_admin, request, everything, term)
        assert not duplicates
        assert sorted(ours.values_list("pk", flat=True)) == sorted(
            set(django.values_list("pk", flat=True))
        ), f"{model._meta.label} ?q={term}"
        found_any |= ours.exists()
    assert found_any, f"nothing has {term!r}: the comparison would prove nothing"


def test_an_empty_search_lists_everything(varied_data):
    request = RequestFactory().get("/")
    for model, model_admin in searching_admins():
        everything = model._default_manager.all()
        ours, _ = model_admin.get_search_results(request, everything, "")
        assert ours.count() == everything.count()


@pytest.mark.parametrize("count", [2, 30])
def test_the_admin_action_search_makes_the_same_queries_at_any_size(
    client, superuser, count, django_assert_num_queries
):
    plan, police = PlanFactory(), AgencyFactory(name="Northfield Police")
    for n in range(count):
        update = ProgressUpdateFactory(action__plan=plan, action__title=f"Patrol {n}")
        ActionLeadFactory(action=update.action, agency=police)
    client.force_login(superuser)
    ContentType.objects.clear_cache()
    # As the list without a search (tests/actions/test_last_update.py): no query more.
    with django_assert_num_queries(7):
        response = client.get(reverse("admin:actions_action_changelist"), {"q": "patrol"})
    assert len(response.context["cl"].result_list) == count


def test_the_admin_search_is_refused_to_people_without_staff_status(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:actions_action_changelist"), {"q": "patrol"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
