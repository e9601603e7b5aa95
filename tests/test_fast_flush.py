"""The flush between transactional tests (tests/fast_flush.py) still empties every table."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.factories import ActionFactory, ObservationFactory, ProgressUpdateFactory, RoleFactory
from tests.fast_flush import deleting_flush

pytestmark = pytest.mark.django_db(transaction=True)


def rows_left():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label not in {"contenttypes.ContentType", "auth.Permission"}
    }


def test_a_flush_leaves_no_rows_in_any_table_linked_or_not():
    # Rows that point at each other across apps: a delete in the wrong order would break a
    # foreign key if the keys were checked before the flush's transaction commits.
    ProgressUpdateFactory(action=ActionFactory())
    RoleFactory()
    ObservationFactory()
    assert sum(rows_left().values()) > 5

    call_command("flush", verbosity=0, interactive=False)

    assert {label: count for label, count in rows_left().items() if count} == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE flush is PostgreSQL's")
def test_on_postgresql_a_full_flush_deletes_and_a_partial_one_truncates():
    tables = ["plans_plan", "actions_action"]

    assert connection.ops.sql_flush(no_style(), tables) == [
        'DELETE FROM "plans_plan";',
        'DELETE FROM "actions_action";',
    ]
    assert deleting_flush(connection.ops, no_style(), tables, allow_cascade=True) == [
        'TRUNCATE "plans_plan", "actions_action" CASCADE;'
    ]
    assert deleting_flush(connection.ops, no_style(), tables, reset_sequences=True)[0].startswith(
        'TRUNCATE "plans_plan", "actions_action" RESTART IDENTITY'
    )
