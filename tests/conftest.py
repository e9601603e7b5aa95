"""Shared personas and settings for every test.

alice: coordinator of the Northfield partnership; bob: viewer there; charlie: coordinator of
another partnership (an outsider to Northfield); admin: a superuser.
"""

import pytest

from tests.factories import PartnershipFactory, RoleFactory, UserFactory
from tests.fast_flush import deleting_flush


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
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Users are made with a password; PBKDF2 costs about a second per user on these machines.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Two-factor sign-in is on in production; the tests about it turn it on themselves.
    settings.REQUIRE_TWO_FACTOR = False


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Northfield Community Safety Partnership", slug="northfield")


@pytest.fixture
def other_partnership(db):
    return PartnershipFactory(name="Southgate Community Safety Partnership", slug="southgate")


@pytest.fixture
def alice(partnership):
    user = UserFactory(username="alice")
    RoleFactory(user=user, partnership=partnership, name="coordinator")
    return user


@pytest.fixture
def bob(partnership):
    user = UserFactory(username="bob")
    RoleFactory(user=user, partnership=partnership, name="viewer")
    return user


@pytest.fixture
def charlie(other_partnership):
    user = UserFactory(username="charlie")
    RoleFactory(user=user, partnership=other_partnership, name="coordinator")
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)
