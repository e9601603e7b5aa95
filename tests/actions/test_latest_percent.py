""" "Latest percent complete" has one definition: the SQL subquery (lists, dashboards, the daily
RAG refresh), the one-action query (recording progress, editing) and the reading of updates
already loaded (the action page) give the same answer on the same updates."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import history, rag
from actions.models import Action, latest_percent_complete
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 6, 1)
WRITTEN = timezone.make_aware(datetime.datetime(2025, 6, 1, 9, 0))


def add_updates(action, updates):
    """updates: (days after DAY, minutes after WRITTEN, percent or None), created in order."""
    for days, minutes, percent in updates:
        update = ProgressUpdateFactory(
            action=action, date=DAY + datetime.timedelta(days=days), percent_complete=percent
        )
        # created_at is set on insert: move it afterwards to the time the case needs.
        written = WRITTEN + datetime.timedelta(minutes=minutes)
        type(update).objects.filter(pk=update.pk).update(created_at=written)


def answers(action) -> dict:
    loaded = list(action.updates.all())
    annotated = Action.objects.annotate(percent=latest_percent_complete()).get(pk=action.pk)
    return {
        "subquery": annotated.percent,
        "one action": rag.latest_percent(action),
        "loaded updates": history.latest_percent(loaded),
    }


CASES = {
    "no updates": ([], None),
    "no update gave a percentage": ([(0, 0, None), (1, 1, None)], None),
    "the newest date wins": ([(0, 5, 40), (2, 0, 60), (1, 9, 50)], 60),
    "a newer update without a percentage is passed over": ([(0, 0, 30), (3, 3, None)], 30),
    "on the same date the later written wins": ([(1, 7, 70), (1, 2, 20)], 70),
    "a later-written update dated earlier loses": ([(5, 0, 55), (4, 60, 45)], 55),
    "same date and same time: the last saved wins": ([(1, 0, 10), (1, 0, 90)], 90),
    "same date and same time, the newest without a percentage": (
        [(1, 0, 25), (1, 0, 75), (1, 0, None)],
        75,
    ),
    "zero is a percentage": ([(0, 0, 80), (1, 0, 0)], 0),
}


@pytest.mark.parametrize(("updates", "expected"), CASES.values(), ids=CASES.keys())
def test_every_reader_of_the_latest_percentage_gives_the_same_answer(updates, expected):
    action = ActionFactory()
    add_updates(action, updates)
    assert answers(action) == dict.fromkeys(answers(action), expected)


def test_another_actions_updates_do_not_count():
    action, other = ActionFactory(), ActionFactory()
    add_updates(action, [(0, 0, 30)])
    add_updates(other, [(5, 5, 90)])
    assert set(answers(action).values()) == {30}


updates_strategy = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 2), st.one_of(st.none(), st.integers(0, 100))),
    max_size=6,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(updates_strategy)
def test_the_readers_agree_on_any_updates_with_ties(updates):
    action = ActionFactory()
    add_updates(action, updates)
    # The rule spelled out: the newest by date, then time written, then the later saved.
    reported = [(d, m, n, p) for n, (d, m, p) in enumerate(updates) if p is not None]
    expected = max(reported)[3] if reported else None
    assert answers(action) == dict.fromkeys(answers(action), expected)
