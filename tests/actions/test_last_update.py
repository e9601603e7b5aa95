"""The stored last-update date of an action never drifts from its progress updates."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.models import Action, ProgressUpdate
from actions.progress import record_progress
from plans.importing.service import import_document
from plans.importing.writer import undo_batch
from tests.factories import ActionFactory, ProgressUpdateFactory, UserFactory
from tests.personas import make_actions
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 1, 1)
# The action with its leads and newest updates (each row's action and author joined in).
QUERIES_ON_CHANGE_PAGE = 11


def assert_never_drifts():
    expected = dict(
        Action.objects.annotate(newest=Max("updates__date")).values_list("pk", "newest")
    )
    stored = dict(Action.objects.values_list("pk", "last_update_on"))
    assert stored == expected


def _days(n):
    return START + datetime.timedelta(days=n)


# One operation on the updates: (kind, which action or update, a day).
operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "add_earlier", "redate", "move", "delete", "delete_many"]),
        st.integers(min_value=0, max_value=50),
        st.integers(min_value=0, max_value=400),
    ),
    max_size=15,
)


def apply(operation, actions, author):
    kind, which, day = operation
    updates = list(ProgressUpdate.objects.order_by("pk"))
    action = actions[which % len(actions)]
    if kind in ("add", "add_earlier") or not updates:
        date = _days(day) if kind == "add" else START - datetime.timedelta(days=day)
        values = {"date": date, "text": f"Update {day}"}
        record_progress(action, author, values, _days(400))
        return
    update = updates[which % len(updates)]
    if kind == "redate":
        update.date = _days(day)
        update.save()
    elif kind == "move":
        update.action = action
        update.save()
    elif kind == "delete":
        update.delete()
    else:
        model_admin = admin.site._registry[ProgressUpdate]
        request = RequestFactory().post("/")
        model_admin.delete_queryset(request, ProgressUpdate.objects.filter(date__gte=_days(day)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=operations)
def test_the_stored_date_never_drifts_over_random_operations(operations):
    # The database is not rolled back between examples: each starts from where the last
    # ended, which only gives the operations more to work on.
    author = UserFactory()
    actions = ActionFactory.create_batch(3)
    for operation in operations:
        apply(operation, actions, author)
        assert_never_drifts()


def test_an_import_and_its_undo_keep_the_stored_dates_right():
    report = import_document(DOCUMENTS / "st-albans-action-plan-2019-20.txt")
    assert Action.objects.filter(last_update_on__isnull=False).exists()
    assert_never_drifts()
    undo_batch(report.batch)
    assert_never_drifts()


def test_adding_and_deleting_an_update_of_an_imported_action_keeps_its_date_right():
    import_document(DOCUMENTS / "st-albans-action-plan-2019-20.txt")
    action = Action.objects.filter(updates__isnull=False).first()
    ProgressUpdateFactory(action=action, date=datetime.date(2030, 1, 1))
    ProgressUpdate.objects.filter(action=action, date__year=2030).first().delete()
    assert_never_drifts()


def test_an_action_read_before_an_update_does_not_write_its_old_date_back():
    action = ActionFactory()
    stale_copy = Action.objects.get(pk=action.pk)
    ProgressUpdateFactory(action=action, date=datetime.date(2025, 5, 1))
    stale_copy.title = "Renamed"
    stale_copy.save()
    action.refresh_from_db()
    assert (action.title, action.last_update_on) == ("Renamed", datetime.date(2025, 5, 1))


@pytest.mark.parametrize("count", [3, 30])
def test_the_admin_action_list_makes_the_same_queries_at_any_size(
    client, superuser, plan, police, priority, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    client.force_login(superuser)
    url = reverse("admin:actions_action_changelist")
    # One fewer than before the plan filter waited for a partnership to be chosen.
    with django_assert_num_queries(7):
        response = client.get(url, {"o": "-8"})
    assert response.status_code == 200
    assert "Last update" in response.text


@pytest.mark.parametrize("count", [2, 30])
def test_the_admin_action_page_makes_the_same_queries_and_shows_at_most_10_updates(
    client, superuser, action, count, django_assert_num_queries
):
    author = UserFactory(first_name="Pat", last_name="Lee")
    for day in range(count):
        ProgressUpdateFactory(action=action, date=_days(day), author=author, text=f"Day {day}")
    client.force_login(superuser)
    ContentType.objects.clear_cache()  # counted the same whichever test ran before
    with django_assert_num_queries(QUERIES_ON_CHANGE_PAGE):
        response = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "updates"
    )
    shown = [form.instance.date for form in formset.formset.forms]
    assert len(shown) == min(count, 10)
    assert max(shown) == _days(count - 1)
    assert "Pat Lee" in response.text
    # The rest are in the update list, filtered by the action.
    assert f"?action__id__exact={action.pk}" in response.text


def test_the_admin_update_list_has_no_date_hierarchy(client, superuser, action):
    ProgressUpdateFactory(action=action)
    client.force_login(superuser)
    response = client.get(reverse("admin:actions_progressupdate_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].date_hierarchy is None
