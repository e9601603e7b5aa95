"""Time the service's main pages on whatever the database holds (`manage.py benchmark`).

Each page is requested through Django's test client, signed in (force_login) as a
superuser, a county-wide viewer and a coordinator found in the data, once to warm up and
then `repeats` times; the median, the 95th percentile and the queries of a request are
kept. The baseline is a bare paginated list of 50 actions in the base template
(`performance.benchmark_urls`, not a page of the service), measured in the same run, so a
page's time can be read as a multiple of it whatever the machine.

Nothing is left changed: the whole run is one transaction, rolled back at the end, and each
request is rolled back to a savepoint (outside what is timed and counted), so every repeat
of a POST saves the same update on the same data.
"""

import statistics
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Rag, Status
from partnerships import sessions
from partnerships.models import Role

SUPERUSER, COUNTY_VIEWER, COORDINATOR = "superuser", "county viewer", "coordinator"
EVERYONE = (SUPERUSER, COUNTY_VIEWER, COORDINATOR)
# A viewer may not add progress; the admin is for staff.
WRITERS = (SUPERUSER, COORDINATOR)
STAFF = (SUPERUSER,)
BASELINE = "bare list of 50 actions"


class BenchmarkError(Exception):
    """The data lacks someone or something to measure, or a page did not answer."""


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    users: tuple[str, ...] = EVERYONE
    post: dict | None = None


@dataclass
class Subjects:
    """Who and what the pages are measured on, found in the data."""

    users: dict
    partnership: object
    plan: object
    action: object
    priority: object
    agency: object


@dataclass
class Measured:
    name: str
    user: str
    url: str
    queries: int
    times: list[float] = field(default_factory=list)

    def as_json(self):
        return {
            "name": self.name,
            "user": self.user,
            "url": self.url,
            "queries": self.queries,
            "median_ms": round(statistics.median(self.times), 1),
            "p95_ms": round(percentile_95(self.times), 1),
        }


def percentile_95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def run(repeats: int = 7, only: str = "") -> dict:
    """The benchmark's figures, as `manage.py benchmark --json` prints them."""
    if repeats < 1:
        raise BenchmarkError("Repeat each page at least once.")
    with _benchmark_settings(), transaction.atomic():
        subjects = find_subjects()
        clients = {name: _client_for(user) for name, user in subjects.users.items()}
        with override_settings(ROOT_URLCONF="performance.benchmark_urls"):
            baseline_url = reverse("benchmark_baseline")
            baseline = measure(Page(BASELINE, baseline_url), SUPERUSER, clients, repeats)
        measured = [
            measure(page, user, clients, repeats).as_json()
            for page in pages(subjects)
            if only.casefold() in page.name.casefold()
            for user in page.users
        ]
        transaction.set_rollback(True)
    figures = baseline.as_json()
    return {
        "baseline": {key: figures[key] for key in ("name", "median_ms", "p95_ms")},
        "pages": measured,
    }


def _benchmark_settings():
    # The test client's host, no HTTPS redirect, and static files by name (a benchmark run
    # needs no collectstatic). Two-factor sign-in would stop the superuser at its set-up.
    return override_settings(
        ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS],
        SECURE_SSL_REDIRECT=False,
        REQUIRE_TWO_FACTOR=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def find_subjects() -> Subjects:
    """The first coordinator's partnership, its newest plan with actions, that plan's most
    updated action; a superuser; and a viewer of every partnership in the same county."""
    coordinator = (
        Role.objects.filter(name=Role.Name.COORDINATOR, user__is_superuser=False)
        .select_related("user", "partnership")
        .order_by("pk")
        .first()
    )
    superuser = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if coordinator is None or superuser is None:
        raise BenchmarkError(
            "The database has no coordinator or no superuser to measure the pages as: "
            "fill it with manage.py generate_scale_data."
        )
    partnership = coordinator.partnership
    plan = partnership.plans.filter(actions__isnull=False).order_by("-period_start").first()
    action = plan and plan.actions.annotate(n=Count("updates")).order_by("-n", "pk").first()
    if action is None:
        raise BenchmarkError(f"{partnership} has no plan with actions to measure.")
    lead = action.leads.select_related("agency").order_by("order").first()
    return Subjects(
        users={
            SUPERUSER: superuser,
            COUNTY_VIEWER: _county_viewer(partnership),
            COORDINATOR: coordinator.user,
        },
        partnership=partnership,
        plan=plan,
        action=action,
        priority=action.priorities.order_by("order").first() or plan.priorities.first(),
        agency=lead.agency if lead else None,
    )


def _county_viewer(partnership):
    county = partnership.county
    places = partnership.__class__.objects.filter(county=county).count()
    found = (
        Role.objects.filter(name=Role.Name.VIEWER, partnership__county=county)
        .values("user")
        .annotate(places=Count("partnership", distinct=True))
        .filter(places=places)
        .order_by("user")
        .first()
    )
    if not county or places < 2 or found is None:
        raise BenchmarkError(
            f"No one views every partnership of {county or 'the county'} of {partnership}."
        )
    return get_user_model().objects.get(pk=found["user"])


