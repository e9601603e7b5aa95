"""The security headers on public and signed-in pages, and the templates they rely on:
no inline script or style anywhere, so the Content-Security-Policy can refuse them."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def no_two_factor(settings):
    # The admin index is the page under test here, not the two-factor sign-in.
    settings.REQUIRE_TWO_FACTOR = False


def test_a_public_page_has_a_strict_content_security_policy(client):
    directives = policy(client.get(reverse("login")))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_no_policy_allows_inline_or_evaluated_code(client, alice, superuser, no_two_factor):
    client.force_login(alice)
    pages = [client.get(reverse("home")), client.get(reverse("performance:index"))]
    client.force_login(superuser)
    pages.append(client.get(reverse("admin:index")))
    for response in pages:
        assert response.status_code == 200
        header = response["Content-Security-Policy"]
        assert not any(word in header for word in UNSAFE), header


def test_a_public_page_has_the_other_security_headers(client):
    response = client.get(reverse("login"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_public_page_for_an_anonymous_visitor_may_be_cached(client):
    response = client.get(reverse("home"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_signed_in_page_is_never_stored(client, alice, partnership):
    client.force_login(alice)
    response = client.get(reverse("partnerships:detail", args=[partnership.slug]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "Permissions-Policy" in response


def test_an_export_is_never_stored(client, alice, partnership):
    plan = PlanFactory(partnership=partnership)
    client.force_login(alice)
    response = client.get(reverse("plans:export_csv", args=[plan.pk]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_the_admin_keeps_its_own_no_cache_words_and_adds_ours(client, superuser, no_two_factor):
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert {"private", "no-store", "no-cache"} <= cache_control(response)


def cache_control(response) -> set[str]:
    return {word.strip() for word in response.get("Cache-Control", "").split(",")}


# The templates: every folder Django looks in for our own templates.
ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
INLINE = {
    "an inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
}


def inline_code(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found += [f"{path}:{number}: {what}" for what, rx in INLINE.items() if rx.search(line)]
    return found


def test_the_walk_finds_the_templates():
    assert len([p for d in TEMPLATE_DIRS for p in d.rglob("*.html")]) > 20


def test_the_walk_spots_inline_code(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p style="x">\n<script>alert(1)</script>\n<a onclick="go()">\n<style>\n')
    assert len(inline_code(page)) == 4
    page.write_text('<script src="{% static \'dist/init.js\' %}"></script>\n<p class="a">\n')
    assert inline_code(page) == []


def test_no_template_has_inline_script_or_style():
    found = [
        line for d in TEMPLATE_DIRS for p in sorted(d.rglob("*.html")) for line in inline_code(p)
    ]
    assert not found, "\n".join(found)


def test_a_rendered_dashboard_has_no_inline_script_but_its_chart_data(client, alice, partnership):
    client.force_login(alice)
    html = client.get(reverse("performance:dashboard", args=[partnership.slug])).content.decode()
    tags = re.findall(r"<script\b[^>]*>", html)
    assert tags
    for tag in tags:
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_no_module_of_ours_hides_one_of_django_csp():
    # csp/__init__.py spreads the package over our folder and django-csp's: ours come first.
    import csp.middleware

    ours = {p.stem for p in (ROOT / "csp").iterdir() if p.suffix == ".py" or p.is_dir()}
    theirs = {p.stem for p in Path(csp.middleware.__file__).parent.iterdir()}
    assert not (ours & theirs) - {"__init__", "__pycache__"}
    assert Path(csp.middleware.__file__).parent != ROOT / "csp"
