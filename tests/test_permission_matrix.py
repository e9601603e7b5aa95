"""The permission matrix: every URL of the site x every persona -> the expected status.

The URL names come from the URLconf itself (get_resolver()), so a new page cannot be
forgotten: test_every_page_has_a_row fails until PAGES has a row for it. admin/, login,
logout and static files are left out (Django's admin checks is_staff itself).

To add a page, add one line to PAGES:

    "app:url_name": Page(lambda s: {"pk": s.action.pk}, READERS),

- the first argument builds the URL's kwargs from the scenario `s` (see `scenario` below;
  add an object there if the page needs one);
- the second is the expected status for each persona: one of the shapes below, or
  `expect(anonymous, viewer, officer, other_officer, outsider, coordinator, admin, superuser)`;
- post=lambda s: {...} for a page that accepts POST: the data of a valid submission. Every
  persona that the GET refuses must be refused the POST too, and the database must not
  change;
- outsiders_may_see={"name"} for a page that shows a partnership's name to people without a
  role there on purpose (the county comparison; an invitation, to whoever holds its link).

Besides the status, every refused response, and every response to a persona with no role in
Northfield (anonymous, outsider), must not contain any of the scenario's SECRETS.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    PASSWORD,
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    IndicatorFactory,
    MembershipFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    RoleFactory,
    SuccessCriterionFactory,
    UserFactory,
)

PERSONAS = [
    "anonymous",  # not signed in
    "viewer",  # bob: viewer of Northfield
    "officer",  # dora: agency officer of Northfield Police, the lead agency of the action
    "other_officer",  # eve: agency officer of Northfield Fire, same partnership
    "outsider",  # charlie: coordinator of Southgate, no role in Northfield
    "coordinator",  # alice: coordinator of Northfield
    "admin",  # frank: partnership admin of Northfield
    "superuser",
]
NO_ROLE_IN_NORTHFIELD = {"anonymous", "outsider"}
LOGIN = 302  # login_required sends anonymous visitors to sign in


def expect(anonymous, viewer, officer, other_officer, outsider, coordinator, admin, superuser):
    return dict(
        zip(
            PERSONAS,
            [anonymous, viewer, officer, other_officer, outsider, coordinator, admin, superuser],
            strict=True,
        )
    )


# The usual shapes. Each role's reach is in partnerships/rules.py.
PUBLIC = expect(200, 200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200, 200, 200, 200)  # shows only the user's own
READERS = expect(LOGIN, 200, 200, 200, 403, 200, 200, 200)
UPDATERS = expect(LOGIN, 403, 200, 403, 403, 200, 200, 200)
EDITORS = expect(LOGIN, 403, 403, 403, 403, 200, 200, 200)
ADMINS = expect(LOGIN, 403, 403, 403, 403, 403, 200, 200)
NOT_FOUND = expect(404, 404, 404, 404, 404, 404, 404, 404)


@dataclass
class Page:
    kwargs: Callable
    expected: dict
    post: Callable | None = None
    outsiders_may_see: set = field(default_factory=set)


NEW_PASSWORD = "a-long-unusual-passphrase-42"


def invitation_token(s):
    """The link's token of an invitation to Northfield, made once per scenario."""
    if not hasattr(s, "invitation_token"):
        from partnerships.invitations import invite
        from partnerships.models import Partnership

        northfield = Partnership.objects.get(slug=s.slug)
        _, s.invitation_token = invite(northfield, "hal@example.org", "viewer", None, None)
    return s.invitation_token


def issue_pack_data(s):
    from performance.periods import Period

    quarter = Period(s.today, s.today).containing("quarter")
    return {**date_fields("meeting_date", s.today), "period": quarter.key}


def issued_pack_id(s):
    """A meeting pack issued for Northfield's plan, made once per scenario."""
    if not hasattr(s, "issued_pack_id"):
        from performance.meeting_pack import issue_pack
        from performance.periods import Period

        quarter = Period(s.today, s.today).containing("quarter")
        s.issued_pack_id = issue_pack(s.plan, quarter, s.today, None, s.today).pk
    return s.issued_pack_id


def date_fields(name, date):
    return {f"{name}_0": date.day, f"{name}_1": date.month, f"{name}_2": date.year}


