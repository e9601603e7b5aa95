"""Migration actions 0003: every update written or imported before publication was a choice
is internal afterwards, so nothing appears on a public summary that nobody published."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("actions", "0002_history_links_and_update_index"),
    ("partnerships", "0002_invitation"),
]
AFTER = [("actions", "0003_update_publication")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_updates_that_existed_before_the_migration_are_internal():
    old = migrate(BEFORE)
    partnership = old.get_model("partnerships", "Partnership").objects.create(
        name="Oldtown CSP", slug="oldtown"
    )
    plan = old.get_model("plans", "Plan").objects.create(
        partnership=partnership,
        kind="action_plan",
        title="Published plan",
        status="published",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    action = old.get_model("actions", "Action").objects.create(plan=plan, title="Old action")
    ProgressUpdate = old.get_model("actions", "ProgressUpdate")
    ProgressUpdate.objects.create(action=action, date=datetime.date(2025, 6, 1), text="Imported")
    try:
        new = migrate(AFTER)
        update = new.get_model("actions", "ProgressUpdate").objects.get()
        assert update.publication == "internal"
        assert update.is_example is False
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
