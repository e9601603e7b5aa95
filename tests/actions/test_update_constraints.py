"""A progress update's check constraints are validated in Python, without a query, and agree
with the database's own answer; any other constraint is still left to the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q

from actions.models import CHECKED_IN_PYTHON, ProgressUpdate

pytestmark = pytest.mark.django_db

# Values on both sides of each rule, the limits included.
SAMPLES = {
    "progress_percent_at_most_100": [None, 0, 99, 100, 101, 250],
    "progress_text_not_empty": ["", "x", " ", "Work has started."],
}


def constraint_named(name):
    return next(c for c in ProgressUpdate._meta.constraints if c.name == name)


def database_allows(constraint, update) -> bool:
    """The database's answer, as Django asks it (CheckConstraint.validate runs a query)."""
    try:
        constraint.validate(ProgressUpdate, update)
    except ValidationError:
        return False
    return True


def test_every_constraint_checked_in_python_is_one_of_the_models():
    assert set(CHECKED_IN_PYTHON) <= {c.name for c in ProgressUpdate._meta.constraints}
    assert set(SAMPLES) == set(CHECKED_IN_PYTHON)


@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name, values in SAMPLES.items() for value in values]
)
def test_python_agrees_with_the_database(action, name, value):
    field, holds = CHECKED_IN_PYTHON[name]
    update = ProgressUpdate(action=action, text="Work has started.", percent_complete=50)
    setattr(update, field, value)
    assert holds(value) == database_allows(constraint_named(name), update)


@pytest.mark.parametrize(
    ("values", "broken"),
    [
        ({"percent_complete": 101}, "progress_percent_at_most_100"),
        ({"text": ""}, "progress_text_not_empty"),
    ],
)
def test_a_broken_rule_is_reported_without_a_query(
    action, values, broken, django_assert_num_queries
):
    update = ProgressUpdate(action=action, **({"text": "Work has started."} | values))
    with django_assert_num_queries(0), pytest.raises(ValidationError) as raised:
        update.validate_constraints()
    assert raised.value.messages == [constraint_named(broken).get_violation_error_message()]


def test_a_rule_on_a_field_left_out_is_not_checked(action, django_assert_num_queries):
    update = ProgressUpdate(action=action, text="", percent_complete=101)
    with django_assert_num_queries(0):
        update.validate_constraints(exclude={"text", "percent_complete"})


def test_another_constraint_is_still_asked_of_the_database(
    action, monkeypatch, django_assert_num_queries
):
    no_bad_unit = CheckConstraint(condition=~Q(unit="bad"), name="no_bad_unit")
    constraints = [*ProgressUpdate._meta.constraints, no_bad_unit]
    monkeypatch.setattr(ProgressUpdate._meta, "constraints", constraints)
    update = ProgressUpdate(action=action, text="Work has started.", unit="bad")
    # Its query, in a savepoint of the test's transaction.
    with django_assert_num_queries(3), pytest.raises(ValidationError) as raised:
        update.validate_constraints()
    assert raised.value.messages == [no_bad_unit.get_violation_error_message()]
