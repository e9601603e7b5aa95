"""The GOV.UK error pages: 400, 403, 404, 500, the CSRF refusal, and the 503 page when the
database cannot be reached (here raised in a view and in a middleware; the real outage is
in tests/test_database_outage.py)."""

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROBLEM = "Sorry, there is a problem with the service"


def assert_styled(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert f"<title>{heading} – CSP Tracker</title>" in html
    assert 'class="govuk-header"' in html
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    return html


@pytest.fixture
def failing_client():
    """A client that gets the error page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


def test_it_shows_page_not_found(client):
    html = assert_styled(client.get("/no-such-page/"), 404, "Page not found")
    assert "check it is correct" in html


def test_it_shows_no_permission_to_a_user_without_a_role(client, charlie, partnership):
    client.force_login(charlie)
    response = client.get(reverse("partnerships:detail", args=[partnership.slug]))
    html = assert_styled(response, 403, "You do not have permission to see this page")
    assert partnership.name not in html


def test_it_shows_a_bad_request_for_a_host_it_does_not_serve(client):
    response = client.get(reverse("home"), HTTP_HOST="attacker.example")
    assert_styled(response, 400, "Sorry, there is a problem with your request")


def test_it_explains_a_refused_form(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.post(reverse("logout"))
    html = assert_styled(response, 403, "Sorry, your form could not be sent")
    assert "Nothing was saved" in html


@pytest.mark.urls("tests.error_urls")
def test_it_shows_the_problem_page_for_a_bug(failing_client, alice):
    failing_client.force_login(alice)
    response = failing_client.get("/test-fails/")
    html = assert_styled(response, 500, PROBLEM)
    assert "Try again later" in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.urls("tests.error_urls")
def test_a_view_that_loses_the_database_gets_the_503_page(failing_client, caplog):
    response = failing_client.get("/test-loses-the-database/")
    html = assert_styled(response, 503, PROBLEM)
    assert "cannot reach its data" in html
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "Database unreachable at /test-loses-the-database/" in caplog.text


class LosesTheDatabase:
    """A middleware that needs the database before any view runs, as the session does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("server closed the connection unexpectedly")


def test_a_middleware_that_loses_the_database_gets_the_503_page(failing_client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.LosesTheDatabase"]
    response = failing_client.get(reverse("home"))
    assert_styled(response, 503, PROBLEM)


def test_the_503_page_is_not_shown_for_other_errors_in_a_middleware(failing_client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.Fails"]
    assert_styled(failing_client.get(reverse("home")), 500, PROBLEM)


class Fails(LosesTheDatabase):
    def __call__(self, request):
        raise ValueError("a bug in a middleware")


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_outage_pages_render_without_a_request_or_a_database(template, django_db_blocker):
    with django_db_blocker.block():
        html = render_to_string(template)
    assert PROBLEM in html
    assert "Sign in" in html
