"""Files from the shared folder beside the project (../shared): the seed documents and the
real public data. A test that needs one skips, saying why, when the folder is absent, and
fails instead under CI (CI=true), where the folder must be present."""

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is not here (the shared folder beside the project)"
        if os.environ.get("CI"):
            pytest.fail(f"Under CI the shared folder must be present: {reason}")
        pytest.skip(reason)
    return path
