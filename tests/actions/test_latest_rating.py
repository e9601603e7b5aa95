"""Where a plan computes RAG, an action's stored rating never drifts from its progress
updates: every write of updates (added, redated, its percentage changed, moved, deleted one
by one or in bulk from the admin, imported) recomputes it in the same transaction, through
ActionQuerySet.refresh_latest() or, for an update added through the form, record_progress()
under the action's lock, with the stored last-update date."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import rag
from actions.models import Action, ProgressUpdate, Rag
from actions.progress import record_progress
from plans.models import Plan
from tests.factories import ActionFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def expected_rating(action):
    """The rule applied to the action's newest reported percentage, worked out here from
    the updates as rows, not by the code under test."""
    reported = sorted(
        action.updates.filter(percent_complete__isnull=False).values_list(
            "date", "created_at", "percent_complete"
        )
    )
    percent = reported[-1][2] if reported else None
    return rag.for_action(action, _today(), percent).rag


@pytest.fixture
def computed_plan(db):
    return _computed_plan()


def assert_never_drifts():
    for action in Action.objects.select_related("plan__partnership"):
        assert action.rag == expected_rating(action), action.title


def _computed_plan():
    today = _today()
    return PlanFactory(
        rag_method=Plan.RagMethod.COMPUTED,
        period_start=today - datetime.timedelta(days=200),
        period_end=today + datetime.timedelta(days=165),
    )


operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "percent", "redate", "move", "delete", "delete_many"]),
        st.integers(min_value=0, max_value=50),
        st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
    ),
    max_size=12,
)


def apply(operation, actions, author):
    kind, which, percent = operation
    updates = list(ProgressUpdate.objects.order_by("pk"))
    action = actions[which % len(actions)]
    day = _today() - datetime.timedelta(days=which)
    if kind == "add" or not updates:
        values = {"date": day, "text": "Progress", "percent_complete": percent}
        record_progress(action, author, values, _today())
        return
    update = updates[which % len(updates)]
    if kind == "percent":
        update.percent_complete = percent
        update.save(update_fields=["percent_complete"])
    elif kind == "redate":
        update.date = day
        update.save()
    elif kind == "move":
        update.action = action
        update.save()
    elif kind == "delete":
        update.delete()
    else:
        model_admin = admin.site._registry[ProgressUpdate]
        request = RequestFactory().post("/")
        model_admin.delete_queryset(request, ProgressUpdate.objects.filter(date__lte=day))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=operations)
def test_the_computed_rating_never_drifts_over_random_operations(operations):
    # Not rolled back between examples: each starts where the last ended.
    author = UserFactory()
    actions = ActionFactory.create_batch(2, plan=_computed_plan())
    # Rated once as the daily refresh would, so every action starts right.
    rag.refresh(Action.objects.all(), _today())
    for operation in operations:
        apply(operation, actions, author)
        assert_never_drifts()


def test_deleting_the_update_that_made_an_action_green_makes_it_red_again(computed_plan):
    action = ActionFactory(plan=computed_plan)
    author = UserFactory()
    values = {"date": _today(), "text": "Nearly done", "percent_complete": 90}
    update = record_progress(action, author, values, _today())
    action.refresh_from_db()
    assert action.rag == Rag.GREEN
    update.delete()
    action.refresh_from_db()
    # 55% of the time has gone and no percentage is reported now (counted as 0%).
    assert action.rag == Rag.RED
    assert action.history.first().rag == Rag.RED


def test_a_plan_rated_by_hand_keeps_its_rating_when_updates_change(db):
    action = ActionFactory(rag=Rag.AMBER)
    update = record_progress(action, UserFactory(), {"date": _today(), "text": "x"}, _today())
    update.percent_complete = 5
    update.save()
    update.delete()
    action.refresh_from_db()
    assert action.rag == Rag.AMBER


def test_a_failed_rating_refresh_leaves_the_update_unwritten(computed_plan, monkeypatch):
    action = ActionFactory(plan=computed_plan)

    def fail(*args, **kwargs):
        raise RuntimeError("the rating could not be stored")

    monkeypatch.setattr(rag, "refresh", fail)
    with pytest.raises(RuntimeError):
        ProgressUpdate.objects.create(action=action, date=_today(), text="Lost", percent_complete=9)
    assert not ProgressUpdate.objects.exists()
    assert Action.objects.get(pk=action.pk).last_update_on is None
