"""The admin's action page costs the same queries whatever the number of its leads and
updates: the lead-agency inline reads its rows, their agencies and the chosen agency of each
chooser in one query."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import ActionLeadFactory, AgencyFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db
# Session, user, the action, its priorities, its leads with their agencies (twice: the list
# column and the inline), partner agencies, the newest updates, the content type, the plan
# and priority choosers' chosen rows.
QUERIES_ON_CHANGE_PAGE = 11


def _leads_and_updates(action, count):
    author = UserFactory(first_name="Pat", last_name="Lee")
    for n in range(count):
        ActionLeadFactory(action=action, agency=AgencyFactory(name=f"Agency {n:02}"), order=n + 1)
        ProgressUpdateFactory(
            action=action,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            author=author,
        )


@pytest.mark.parametrize("count", [2, 40])
def test_the_admin_action_page_makes_the_same_queries_with_2_or_40_leads_and_updates(
    client, superuser, action, count, django_assert_num_queries
):
    _leads_and_updates(action, count)
    client.force_login(superuser)
    # Another test may have filled the content-type cache: count the same query every time.
    ContentType.objects.clear_cache()
    with django_assert_num_queries(QUERIES_ON_CHANGE_PAGE):
        response = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    leads = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "leads"
    )
    assert len(leads.formset.forms) == count + 1
    # Each chooser shows its agency, selected: read from the row, not looked up again.
    assert f'<option value="{action.leads.last().agency_id}" selected>Agency {count - 1:02}' in (
        response.text
    )
    assert "Northfield Police" in response.text


def test_the_admin_action_page_is_refused_to_staff_without_the_permission(client, action):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    assert response.status_code == 403
