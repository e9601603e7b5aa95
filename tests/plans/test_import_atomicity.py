"""A document is saved whole or not at all: mutated seeds never leave part of themselves."""

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings

from plans.importing.service import import_document
from plans.importing.structure import DocumentError
from plans.models import ImportBatch, Plan
from tests.plans.conftest import DOCUMENTS
from tests.plans.importing.test_properties import mutated_lines

pytestmark = pytest.mark.django_db

APPS = ["partnerships", "plans", "actions", "performance"]


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for name in APPS
        for model in apps.get_app_config(name).get_models()
    }


class Discard(Exception):
    """Rolls an example back so the next one starts from the same database."""


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutated_lines())
def test_a_mutated_document_is_saved_whole_or_not_at_all(mutated):
    name, lines = mutated
    before = row_counts()
    try:
        with transaction.atomic():
            try:
                report = import_document("\n".join(lines).encode(), name)
            except DocumentError as error:
                assert str(error).startswith(name)
                assert row_counts() == before
                raise Discard from None
            if report.batch is not None:
                plan = report.batch.plan
                if plan is not None:  # a figure report has none
                    assert plan.actions.count() == len(report.parsed.actions)
                    assert plan.priorities.count() == len(report.parsed.priorities)
                created = sum(report.created.values())
                assert report.batch.created.count() == created
            raise Discard
    except Discard:
        pass
    assert row_counts() == before


def test_a_failure_while_writing_leaves_nothing():
    before = row_counts()

    def fail_on_progress_updates(execute, sql, params, many, context):
        # After the plan, priorities and actions are written, whichever way they are inserted.
        if sql.startswith('INSERT INTO "actions_progressupdate"'):
            raise DatabaseError("the disk is full")
        return execute(sql, params, many, context)

    failing = connection.execute_wrapper(fail_on_progress_updates)
    with failing, pytest.raises(DatabaseError, match="disk is full"):
        import_document(DOCUMENTS / "st-albans-action-plan-2019-20.txt")
    assert row_counts() == before
    assert not Plan.objects.exists() and not ImportBatch.objects.exists()
