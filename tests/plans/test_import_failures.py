"""An import, and its undo, made to fail just after each kind of write it makes: every table
is left exactly as it was, row for row. Run on SQLite and on PostgreSQL.

The steps are every (statement, table) an import of these documents makes, found by
watching one; a test checks the lists still cover them all, so a new write is not left
out."""

import pytest
from django.db import transaction

from plans.importing.service import import_document
from plans.importing.writer import undo_batch
from plans.models import ImportBatch
from tests.factories import ActionFactory, PartnershipFactory
from tests.plans.conftest import DOCUMENTS
from tests.plans.database_state import InjectedFailure, every_table, failing_after, writes_seen

pytestmark = pytest.mark.django_db

INSERT, UPDATE, DELETE = "INSERT INTO", "UPDATE", "DELETE FROM"
# The smallest seeds that between them make every kind of write.
ACTION_PLAN = "st-albans-action-plan-2019-20.txt"  # plan, priorities, actions, leads, progress
STRATEGY = "st-albans-strategy-2011-12.txt"  # members, figures, targets
NORTH_HERTS = "north-herts-plan-2008-11.txt"  # success criteria

IMPORT_STEPS = [
    *(
        (ACTION_PLAN, step)
        for step in [
            (INSERT, "partnerships_partnership"),
            (INSERT, "partnerships_historicalpartnership"),
            (INSERT, "plans_plan"),
            (INSERT, "plans_historicalplan"),
            (INSERT, "plans_priority"),
            (INSERT, "plans_historicalpriority"),
            (INSERT, "actions_action"),
            (INSERT, "actions_historicalaction"),
            (INSERT, "actions_action_priorities"),
            (INSERT, "partnerships_agency"),
            (INSERT, "actions_actionlead"),
            (INSERT, "actions_progressupdate"),
            (INSERT, "actions_historicalprogressupdate"),
            (UPDATE, "actions_action"),  # each action's last-update date
            (INSERT, "plans_importbatch"),
            (INSERT, "plans_importedobject"),  # the last write of all
        ]
    ),
    *(
        (STRATEGY, step)
        for step in [
            (INSERT, "partnerships_membership"),
            (INSERT, "partnerships_historicalmembership"),
            (INSERT, "performance_indicator"),
            (INSERT, "performance_observation"),
            (INSERT, "performance_historicalobservation"),
            (INSERT, "performance_target"),
            (INSERT, "performance_historicaltarget"),
        ]
    ),
    (NORTH_HERTS, (INSERT, "plans_successcriterion")),
]
# (document, step, which time the step is made)
UNDO_STEPS = [
    *(
        (ACTION_PLAN, step, 1)
        for step in [
            (DELETE, "actions_progressupdate"),
            (INSERT, "actions_historicalprogressupdate"),
            (UPDATE, "actions_action"),
            (DELETE, "actions_actionlead"),
            (DELETE, "partnerships_agency"),
            (DELETE, "actions_action_priorities"),
            (DELETE, "actions_action"),
            (INSERT, "actions_historicalaction"),
            (DELETE, "plans_priority"),
            (INSERT, "plans_historicalpriority"),
            (UPDATE, "plans_importbatch"),  # the plan deleted from under the batch
            (DELETE, "plans_plan"),
            (INSERT, "plans_historicalplan"),
            (DELETE, "partnerships_partnership"),
            (INSERT, "partnerships_historicalpartnership"),
            (DELETE, "plans_importedobject"),
        ]
    ),
    (ACTION_PLAN, (UPDATE, "plans_importbatch"), 2),  # marked undone, the last write of all
    *(
        (STRATEGY, step, 1)
        for step in [
            (DELETE, "performance_target"),
            (INSERT, "performance_historicaltarget"),
            (DELETE, "performance_observation"),
            (INSERT, "performance_historicalobservation"),
            (DELETE, "performance_indicator"),
            (DELETE, "partnerships_membership"),
            (INSERT, "partnerships_historicalmembership"),
        ]
    ),
    (NORTH_HERTS, (DELETE, "plans_successcriterion"), 1),
]


