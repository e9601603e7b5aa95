"""The settings every test runs with (tests/conftest.py applies them to each test)."""


def settings_for_tests(settings) -> dict:
    """The settings every test runs with, as overrides of `settings` (django.conf's)."""
    return {
        # Tests render templates without running collectstatic first.
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "SECURE_SSL_REDIRECT": False,
        # Users are made with a password; PBKDF2 costs about a second per user here.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Two-factor sign-in is on in production; the tests about it turn it on themselves.
        "REQUIRE_TWO_FACTOR": False,
    }
