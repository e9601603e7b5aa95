"""Every admin page opens for a superuser, so a new model cannot break the admin unnoticed."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    ActionLeadFactory,
    AgencyAliasFactory,
    MembershipFactory,
    ObservationFactory,
    ProgressUpdateFactory,
    RoleFactory,
    SuccessCriterionFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_everything():
    ActionLeadFactory(action=ProgressUpdateFactory().action)
    SuccessCriterionFactory()
    AgencyAliasFactory()
    MembershipFactory()
    RoleFactory()
    ObservationFactory()
    TargetFactory()


def admin_models():
    return [
        (model._meta.app_label, model._meta.model_name, model) for model in admin.site._registry
    ]


def test_every_admin_page_opens_for_a_superuser(client, superuser, one_of_everything):
    client.force_login(superuser)
    for app_label, model_name, model in admin_models():
        prefix = f"admin:{app_label}_{model_name}"
        changelist = client.get(reverse(f"{prefix}_changelist"))
        assert changelist.status_code == 200, f"{prefix} changelist"
        model_admin = admin.site._registry[model]
        if model_admin.has_add_permission(changelist.wsgi_request):
            assert client.get(reverse(f"{prefix}_add")).status_code == 200, f"{prefix} add"
        obj = model.objects.first()
        if obj is not None:
            response = client.get(reverse(f"{prefix}_change", args=[obj.pk]))
            assert response.status_code == 200, f"{prefix} change"


def test_the_admin_search_works_on_every_changelist(client, superuser, one_of_everything):
    client.force_login(superuser)
    for app_label, model_name, _ in admin_models():
        response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "a"})
        assert response.status_code == 200, f"{app_label}.{model_name} search"


def test_non_staff_users_cannot_reach_the_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:actions_action_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_visitors_are_sent_to_the_admin_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
