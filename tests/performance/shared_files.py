"""Files from the shared folder beside the project (../shared): the seed documents and the
real public data. See tests/shared_data.py: skipped when absent, failing under CI."""

from tests.shared_data import shared_path as shared_file

__all__ = ["shared_file"]
