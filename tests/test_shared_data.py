"""Tests that need ../shared (or a browser) skip, saying why, where it is absent, and fail
under CI, where it must be present."""

import pytest

from tests.shared_data import SHARED, shared_path

ABSENT = ("no-such-folder", "nothing.csv")


def test_a_missing_shared_file_skips_the_test_naming_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-folder/nothing.csv is not here"):
        shared_path(*ABSENT)


@pytest.mark.parametrize("value", ["true", "1"])
def test_under_ci_a_missing_shared_file_fails_the_test(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="Under CI this must be present"):
        shared_path(*ABSENT)


def test_ci_set_to_false_still_skips(monkeypatch):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        shared_path(*ABSENT)


def test_a_present_file_is_given_as_its_path(monkeypatch, tmp_path):
    monkeypatch.setattr("tests.shared_data.SHARED", tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "here.csv").write_text("x")
    assert shared_path("data", "here.csv") == tmp_path / "data" / "here.csv"


def test_the_shared_folder_is_beside_the_project():
    from django.conf import settings

    assert settings.BASE_DIR.parent / "shared" == SHARED
