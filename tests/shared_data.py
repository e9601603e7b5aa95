"""What a test needs from outside the project: the shared folder beside it (../shared, the
seed documents, other councils' documents and real public data) and a browser.

Where one is missing the test is skipped, saying what is missing; under CI (CI=true), where
everything must be present, it fails instead.
"""

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def skip_unless_ci(reason: str) -> None:
    """Skip the test for `reason`, or fail it under CI."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"Under CI this must be present: {reason}")
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """The path of a file under ../shared; skips (or fails under CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        skip_unless_ci(f"{path} is not here (the shared folder sits beside the project)")
    return path
