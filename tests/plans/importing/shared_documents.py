"""Real documents of other partnerships, read from ../shared/documents beside the project.
See tests/shared_data.py: skipped when absent, failing under CI."""

from tests.shared_data import shared_path


def shared_document(relative: str):
    """The path of a shared document (relative to ../shared/documents)."""
    return shared_path("documents", relative)