def pages(subjects: Subjects) -> list[Page]:
    action, plan, slug = subjects.action, subjects.plan, subjects.partnership.slug
    actions = reverse("actions:list")
    add_update = reverse("actions:add_update", args=[action.pk])
    admin_actions = reverse("admin:actions_action_changelist")
    listed = [
        Page("home", reverse("home")),
        Page("my actions", reverse("actions:mine")),
        Page("action list", actions),
        *_when(subjects.agency, lambda agency: Page("action list, filtered", _filtered(agency))),
        Page("action list, searched", f"{actions}?q=patrol"),
        Page("action list, page 50", f"{actions}?period=all&page=50"),
        Page("action list, by last update, page 50", f"{actions}?period=all&o=-updated&page=50"),
        Page("action", action.get_absolute_url()),
        Page("add update", add_update, WRITERS),
        Page("add update, saved", add_update, WRITERS, post=_update_form(plan)),
        Page("plan", plan.get_absolute_url()),
        *_when(subjects.priority, lambda priority: Page("priority", priority.get_absolute_url())),
        Page("partnership", reverse("partnerships:detail", args=[slug])),
        Page("dashboard", reverse("performance:dashboard", args=[slug])),
        Page("county comparison", _county_url(subjects.partnership)),
        Page("meeting pack", reverse("performance:meeting_pack", args=[plan.pk])),
        Page("export, Word", reverse("plans:export_docx", args=[plan.pk])),
        Page("export, Excel", reverse("plans:export_xlsx", args=[plan.pk])),
        Page("export, CSV", reverse("plans:export_csv", args=[plan.pk])),
        Page("admin action list", admin_actions, STAFF),
        Page("admin action search", f"{admin_actions}?q=patrol", STAFF),
        Page("admin action", reverse("admin:actions_action_change", args=[action.pk]), STAFF),
        Page("admin update list", reverse("admin:actions_progressupdate_changelist"), STAFF),
    ]
    return listed


def _when(subject, page_of) -> list[Page]:
    return [] if subject is None else [page_of(subject)]


def _filtered(agency):
    return f"{reverse('actions:list')}?lead_agency={agency.pk}&period=all"


def _county_url(partnership):
    return reverse("performance:county", args=[slugify(partnership.county)])


def _update_form(plan) -> dict:
    today = min(timezone.localdate(), plan.period_end)
    return {
        "text": "Benchmark: two patrols held, and a surgery on the estate.",
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "status": Status.IN_PROGRESS,
        "rag": Rag.GREEN,
        "percent_complete": "40",
        "figure": "",
        "unit": "",
    }


def measure(page: Page, user: str, clients: dict, repeats: int) -> Measured:
    client = clients[user]
    _request(client, page, user)  # warm-up
    measured = Measured(page.name, user, page.url, queries=0)
    for _ in range(repeats):
        queries = _request(client, page, user, measured.times)
        measured.queries = len(queries)
    return measured


def _request(client, page, user, times=None) -> CaptureQueriesContext:
    """Send the page's request, timed into `times`; a POST is rolled back, outside what is
    timed and counted. Raises BenchmarkError unless it answers as it should."""
    expected = 200 if page.post is None else 302
    _mark_session_used(client)
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                if page.post is None:
                    response = client.get(page.url)
                else:
                    response = client.post(page.url, page.post)
                elapsed = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
    except Exception as error:
        raise BenchmarkError(f"{page.name} as {user} ({page.url}) failed: {error!r}") from error
    if response.status_code != expected:
        raise BenchmarkError(
            f"{page.name} as {user} ({page.url}) answered {response.status_code}, not {expected}."
        )
    if times is not None:
        times.append(elapsed)
    return queries


def _mark_session_used(client):
    """Stamp the client's session as used now, outside what is timed and counted.

    The idle timeout renews a session last used over a minute ago: a savepoint, an UPDATE
    and its release. Each request here is rolled back, the renewal with it, so without this
    every request from the run's second minute on would renew: the same page would count 3
    queries more when measured late in a run than early (issue 11's plan, priority and
    partnership pages: 11, 11 and 9 queries at N=10, 8, 8 and 6 at N=150)."""
    session = client.session
    session[sessions.USED_KEY] = int(time.time())
    session.save()


def table(figures: dict) -> str:
    """The figures as a table a person reads, with each page's multiple of the baseline."""
    base = figures["baseline"]
    lines = [
        f"baseline: {base['name']}: median {base['median_ms']} ms, p95 {base['p95_ms']} ms",
        "",
        f"{'page':40} {'user':14} {'queries':>7} {'median ms':>10} {'p95 ms':>9} {'x base':>7}",
    ]
    for row in figures["pages"]:
        ratio = row["median_ms"] / base["median_ms"] if base["median_ms"] else 0
        lines.append(
            f"{row['name']:40} {row['user']:14} {row['queries']:>7} "
            f"{row['median_ms']:>10.1f} {row['p95_ms']:>9.1f} {ratio:>7.1f}"
        )
    return "\n".join(lines)
