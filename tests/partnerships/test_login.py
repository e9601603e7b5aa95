from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_it_signs_in_with_the_form(client, db):
    UserFactory(username="dora")
    response = client.post(reverse("login"), {"username": "dora", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"].username == "dora"


def test_it_redisplays_the_form_with_an_error_on_a_wrong_password(client, db):
    UserFactory(username="dora")
    response = client.post(reverse("login"), {"username": "dora", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not response.context["user"].is_authenticated


def test_it_signs_out(client, alice):
    client.force_login(alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated
