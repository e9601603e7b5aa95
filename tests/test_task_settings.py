"""TASK_BACKEND: tasks run at once unless production asks for the database backend."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from tests.settings_module import settings_under


def tasks_setting(monkeypatch, **env):
    names = settings_under(monkeypatch, SECRET_KEY="test-only", **env)
    return names["TASKS"]["default"]["BACKEND"]


def test_without_a_task_backend_tasks_run_at_once(monkeypatch):
    assert tasks_setting(monkeypatch) == "django_tasks.backends.immediate.ImmediateBackend"


def test_the_database_backend_is_chosen_by_name(monkeypatch):
    assert tasks_setting(monkeypatch, TASK_BACKEND="database") == "django_tasks_db.DatabaseBackend"


def test_an_unknown_backend_stops_start_up_naming_the_variable(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="TASK_BACKEND='celery' is not one of"):
        tasks_setting(monkeypatch, TASK_BACKEND="celery")


def test_the_tests_run_tasks_with_the_immediate_backend():
    assert isinstance(task_backends["default"], ImmediateBackend)
