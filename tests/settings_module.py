"""Read csp/settings.py as a fresh start-up would under a given environment, in this process:
the module is executed anew into its own namespace (the running Django settings are not
touched), which costs milliseconds where a new Python process costs seconds."""

import runpy
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[1] / "csp" / "settings.py"
# What the test run itself sets and a production start-up would not.
CLEARED = ("DEBUG", "SECRET_KEY", "TASK_BACKEND", "REQUIRE_TWO_FACTOR", "SESSION_IDLE_SECONDS")


def settings_under(monkeypatch, **env):
    """The settings module's names after a start-up with exactly `env` on top of the
    environment, less the variables in CLEARED. Raises what the module raises."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))
