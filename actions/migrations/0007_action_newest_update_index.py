"""An index for "last update, newest first" on the action list.

That sort is DESC NULLS LAST (actions never updated at the end, on both databases), which
the plain index on last_update_on cannot serve read backwards (that gives NULLS FIRST).
On PostgreSQL only: SQLite takes no NULLS LAST in an index, and needs none, since it puts
NULLs last in a descending order anyway and reads the plain index backwards (and Django's
Index cannot say the nulls order at all). docs/performance.md has the EXPLAIN.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "action_newest_update" '
        'ON "actions_action" ("last_update_on" DESC NULLS LAST, "id")'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "action_newest_update"')


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_status_not_known"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