def step_id(value):
    return " ".join(value) if isinstance(value, tuple) else str(value)


@pytest.fixture
def others():
    """Rows the import and undo must not touch: another partnership's plan and action."""
    return ActionFactory(plan__partnership=PartnershipFactory(name="Elsewhere"))


class Discard(Exception):
    """Rolls back what a test did only to watch it."""


def writes_of(making, after=lambda: None) -> list[tuple[str, str]]:
    """The writes making(after()) makes, all rolled back."""
    try:
        with transaction.atomic():
            made_first = after()
            with writes_seen() as seen:
                making(made_first)
            raise Discard
    except Discard:
        pass
    return seen


@pytest.mark.parametrize(("name", "step"), IMPORT_STEPS, ids=step_id)
def test_an_import_failing_after_any_write_leaves_every_table_as_it_was(others, name, step):
    before = every_table()
    with failing_after(step), pytest.raises(InjectedFailure):
        import_document(DOCUMENTS / name)
    assert every_table() == before


@pytest.mark.parametrize(("name", "step", "nth"), UNDO_STEPS, ids=step_id)
def test_an_undo_failing_after_any_write_leaves_every_table_as_it_was(others, name, step, nth):
    batch = import_document(DOCUMENTS / name).batch
    before = every_table()
    with failing_after(step, nth), pytest.raises(InjectedFailure):
        undo_batch(batch)
    assert every_table() == before
    assert ImportBatch.objects.get(pk=batch.pk).undone_at is None


def test_an_undo_that_failed_can_be_made_again():
    before = every_table()
    batch = import_document(DOCUMENTS / ACTION_PLAN).batch
    with failing_after((DELETE, "plans_plan")), pytest.raises(InjectedFailure):
        undo_batch(ImportBatch.objects.get(pk=batch.pk))
    undo_batch(ImportBatch.objects.get(pk=batch.pk))
    assert ImportBatch.objects.get(pk=batch.pk).undone_at is not None
    after = every_table()
    assert not after["plans_plan"] and not after["actions_action"]
    assert after["partnerships_agency"] == before["partnerships_agency"]


@pytest.mark.parametrize("name", [ACTION_PLAN, STRATEGY, NORTH_HERTS])
def test_the_steps_failed_are_every_write_the_import_and_undo_make(name):
    path = DOCUMENTS / name
    imports = writes_of(lambda _: import_document(path))
    undoes = writes_of(lambda batch: undo_batch(batch), lambda: import_document(path).batch)
    assert set(imports) <= {step for _, step in IMPORT_STEPS}
    assert {step for document, step in IMPORT_STEPS if document == name} <= set(imports)
    assert set(undoes) <= {step for _, step, _ in UNDO_STEPS}
    assert {step for document, step, _ in UNDO_STEPS if document == name} <= set(undoes)


def test_a_dry_run_leaves_every_table_as_it_was(others):
    before = every_table()
    report = import_document(DOCUMENTS / ACTION_PLAN, dry_run=True)
    assert report.batch is None and sum(report.created.values()) > 0
    assert every_table() == before


@pytest.mark.django_db(transaction=True)
class TestOutsideTheTestsTransaction:
    """The same failures with nothing around the import but its own transaction, so what it
    would commit is what is read back."""

    def test_an_import_failing_part_way_commits_nothing(self, others):
        before = every_table()
        with failing_after((INSERT, "actions_actionlead")), pytest.raises(InjectedFailure):
            import_document(DOCUMENTS / ACTION_PLAN)
        assert every_table() == before

    def test_an_undo_failing_part_way_commits_nothing(self, others):
        batch = import_document(DOCUMENTS / ACTION_PLAN).batch
        before = every_table()
        with failing_after((DELETE, "plans_plan")), pytest.raises(InjectedFailure):
            undo_batch(batch)
        assert every_table() == before
