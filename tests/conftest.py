"""Shared personas and settings for every test.

alice: coordinator of the Northfield partnership; bob: viewer there; charlie: coordinator of
another partnership (an outsider to Northfield); admin: a superuser.
"""

import pytest

from tests.fast_flush import deleting_flush
from tests.personas import make_northfield, make_person, make_southgate, make_superuser
from tests.suite_settings import settings_for_tests


@pytest.fixture(autouse=True, scope="session")
def _flush_by_deleting():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "django.db.backends.postgresql.operations.DatabaseOperations.sql_flush",
            deleting_flush,
        )
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for name, value in settings_for_tests(settings).items():
        setattr(settings, name, value)


@pytest.fixture
def partnership(db):
    return make_northfield()


@pytest.fixture
def other_partnership(db):
    return make_southgate()


@pytest.fixture
def alice(partnership):
    return make_person("alice", partnership, "coordinator")


@pytest.fixture
def bob(partnership):
    return make_person("bob", partnership, "viewer")


@pytest.fixture
def charlie(other_partnership):
    return make_person("charlie", other_partnership, "coordinator")


@pytest.fixture
def superuser(db):
    return make_superuser()
