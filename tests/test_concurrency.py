"""Twenty people at once, over real HTTP, on PostgreSQL: adding progress updates to and
editing the same three actions for a few seconds. Every accepted update is stored exactly
once; every edit made from a version someone else had already replaced is refused (409, with
the message) and stored nowhere; the versions count the accepted edits; nothing is lost.

Skipped on SQLite, whose writers queue for one lock (CI runs the suite on PostgreSQL too).
"""

import datetime
import http.cookiejar
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from actions.models import Action, ProgressUpdate
from tests.browser.conftest import plain_http  # noqa: F401 (the live server's plain HTTP)
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    PlanFactory,
    RoleFactory,
    UserFactory,
)

CLIENTS = 20
# Clients start no new step after this; under load the steps under way take longer.
SECONDS = 3
STALE_MESSAGE = "Someone else saved this action after you opened it"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks between real connections); SQLite here")


@dataclass
class Tally:
    """What the clients saw, gathered under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    updates: list[str] = field(default_factory=list)  # texts of accepted updates
    edits: list[tuple[int, str]] = field(default_factory=list)  # (action pk, title) saved
    stale: list[tuple[int, str]] = field(default_factory=list)  # refused with 409
    errors: list[str] = field(default_factory=list)

    def add(self, name, value):
        with self.lock:
            getattr(self, name).append(value)


class Browser:
    """One person's session: their own cookies, CSRF token read from each form."""

    def __init__(self, base_url, user):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        host = urllib.parse.urlsplit(base_url).hostname
        # The cookie jar calls a host without a dot (localhost) "localhost.local".
        host = host if "." in host else f"{host}.local"
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.jar.set_cookie(cookie(settings.SESSION_COOKIE_NAME, session, host))

    def get(self, path) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path, data) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=body, method="POST")
        request.add_header("Referer", self.base_url + path)
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location") or error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a save is the answer we check, not a page to follow


def cookie(name, value, host):
    return http.cookiejar.Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, False,
        None, None, {},
    )  # fmt: skip


def csrf_of(page: str) -> str:
    return CSRF_INPUT.search(page).group(1)


def add_update(browser, action, text, tally):
    path = reverse("actions:add_update", args=[action.pk])
    status, page = browser.get(path)
    if status != 200:
        return tally.add("errors", f"GET {path}: {status} {page[:200]}")
    today = datetime.date.today()
    data = {
        "csrfmiddlewaretoken": csrf_of(page),
        "text": text,
        **{f"date_{i}": part for i, part in enumerate((today.day, today.month, today.year))},
        # The action's own status and rating (edits keep them too): the update leaves the
        # action and its version as they are, so edits conflict only with edits.
        "status": "in_progress",
        "rag": "amber",
    }
    status, _ = browser.post(path, data)
    if status == 302:
        tally.add("updates", text)
    else:
        tally.add("errors", f"POST {path}: {status}")


def edit(browser, action, title, lead_pk, tally, all_opened=None):
    path = reverse("actions:edit", args=[action.pk])
    status, page = browser.get(path)
    if status != 200:
        return tally.add("errors", f"GET {path}: {status} {page[:200]}")
    if all_opened:
        all_opened.wait()  # every editor has the form open before anyone saves
    else:
        time.sleep(random.uniform(0, 0.1))  # think, as a person would; others may save
    data = {
        "csrfmiddlewaretoken": csrf_of(page),
        "version": VERSION_INPUT.search(page).group(1),
        "title": title,
        "status": "in_progress",
        "rag": "amber",
        "lead_agencies": [lead_pk],
    }
    status, page = browser.post(path, data)
    if status == 302:
        tally.add("edits", (action.pk, title))
    elif status == 409 and STALE_MESSAGE in page:
        tally.add("stale", (action.pk, title))
    else:
        tally.add("errors", f"POST {path}: {status}")


def person(number, browser, scene, deadline, tally, all_opened):
    """Even numbers add updates, odd numbers edit; each goes on until the deadline. The
    editors' first round opens the form together, so some must find it stale."""
    actions, police = scene[0], scene[1]
    rng = random.Random(number)
    step = 0
    while step == 0 or time.monotonic() < deadline:
        action = rng.choice(actions)
        text = f"client {number}, step {step}"
        try:
            if number % 2 == 0:
                add_update(browser, action, f"Update by {text}", tally)
            else:
                barrier = all_opened if step == 0 else None
                edit(browser, action, f"Title by {text}", police.pk, tally, barrier)
        except Exception as error:  # a dropped connection or a page without its form
            tally.add("errors", f"{text}: {error!r}")
            if step == 0:
                all_opened.abort()
        step += 1


@pytest.fixture
def scene(partnership):
    police = AgencyFactory(name="Northfield Police")
    plan = PlanFactory(partnership=partnership, rag_method="manual")
    actions = [
        ActionFactory(plan=plan, title=f"Shared action {n}", status="in_progress", rag="amber")
        for n in range(3)
    ]
    for action in actions:
        ActionLeadFactory(action=action, agency=police)
    people = [UserFactory(username=f"person{n}") for n in range(CLIENTS)]
    for user in people:
        RoleFactory(user=user, partnership=partnership, name="coordinator")
    return actions, police, people


@pytest.mark.usefixtures("plain_http")
def test_twenty_people_at_once_lose_nothing_and_store_nothing_twice(
    on_postgresql, live_server, scene
):
    actions, police, people = scene
    tally = Tally()
    browsers = [Browser(live_server.url, user) for user in people]
    all_opened = threading.Barrier(CLIENTS // 2, timeout=30)
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(target=person, args=(n, b, scene, deadline, tally, all_opened))
        for n, b in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 25)

    assert not any(thread.is_alive() for thread in threads), "a client never finished"
    assert tally.errors == [], tally.errors[:5]
    # The test did what it says: updates stored, edits saved and stale edits refused.
    assert tally.updates and tally.edits and tally.stale, tally

    stored = Counter(ProgressUpdate.objects.values_list("text", flat=True))
    assert stored == Counter(tally.updates)  # each accepted update once, nothing else

    # Each accepted edit's title was saved (a later progress update may save it again);
    # no refused edit's title was saved, ever.
    history = Action.history.filter(title__startswith="Title by")
    saved_titles = set(history.values_list("title", flat=True))
    assert saved_titles == {title for _, title in tally.edits}
    assert not saved_titles & {title for _, title in tally.stale}

    edits_per_action = Counter(pk for pk, _ in tally.edits)
    for action in Action.objects.filter(pk__in=[a.pk for a in actions]):
        assert action.version == 1 + edits_per_action[action.pk], action.title
