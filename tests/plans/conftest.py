from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


@pytest.fixture
def seed_path():
    def path(name):
        return DOCUMENTS / name

    return path
