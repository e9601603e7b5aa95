import pytest
from django.urls import reverse

from partnerships.invitations import invite
from partnerships.models import Role
from tests.factories import RoleFactory, UserFactory

PEOPLE = reverse("partnerships:people", args=["northfield"])
ADD = reverse("partnerships:add_role", args=["northfield"])


def remove_url(role):
    return reverse("partnerships:remove_role", args=[role.partnership.slug, role.pk])


@pytest.fixture
def gina(db):
    return UserFactory(username="gina", email="gina@council.example", first_name="Gina")


def test_it_lists_the_people_and_their_roles(client, frank, alice, dora):
    client.force_login(frank)
    text = client.get(PEOPLE).text
    assert "alice" in text and "Coordinator" in text
    assert "Dora Officer" in text and "Northfield Police" in text


def test_it_gives_a_role_to_a_user_found_by_email(client, frank, gina, partnership):
    client.force_login(frank)
    response = client.post(ADD, {"user": "GINA@council.example", "name": "viewer"})
    assert response.status_code == 302
    assert Role.objects.filter(user=gina, partnership=partnership, name="viewer").exists()
    assert "gina is now viewer." in client.get(response.url).text


def test_it_gives_an_agency_officer_their_agency(client, frank, gina, police):
    client.force_login(frank)
    client.post(ADD, {"user": "gina", "name": "agency_officer", "agency": police.pk})
    assert Role.objects.get(user=gina).agency == police


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"user": "nobody", "name": "viewer"}, "No one has that username or e-mail address"),
        ({"user": "gina", "name": "agency_officer"}, "Choose the agency whose actions"),
        ({"user": "gina", "name": "boss"}, "Select a valid choice"),
    ],
)
def test_it_explains_what_is_wrong(client, frank, gina, police, data, message):
    client.force_login(frank)
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert message in response.text
    assert not Role.objects.filter(user=gina).exists()


def test_it_refuses_an_agency_of_another_partnership(client, frank, gina, other_partnership):
    from tests.factories import AgencyFactory, MembershipFactory

    elsewhere = AgencyFactory(name="Southgate Police")
    MembershipFactory(partnership=other_partnership, agency=elsewhere)
    client.force_login(frank)
    response = client.post(ADD, {"user": "gina", "name": "agency_officer", "agency": elsewhere.pk})
    assert "Select a valid choice" in response.text
    assert not Role.objects.filter(user=gina).exists()


def test_it_removes_a_role_after_asking(client, frank, bob):
    role = Role.objects.get(user=bob)
    client.force_login(frank)
    assert "Remove the viewer role of bob?" in client.get(remove_url(role)).text
    response = client.post(remove_url(role))
    assert response.status_code == 302
    assert not Role.objects.filter(user=bob).exists()


def test_it_keeps_the_last_partnership_admin(client, frank):
    role = Role.objects.get(user=frank)
    client.force_login(frank)
    response = client.post(remove_url(role))
    assert response.status_code == 400
    assert "only partnership admin" in response.text
    assert Role.objects.filter(pk=role.pk).exists()


def test_another_admin_can_then_be_removed(client, frank, partnership, gina):
    RoleFactory(user=gina, partnership=partnership, name="partnership_admin")
    client.force_login(frank)
    client.post(remove_url(Role.objects.get(user=frank)))
    assert not Role.objects.filter(user=frank).exists()


def test_it_cannot_reach_a_role_of_another_partnership(client, frank, charlie):
    role = Role.objects.get(user=charlie)
    client.force_login(frank)
    url = reverse("partnerships:remove_role", args=["northfield", role.pk])
    assert client.post(url).status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize("persona", ["alice", "bob", "dora", "charlie"])
def test_only_a_partnership_admin_manages_people(client, gina, partnership, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PEOPLE).status_code == 403
    assert client.post(ADD, {"user": "gina", "name": "coordinator"}).status_code == 403
    assert not Role.objects.filter(user=gina).exists()


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_people(
    client, frank, partnership, count, django_assert_num_queries
):
    for number in range(count):
        RoleFactory(user=UserFactory(username=f"person{number}"), partnership=partnership)
        invite(partnership, f"invited{number}@example.org", "viewer", None, frank)
    client.force_login(frank)
    # Session, user, partnership, the user's roles, the roles listed, the invitations.
    with django_assert_num_queries(6):
        assert client.get(PEOPLE).status_code == 200
