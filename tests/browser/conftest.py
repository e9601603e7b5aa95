"""A real browser for accessibility and journey tests: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches Debian's chromium-headless-shell, or
its full chromium where only that is installed. Where neither is, the browser tests are
skipped with the reason, except under CI, where they fail.
axe-core comes from npm (node_modules/axe-core) and is injected into each page.
"""

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import PASSWORD
from tests.shared_data import skip_unless_ci

# The headless shell is the same Blink and V8 without the browser's own interface (what
# Playwright itself runs for headless tests): the browser tests take about a third less CPU
# in it (tests/browser: 103 core-seconds against 170). Either gives the same axe results.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
FULL_CHROMIUM = "/usr/bin/chromium"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    HEADLESS_SHELL if Path(HEADLESS_SHELL).exists() else FULL_CHROMIUM
)
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT_TEXT = AXE_SCRIPT.read_text(encoding="utf-8") if AXE_SCRIPT.exists() else ""
# The narrowest screen every page must fit without scrolling sideways.
PHONE = {"width": 390, "height": 844}
# axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API keeps an event loop in the test thread; the ORM calls that the tests
# make there (creating users and data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def missing_browser_reason():
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM} (scripts/test installs it with apt-get)"
    if not AXE_SCRIPT.exists():
        return f"axe-core is not installed at {AXE_SCRIPT} (run npm ci)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser_reason()
    if reason:
        skip_unless_ci(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def plain_http():
    """The live server speaks plain HTTP, so production's HTTPS-only settings are relaxed.

    Session-wide and before the server starts: its middleware reads them once.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    ):
        yield


LIVE_SERVER = {}


@pytest.fixture(scope="session", autouse=True)
def _live_server_url(plain_http, live_server):
    """Where the live server listens, for login() to set its cookie (every browser test
    uses the server)."""
    LIVE_SERVER["url"] = live_server.url


@contextmanager
def open_page(browser, base_url, viewport=None):
    """A page in a context of its own, so no sign-in, cache or listener outlives the test.
    (One context for the whole session saved only about 4% of test_action_pages' time,
    and its open keep-alive sockets kept the live server's database connections open.)"""
    options = {"viewport": viewport} if viewport else {}
    context = browser.new_context(base_url=base_url, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def browser_page(plain_http, browser, live_server):
    with open_page(browser, live_server.url) as page:
        yield page


@pytest.fixture
def phone(plain_http, browser, live_server):
    """A page 390 px wide, as a phone's."""
    with open_page(browser, live_server.url, PHONE) as page:
        yield page


def login(page, user):
    """Sign in as `user` by setting the session cookie a sign-in makes: the form costs two
    page loads, and only the tests of signing in (login_through_form) need it. The sign-in
    signal still runs, so the session holds the same two-factor step as after the form.
    No page is opened: the test goes where it means to (the form would land on home)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": LIVE_SERVER["url"]}]
    )


def login_through_form(page, user, password=PASSWORD):
    """Sign in through the real form, as a person would."""
    page.goto("/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page):
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    # not govern: add_script_tag would insert an inline <script>, which the policy refuses.
    # Injected once per document: a page that has it already (a second check of the same
    # page) is not made to parse its 550 KB again.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT_TEXT)
    # resultTypes: only violations get their nodes' details worked out, which is most of a
    # run's time on a long page; passes and incomplete results are not read here.
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    summary = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"][:5]],
        }
        for v in violations
    ]
    assert not violations, f"axe found on {page.url}:\n{json.dumps(summary, indent=2)}"


# Resolves once three frames have been drawn: by then what listens for a resize (media
# queries, ResizeObserver, Chart.js redrawing a chart at its new width) has acted on it.
AFTER_THREE_FRAMES = """() => new Promise(done => requestAnimationFrame(() =>
    requestAnimationFrame(() => requestAnimationFrame(done))))"""


def width_on_a_phone(page):
    """How wide the open page lays out on a 390 px phone. The page is resized rather than
    loaded again (it saves a page load and axe's set-up), then given back its own size."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.evaluate(AFTER_THREE_FRAMES)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    return width
