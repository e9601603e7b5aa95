import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Role


def test_an_agency_officer_without_an_agency_is_invalid(bob, partnership):
    role = Role(user=bob, partnership=partnership, name="agency_officer")
    with pytest.raises(ValidationError, match="needs the agency"):
        role.full_clean()


def test_only_an_agency_officer_has_an_agency(bob, partnership, police):
    role = Role(user=bob, partnership=partnership, name="coordinator", agency=police)
    with pytest.raises(ValidationError, match="Only agency officers"):
        role.full_clean()


def test_an_agency_officer_with_an_agency_is_valid(bob, partnership, police):
    role = Role(user=bob, partnership=partnership, name="agency_officer", agency=police)
    assert role.full_clean() is None
