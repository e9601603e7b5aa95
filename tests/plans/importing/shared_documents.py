"""Real documents of other partnerships, read from ../shared/documents beside the project.

Where that folder is absent the tests that need it are skipped with the reason; under CI
(CI=true) they fail instead, as the browser tests do.
"""

import os
from pathlib import Path

import pytest

SHARED_DOCUMENTS = Path(__file__).resolve().parents[3].parent / "shared" / "documents"
OTHER_COUNCILS = SHARED_DOCUMENTS / "other-councils"


def shared_document(relative: str) -> Path:
    """The path of a shared document; skips (or fails under CI) when it is not there."""
    path = SHARED_DOCUMENTS / relative
    if not path.exists():
        reason = f"{path} is not there (the shared documents sit beside the project)"
        if os.environ.get("CI"):
            pytest.fail(f"Shared documents must be present in CI: {reason}")
        pytest.skip(reason)
    return path
