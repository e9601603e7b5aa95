"""The whole database as rows, and writes made to fail part-way, for all-or-nothing tests."""

import re
from contextlib import contextmanager

from django.db import connection

_STATEMENT = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


class InjectedFailure(Exception):
    """Raised where a test makes a step of a write fail."""


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table Django knows, as stored (so a changed value shows, not only
    a changed count)."""
    quote = connection.ops.quote_name
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            state[table] = sorted(cursor.fetchall(), key=repr)
    return state


def statement(sql: str) -> tuple[str, str] | None:
    """("INSERT INTO", table), ("UPDATE", table) or ("DELETE FROM", table) of a write."""
    match = _STATEMENT.match(sql)
    return (match[1].upper(), match[2]) if match else None


@contextmanager
def writes_seen():
    """The (verb, table) of each write made inside that wrote, changed or deleted a row,
    in first-seen order."""
    seen: list[tuple[str, str]] = []

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        step = statement(sql)
        # An insert is made only with rows (SQLite tells no count before RETURNING's rows
        # are read); an update or delete may find none, which writes nothing.
        wrote = step and (step[0] == "INSERT INTO" or context["cursor"].rowcount != 0)
        if wrote and step not in seen:
            seen.append(step)
        return result

    with connection.execute_wrapper(watch):
        yield seen


@contextmanager
def failing_after(step: tuple[str, str], nth: int = 1):
    """Raise InjectedFailure just after the nth statement of the step has run, so its rows
    are written (or changed, or deleted) when the failure comes."""
    seen = 0

    def fail_after(execute, sql, params, many, context):
        nonlocal seen
        result = execute(sql, params, many, context)
        if statement(sql) == step:
            seen += 1
            if seen == nth:
                raise InjectedFailure(f"after {step[0]} {step[1]} ({nth})")
        return result

    with connection.execute_wrapper(fail_after):
        yield
