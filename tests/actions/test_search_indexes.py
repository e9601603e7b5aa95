"""The action search's trigram indexes: made on PostgreSQL, used by its plan, and the search
itself the same on SQLite."""

import pytest
from django.db import connection
from django.urls import reverse

from actions.filters import ActionFilter
from actions.models import Action
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm indexes exist on PostgreSQL only"
)
TRIGRAM_INDEXES = {
    "action_title_trgm",
    "action_description_trgm",
    "action_target_trgm",
    "action_timescale_trgm",
    "progress_text_trgm",
}


def index_names():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "actions_action")
        constraints |= connection.introspection.get_constraints(cursor, "actions_progressupdate")
    return set(constraints)


def test_searching_finds_words_in_any_order_and_case(client, alice, plan):
    ActionFactory(plan=plan, title="Weekly PATROLS of the town centre")
    ActionFactory(plan=plan, title="Something else", target="Town patrol hours")
    ActionFactory(plan=plan, title="Unrelated")
    client.force_login(alice)
    response = client.get(reverse("actions:list"), {"q": "patrol town"})
    assert sorted(a.title for a in response.context["actions"]) == [
        "Something else",
        "Weekly PATROLS of the town centre",
    ]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="about SQLite")
def test_sqlite_has_no_trigram_index():
    assert not TRIGRAM_INDEXES & index_names()


@ON_POSTGRESQL
def test_postgresql_has_a_trigram_index_on_each_searched_column():
    assert index_names() >= TRIGRAM_INDEXES


@ON_POSTGRESQL
def test_postgresql_plans_the_search_with_its_trigram_indexes(rf, alice, plan):
    ActionFactory.create_batch(5, plan=plan)
    request = rf.get("/")
    request.user = alice
    filterset = ActionFilter({}, Action.objects.all(), request=request, today=plan.period_start)
    searched = filterset.search(Action.objects.order_by(), "q", "patrol")
    with connection.cursor() as cursor:
        # Five rows make a scan cheaper than any index; forbid it to see the index is usable.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan_text = searched.explain()
    assert {"action_title_trgm", "action_target_trgm"} <= set(plan_text.replace('"', " ").split())


@ON_POSTGRESQL
def test_postgresql_has_an_index_for_the_newest_update_first():
    assert "action_newest_update" in index_names()
