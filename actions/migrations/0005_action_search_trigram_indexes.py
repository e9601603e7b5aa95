"""Trigram indexes for the action search, on PostgreSQL only.

The action list and the admin search with icontains, which PostgreSQL runs as
UPPER(column::text) LIKE UPPER('%word%'): a B-tree cannot serve a pattern with a leading
wildcard, a pg_trgm GIN index on that very expression can. SQLite has no pg_trgm and keeps
its plain scan, so there this migration does nothing (docs/performance.md has the EXPLAIN).
"""

from django.db import migrations

# (index name, table, column): the columns ActionFilter.search and the admins search.
INDEXES = [
    ("action_title_trgm", "actions_action", "title"),
    ("action_description_trgm", "actions_action", "description"),
    ("action_target_trgm", "actions_action", "target"),
    ("action_timescale_trgm", "actions_action", "timescale"),
    ("progress_text_trgm", "actions_progressupdate", "text"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_action_last_update_on"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