def update_data(s):
    return {
        "text": "Matrix update",
        **date_fields("date", s.today),
        "status": "in_progress",
        "rag": "green",
    }


def action_data(s):
    return {
        "version": s.action.version,
        "title": "Matrix title",
        "status": "in_progress",
        "rag": "amber",
        "lead_agencies": [s.police.pk],
    }


def plan_data(s):
    return {
        "title": "Matrix plan",
        "kind": "action_plan",
        "status": "published",
        "rag_method": "computed",
        **date_fields("period_start", s.plan.period_start),
        **date_fields("period_end", s.plan.period_end),
    }


PAGES = {
    "home": Page(lambda s: {}, PUBLIC),
    # partnerships
    "partnerships:detail": Page(lambda s: {"slug": s.slug}, READERS),
    "partnerships:people": Page(lambda s: {"slug": s.slug}, ADMINS),
    "partnerships:add_role": Page(
        lambda s: {"slug": s.slug}, ADMINS, post=lambda s: {"user": "gina", "name": "coordinator"}
    ),
    "partnerships:remove_role": Page(
        lambda s: {"slug": s.slug, "pk": s.viewer_role.pk}, ADMINS, post=lambda s: {}
    ),
    "partnerships:settings": Page(
        lambda s: {"slug": s.slug},
        ADMINS,
        post=lambda s: {"update_interval_days": 7, "rag_amber_gap": 1, "rag_red_gap": 2},
    ),
    # Every change in the partnership, with old and new values (partnerships/audit.py).
    "partnerships:audit": Page(lambda s: {"slug": s.slug}, ADMINS),
    "partnerships:audit_csv": Page(lambda s: {"slug": s.slug}, ADMINS),
    # plans
    "plans:detail": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "plans:priority": Page(lambda s: {"pk": s.priority.pk}, READERS),
    "plans:edit": Page(lambda s: {"pk": s.plan.pk}, EDITORS, post=plan_data),
    # actions
    "actions:list": Page(lambda s: {}, SIGNED_IN),
    "actions:mine": Page(lambda s: {}, SIGNED_IN),
    "actions:detail": Page(lambda s: {"pk": s.action.pk}, READERS),
    "actions:add_update": Page(lambda s: {"pk": s.action.pk}, UPDATERS, post=update_data),
    "actions:edit": Page(lambda s: {"pk": s.action.pk}, EDITORS, post=action_data),
    "actions:add": Page(lambda s: {"plan_pk": s.plan.pk}, EDITORS, post=action_data),
    # Publishing a progress update on the public summary (actions/publication.py): the
    # page that asks, and the list of requests waiting for approval, which shows each
    # coordinator the requests of their own partnerships only (charlie's list is empty).
    "actions:update_publication": Page(
        lambda s: {"pk": s.action.updates.get().pk},
        EDITORS,
        post=lambda s: {"publication": "published"},
    ),
    "actions:publication_requests": Page(
        lambda s: {}, expect(LOGIN, 403, 403, 403, 200, 200, 200, 200)
    ),
    # Rows below were written from reading their views (plan exports, dashboards, public
    # pages); their owners keep them true.
    "plans:export_docx": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "plans:export_xlsx": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "plans:export_csv": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "performance:index": Page(lambda s: {}, SIGNED_IN),
    "performance:dashboard": Page(lambda s: {"slug": s.slug}, READERS),
    # Districts of one county compare their figures: any role in the county opens it.
    "performance:county": Page(
        lambda s: {"county_slug": "hertfordshire"}, SIGNED_IN, outsiders_may_see={"name"}
    ),
    # Northfield has not switched its public summary on.
    "performance:public_summary": Page(lambda s: {"slug": s.slug}, NOT_FOUND),
    # The meeting pack (performance/meeting_pack.py): anyone with a role reads it; editors
    # issue it for a meeting; an issued pack is read like the plan it belongs to.
    "performance:meeting_pack": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "performance:meeting_pack_docx": Page(lambda s: {"pk": s.plan.pk}, READERS),
    "performance:issue_meeting_pack": Page(
        lambda s: {"pk": s.plan.pk}, EDITORS, post=lambda s: issue_pack_data(s)
    ),
    "performance:issued_pack": Page(lambda s: {"pk": issued_pack_id(s)}, READERS),
    "performance:issued_pack_docx": Page(lambda s: {"pk": issued_pack_id(s)}, READERS),
    # Invitations and accounts (partnerships/invitations.py, partnerships/account_urls.py).
    "partnerships:invite": Page(
        lambda s: {"slug": s.slug},
        ADMINS,
        post=lambda s: {"email": "hal@example.org", "name": "viewer"},
    ),
    # Whoever holds the link may open it, signed in or not, and sees whose invitation it is.
    "partnerships:accept_invitation": Page(
        lambda s: {"slug": s.slug, "token": invitation_token(s)},
        PUBLIC,
        post=lambda s: {
            "username": "hal",
            "first_name": "Hal",
            "last_name": "Invited",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        outsiders_may_see={"name"},
    ),
    "account:index": Page(lambda s: {}, SIGNED_IN),
    "account:two_factor_setup": Page(lambda s: {}, SIGNED_IN),
    # No persona has an authenticator app: these pages say so, and a POST changes nothing.
    "account:two_factor_verify": Page(lambda s: {}, SIGNED_IN),
    "account:two_factor_remove": Page(lambda s: {}, SIGNED_IN, post=lambda s: {}),
    "account:recovery_codes": Page(lambda s: {}, SIGNED_IN, post=lambda s: {}),
    "account:password_change": Page(
        lambda s: {},
        SIGNED_IN,
        post=lambda s: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    "account:password_changed": Page(lambda s: {}, SIGNED_IN),
    "account:password_reset": Page(
        lambda s: {}, PUBLIC, post=lambda s: {"email": "bob@example.org"}
    ),
    "account:password_reset_sent": Page(lambda s: {}, PUBLIC),
    "account:password_reset_confirm": Page(
        lambda s: {"uidb64": "MQ", "token": "not-a-token"}, PUBLIC
    ),
    "account:password_reset_done": Page(lambda s: {}, PUBLIC),
}
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout"}
SKIPPED_PREFIXES = ("static/", "media/", "__debug__/")


def url_names(resolver=None, namespace="", prefix=""):
    """Every named URL of the site as "namespace:name", with its route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or route.startswith(SKIPPED_PREFIXES):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner, route)
        elif isinstance(entry, URLPattern):
            if route.startswith(SKIPPED_PREFIXES) or entry.name in SKIPPED_NAMES:
                continue
            yield (f"{namespace}{entry.name}" if entry.name else None), route


@pytest.fixture
def scenario(partnership, other_partnership, alice, bob, charlie, superuser):
    """Northfield with one of everything, its people, and Southgate next door."""
    today = datetime.date.today()
    start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    partnership.county = other_partnership.county = "Hertfordshire"
    police = AgencyFactory(name="Northfield Police")
    fire = AgencyFactory(name="Northfield Fire and Rescue")
    for agency in (police, fire):
        MembershipFactory(partnership=partnership, agency=agency)
    people = {
        "viewer": bob,
        "coordinator": alice,
        "outsider": charlie,
        "superuser": superuser,
        "officer": UserFactory(username="dora"),
        "other_officer": UserFactory(username="eve"),
        "admin": UserFactory(username="frank"),
    }
    RoleFactory(
        user=people["officer"], partnership=partnership, name="agency_officer", agency=police
    )
    RoleFactory(
        user=people["other_officer"], partnership=partnership, name="agency_officer", agency=fire
    )
    RoleFactory(user=people["admin"], partnership=partnership, name="partnership_admin")
    UserFactory(username="gina")  # someone to give a role to
    plan = PlanFactory(
        partnership=partnership,
        title="Secret delivery plan",
        period_start=start,
        period_end=start.replace(year=start.year + 1),
    )
    priority = PriorityFactory(plan=plan, code="1", title="Secret priority")
    criterion = SuccessCriterionFactory(priority=priority, text="Secret success criterion")
    action = ActionFactory(plan=plan, title="Secret surgeries", due_date=today)
    action.priorities.add(priority)
    ActionLeadFactory(action=action, agency=police)
    update = ProgressUpdateFactory(action=action, date=today, text="Secret progress")
    indicator = IndicatorFactory(name="Burglary", slug="burglary")
    ObservationFactory(indicator=indicator, partnership=partnership)
    return SimpleNamespace(
        today=today,
        slug=partnership.slug,
        people=people,
        police=police,
        plan=plan,
        priority=priority,
        action=action,
        indicator=indicator,
        viewer_role=bob.partnership_roles.get(),
        secrets={
            "name": "Northfield",
            "plan": plan.title,
            "priority": priority.title,
            "criterion": criterion.text,
            "action": action.title,
            "update": update.text,
        },
    )


def sign_in(client, scenario, persona):
    client.logout()
    if persona != "anonymous":
        client.force_login(scenario.people[persona])


def leaks(response, scenario, persona, page, expected):
    """The secrets a response shows that it must not."""
    # Large exports stream (the audit CSV); read them whole here.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode(errors="replace")
    refused = expected != 200
    if not refused and persona not in NO_ROLE_IN_NORTHFIELD:
        return []
    without_role = persona in NO_ROLE_IN_NORTHFIELD
    allowed = page.outsiders_may_see if without_role and not refused else set()
    return [key for key, text in scenario.secrets.items() if key not in allowed and text in body]


def snapshot():
    """Every row of the project's tables (and users), to prove a refused POST wrote nothing."""
    labels = {"partnerships", "plans", "actions", "performance", "auth"}
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in labels:
            values = model._default_manager.order_by("pk").values()
            rows[model._meta.label] = [
                {k: v for k, v in row.items() if k != "last_login"} for row in values
            ]
    return rows


def test_every_page_has_a_row():
    found = dict(url_names())
    unnamed = [route for name, route in url_names() if name is None]
    missing = sorted(set(found) - set(PAGES) - {None})
    assert not unnamed, f"Give these URLs a name: {unnamed}"
    assert not missing, f"Add a row to PAGES in {__file__} for: {missing}"


def test_every_row_is_a_page():
    gone = sorted(set(PAGES) - {name for name, _ in url_names()})
    assert not gone, f"These rows name no URL any more: {gone}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_get(client, scenario, name):
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    wrong = []
    for persona in PERSONAS:
        sign_in(client, scenario, persona)
        expected = page.expected[persona]
        response = client.get(url)
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code}, expected {expected}")
        if expected == LOGIN and response.status_code == LOGIN:
            assert response.url.startswith(reverse("login")), response.url
        shown = leaks(response, scenario, persona, page, expected)
        if shown:
            wrong.append(f"{persona}: the page shows {shown}")
    assert not wrong, f"GET {url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(name for name, page in PAGES.items() if page.post))
def test_refused_post_changes_nothing(client, scenario, name):
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    wrong = []
    for persona in PERSONAS:
        expected = page.expected[persona]
        if expected == 200:
            continue
        sign_in(client, scenario, persona)
        before = snapshot()
        response = client.post(url, page.post(scenario))
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code}, expected {expected}")
        if snapshot() != before:
            wrong.append(f"{persona}: the refused POST changed the database")
        shown = leaks(response, scenario, persona, page, expected)
        if shown:
            wrong.append(f"{persona}: the refusal shows {shown}")
    assert not wrong, f"POST {url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(name for name, page in PAGES.items() if page.post))
def test_allowed_post_is_accepted(client, scenario, name):
    """The POST data of each row is a real submission: the test above refuses something."""
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    sign_in(client, scenario, "superuser")
    response = client.post(url, page.post(scenario))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_walk_finds_namespaced_pages_and_leaves_out_the_admin():
    names = {name for name, _ in url_names()}
    assert {"home", "actions:detail", "partnerships:people"} <= names
    assert not any(name and name.startswith("admin:") for name in names)
    assert "login" not in names


JUNK_QUERY = {
    "page": "abc",
    "sort": "-nothing",
    "status": "nope",
    "rag": "purple",
    "plan": "abc",
    "priority": "-1",
    "lead_agency": "x",
    "late": "sometimes",
    "q": "\x00 null byte",
    "period": "q-20x1-9",
    "date": "2099-99-99",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_junk_query_parameters_never_cause_a_server_error(client, scenario, name):
    client.force_login(scenario.people["superuser"])
    url = reverse(name, kwargs=PAGES[name].kwargs(scenario))
    response = client.get(url, JUNK_QUERY)
    assert response.status_code < 500
