"""A document is saved whole or not at all: a mutated seed adds exactly what its import batch
records (so undo finds it all) or nothing; a failure while writing leaves nothing.
tests/plans/test_import_failures.py fails the write after each kind of write it makes."""

from collections import Counter

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


def rows_added(before: dict, after: dict) -> dict:
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


def recorded_rows(batch) -> dict:
    """The rows an import should have added: those its batch records for undo, the batch
    and its records, and a history row for each recorded object of a model with history."""
    recorded = Counter(
        record.content_type.model_class()._meta.label
        for record in batch.created.select_related("content_type")
    )
    for label, count in list(recorded.items()):
        model = apps.get_model(label)
        if hasattr(model._meta, "simple_history_manager_attribute"):
            recorded[model.history.model._meta.label] += count
    recorded["plans.ImportBatch"] += 1
    recorded["plans.ImportedObject"] += batch.created.count()
    return dict(recorded)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutated_lines())
def test_a_mutated_document_adds_exactly_what_its_batch_records_or_nothing(mutated):
    # Each example runs in a transaction rolled back at its end (Discard), so the next
    # starts from the same database; what is checked is checked inside it.
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
            plan = report.batch.plan
            if plan is not None:  # a figure report has none
                assert plan.actions.count() == len(report.parsed.actions)
                assert plan.priorities.count() == len(report.parsed.priorities)
            assert report.batch.created.count() == sum(report.created.values())
            # Every row the import added is one undo can find, and nothing else changed.
            assert rows_added(before, row_counts()) == recorded_rows(report.batch)
            raise Discard
    except Discard:
        pass


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
