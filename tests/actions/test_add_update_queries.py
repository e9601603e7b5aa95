"""Saving a progress update takes a fixed number of queries, whatever the update changes and
however much data there is: a plan of 3 actions whose action has 1 update, or of 60 actions
whose action has 40 updates, 4 priorities and 3 partner agencies.

Counted inside the test's transaction, as the benchmark counts them (it rolls each POST
back), so record_progress's atomic block is a savepoint here: 2 of the queries below. The
rest: the session, the user, the action with its plan, its lead agencies, the user's roles
(5, as the form page; a superuser's roles are not read); the action read again under its lock;
the update and its history row.
Then one UPDATE of the action: its last-update date alone, or, when the status or rating
changes, with them, its history row and the one query of its links for that row. A plan
that computes RAG reads the newest percent complete as well.
"""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action, ProgressUpdate, Rag, Status
from plans.models import Plan
from tests.actions.test_add_update import form_data
from tests.factories import AgencyFactory, PriorityFactory, ProgressUpdateFactory
from tests.personas import make_actions

# The access check: as the form page (test_add_update.py), one fewer for a superuser.
ACCESS = {"dora": 5, "alice": 5, "superuser": 4}
SAVED = 5  # the savepoint and its release, the lock, the update and its history row
DATE_ONLY = 1  # the UPDATE of last_update_on
STATUS_OR_RATING = 3  # the UPDATE, the links, the history row
PERCENT = 1  # a computed rating reads the newest percent complete


@pytest.fixture(params=["small", "large"])
def chosen(request, plan, police, today):
    """The action to update, in a plan of 3 or 60 actions, with 1 or 40 updates (all before
    today's)."""
    large = request.param == "large"
    action = make_actions(plan, 60 if large else 3, agency=police)[0]
    if large:
        for day in range(1, 40):
            ProgressUpdateFactory(
                action=action, date=today - datetime.timedelta(days=day), percent_complete=day
            )
        for code in range(4):
            action.priorities.add(PriorityFactory(plan=plan, code=f"P{code}"))
        action.partner_agencies.add(*AgencyFactory.create_batch(3))
    return Action.objects.get(pk=action.pk)


@pytest.fixture(params=list(ACCESS))
def before_the_write(request, client):
    """Logs in an agency officer of the lead agency, a coordinator or a superuser; the
    queries of the POST up to the action's write."""
    client.force_login(request.getfixturevalue(request.param))
    return ACCESS[request.param] + SAVED


def post(client, action, data):
    return client.post(reverse("actions:add_update", args=[action.pk]), data)


@pytest.mark.parametrize(
    ("changed", "queries"), [(False, DATE_ONLY), (True, STATUS_OR_RATING)], ids=["same", "changed"]
)
def test_saving_an_update_takes_a_fixed_number_of_queries(
    client, before_the_write, chosen, today, changed, queries, django_assert_num_queries
):
    status, rating = (Status.COMPLETED, Rag.RED) if changed else (chosen.status, chosen.rag)
    versions = chosen.history.count()
    with django_assert_num_queries(before_the_write + queries):
        response = post(client, chosen, form_data(today, status=status, rag=rating))
    assert response.status_code == 302
    saved = Action.objects.get(pk=chosen.pk)
    assert (saved.status, saved.rag, saved.last_update_on) == (status, rating, today)
    assert saved.history.count() == versions + changed


@pytest.mark.parametrize(
    ("status", "queries"),
    [(Status.NOT_STARTED, DATE_ONLY + PERCENT), (Status.COMPLETED, STATUS_OR_RATING + PERCENT)],
    ids=["same", "changed"],
)
def test_a_computed_rating_adds_one_query(
    client, before_the_write, chosen, plan, today, status, queries, django_assert_num_queries
):
    Plan.objects.filter(pk=plan.pk).update(rag_method=Plan.RagMethod.COMPUTED)
    # Overdue, so rated red until it is completed, whatever the date and the percentages.
    yesterday = today - datetime.timedelta(days=1)
    Action.objects.filter(pk=chosen.pk).update(due_date=yesterday, rag=Rag.RED)
    with django_assert_num_queries(before_the_write + queries):
        response = post(client, chosen, form_data(today, status=status))
    assert response.status_code == 302
    saved = Action.objects.get(pk=chosen.pk)
    assert (saved.status, saved.rag) == (
        status,
        Rag.GREEN if status == Status.COMPLETED else Rag.RED,
    )


def test_an_update_dated_before_the_newest_writes_nothing_to_the_action(
    client, before_the_write, chosen, today, django_assert_num_queries
):
    Action.objects.filter(pk=chosen.pk).update(last_update_on=today)
    earlier = today - datetime.timedelta(days=1)
    data = form_data(
        today,
        date_0=earlier.day,
        date_1=earlier.month,
        date_2=earlier.year,
        status=Status.COMPLETED,
    )
    with django_assert_num_queries(before_the_write):
        response = post(client, chosen, data)
    assert response.status_code == 302
    assert Action.objects.filter(pk=chosen.pk).values_list("status", "last_update_on").get() == (
        chosen.status,
        today,
    )
    assert ProgressUpdate.objects.filter(action=chosen, date=earlier).exists()
