import pytest
from django.core.management import CommandError, call_command

from partnerships.models import Role
from tests.factories import AgencyAliasFactory, UserFactory


def grant(*args):
    call_command("grant_role", *args)


@pytest.fixture
def gina(db):
    return UserFactory(username="gina")


def test_it_grants_a_role(gina, partnership, capsys):
    grant("gina", "northfield", "coordinator")
    assert Role.objects.filter(user=gina, partnership=partnership, name="coordinator").exists()
    assert "gina is now coordinator of Northfield" in capsys.readouterr().out


def test_it_finds_the_agency_of_an_officer_by_an_alias(gina, partnership, police):
    AgencyAliasFactory(agency=police, alias="NPol")
    grant("gina", "northfield", "agency_officer", "--agency", "npol")
    assert Role.objects.get(user=gina, name="agency_officer").agency == police


def test_granting_it_again_changes_nothing(gina, partnership, capsys):
    grant("gina", "northfield", "viewer")
    grant("gina", "northfield", "viewer")
    assert Role.objects.filter(user=gina).count() == 1
    assert "nothing changed" in capsys.readouterr().out


def test_granting_an_officer_again_moves_them_to_the_new_agency(gina, partnership, police, fire):
    grant("gina", "northfield", "agency_officer", "--agency", police.name)
    grant("gina", "northfield", "agency_officer", "--agency", fire.name)
    assert Role.objects.get(user=gina).agency == fire


def test_a_user_can_hold_several_roles(gina, partnership, other_partnership):
    grant("gina", "northfield", "viewer")
    grant("gina", "northfield", "partnership_admin")
    grant("gina", "southgate", "coordinator")
    assert Role.objects.filter(user=gina).count() == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "northfield", "viewer"], "No user is called 'nobody'"),
        (["gina", "nowhere", "viewer"], "No partnership has the slug 'nowhere'"),
        (["gina", "northfield", "agency_officer"], "An agency officer needs the agency"),
        (["gina", "northfield", "agency_officer", "--agency", "Nope"], "No agency is called"),
        (
            ["gina", "northfield", "viewer", "--agency", "Northfield Police"],
            "Only an agency officer",
        ),
    ],
)
def test_it_explains_what_is_wrong(gina, partnership, police, args, message):
    with pytest.raises(CommandError, match=message):
        grant(*args)
    assert not Role.objects.filter(user=gina).exists()


def test_it_refuses_an_unknown_role(gina, partnership):
    with pytest.raises(CommandError, match="invalid choice: 'boss'"):
        grant("gina", "northfield", "boss")
