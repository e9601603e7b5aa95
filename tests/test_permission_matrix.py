"""The permission matrix: every URL of the site x every persona -> the expected status.

The URL names come from the URLconf itself (get_resolver()), so a new page cannot be
forgotten: test_every_page_has_a_row fails until PAGES has a row for it. admin/, login,
logout and static files are left out (Django's admin checks is_staff itself).

Who may do what is stated here, in MAY, from what the service promises each role (the
README's table of pages and the brief), not read from partnerships/rules.py or the views:
the expected statuses are derived from it, so a rule that drifts fails here. To add a page,
add one line to PAGES:

    "app:url_name": Page(lambda s: {"pk": s.action.pk}, "read"),

- the first argument builds the URL's kwargs from the scenario `s` (see `scenario` below;
  add an object there if the page needs one);
- the second names the row of MAY whose personas may open the page (and POST to it);
  everyone else is refused: anonymous visitors are sent to sign in, others get 403;
- post=lambda s: {...} for a page that accepts POST: the data of a valid submission, and
  wrote=lambda s, user: ... what is true in the database once that submission was saved
  (false before it). Every allowed persona's POST must do the write; every refused
  persona's POST must change nothing;
- outsiders_may_see={"name"} for a page that shows a partnership's name to people without a
  role there on purpose (the county comparison; an invitation, to whoever holds its link).

Besides the status, every refused response, and every response to a persona with no role in
Northfield (anonymous, outsider), must not contain any of the scenario's SECRETS.
"""

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import Action, ProgressUpdate
from partnerships.models import Invitation, Partnership, Role
from performance.models import CountyExport, MeetingPack
from plans.models import Plan
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
from tests.partnerships.two_factor_helpers import set_up_app
from tests.personas import make_northfield, make_person, make_southgate, make_superuser
from tests.suite_settings import settings_for_tests

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

EVERY_ROLE = {"viewer", "officer", "other_officer", "coordinator", "admin"}
# What the service promises, row by row; superusers may do everything.
MAY = {
    "anyone": set(PERSONAS),
    "signed_in": set(PERSONAS) - {"anonymous"},
    # Everyone with a role in Northfield reads its partnership, plans, actions and figures.
    "read": EVERY_ROLE | {"superuser"},
    # Agency officers update the actions their agency leads (dora: the police lead this one);
    # coordinators and partnership admins update any.
    "update": {"officer", "coordinator", "admin", "superuser"},
    # Coordinators (and partnership admins) edit plans and actions, issue meeting packs and
    # publish updates.
    "edit": {"coordinator", "admin", "superuser"},
    # Partnership admins give and remove roles, invite people, change settings, see changes.
    "manage": {"admin", "superuser"},
    # The requests to publish: a coordinator of any partnership sees their own partnerships'.
    "coordinate_somewhere": {"outsider", "coordinator", "admin", "superuser"},
    # A county-wide export is followed and downloaded by whoever asked for it (alice here).
    "asked_for_it": {"coordinator", "superuser"},
    # The export of every partnership at once.
    "superuser": {"superuser"},
}


def statuses(allowed: set) -> dict:
    """persona -> status: 200 for those allowed; sign in first, or 403, for the rest."""
    return {
        persona: 200 if persona in allowed else LOGIN if persona == "anonymous" else 403
        for persona in PERSONAS
    }


@dataclass
class Page:
    kwargs: Callable
    may: str
    post: Callable | None = None
    wrote: Callable | None = None
    accepted: int = 302  # the status of an allowed POST
    prepare: Callable | None = None  # (s, user) before an allowed POST
    outsiders_may_see: set = field(default_factory=set)
    expected: dict = field(init=False)

    def __post_init__(self):
        assert self.may in MAY or self.may == "nobody", self.may
        assert (self.post is None) == (self.wrote is None), "a POST row says what it writes"
        self.expected = NOT_FOUND if self.may == "nobody" else statuses(MAY[self.may])

    @property
    def allowed(self):
        return [persona for persona in PERSONAS if self.expected[persona] == 200]


NOT_FOUND = dict.fromkeys(PERSONAS, 404)


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


def county_export_id(s):
    """A county-wide export asked for by alice, Northfield's coordinator, made once."""
    if not hasattr(s, "county_export_id"):
        s.county_export_id = CountyExport.start(s.people["coordinator"], "Hertfordshire").pk
    return s.county_export_id


def exported(user, county):
    return CountyExport.objects.filter(requested_by=user, county=county, state="done").exists()


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


def role_exists(s, username, name):
    return Role.objects.filter(
        user__username=username, partnership__slug=s.slug, name=name
    ).exists()


def give_app(s, user):
    """An authenticator app and recovery codes, as if set up earlier in this session."""
    _device, s.old_codes = set_up_app(user)


def password_is(user, password):
    return get_user_model().objects.get(pk=user.pk).check_password(password)


def mailed(address):
    return any(address in message.to for message in mail.outbox)


PAGES = {
    "home": Page(lambda s: {}, "anyone"),
    # partnerships
    "partnerships:detail": Page(lambda s: {"slug": s.slug}, "read"),
    "partnerships:people": Page(lambda s: {"slug": s.slug}, "manage"),
    "partnerships:add_role": Page(
        lambda s: {"slug": s.slug},
        "manage",
        post=lambda s: {"user": "gina", "name": "coordinator"},
        wrote=lambda s, user: role_exists(s, "gina", "coordinator"),
    ),
    "partnerships:remove_role": Page(
        lambda s: {"slug": s.slug, "pk": s.viewer_role.pk},
        "manage",
        post=lambda s: {},
        wrote=lambda s, user: not Role.objects.filter(pk=s.viewer_role.pk).exists(),
    ),
    "partnerships:settings": Page(
        lambda s: {"slug": s.slug},
        "manage",
        post=lambda s: {"update_interval_days": 7, "rag_amber_gap": 1, "rag_red_gap": 2},
        wrote=lambda s, user: Partnership.objects.filter(
            slug=s.slug, update_interval_days=7, rag_amber_gap=1, rag_red_gap=2
        ).exists(),
    ),
    # Every change in the partnership, with old and new values.
    "partnerships:audit": Page(lambda s: {"slug": s.slug}, "manage"),
    "partnerships:audit_csv": Page(lambda s: {"slug": s.slug}, "manage"),
    # plans
    "plans:detail": Page(lambda s: {"pk": s.plan.pk}, "read"),
    "plans:priority": Page(lambda s: {"pk": s.priority.pk}, "read"),
    "plans:edit": Page(
        lambda s: {"pk": s.plan.pk},
        "edit",
        post=plan_data,
        wrote=lambda s, user: Plan.objects.filter(pk=s.plan.pk, title="Matrix plan").exists(),
    ),
    "plans:export_docx": Page(lambda s: {"pk": s.plan.pk}, "read"),
    "plans:export_xlsx": Page(lambda s: {"pk": s.plan.pk}, "read"),
    "plans:export_csv": Page(lambda s: {"pk": s.plan.pk}, "read"),
    # actions: the lists show each user the actions of their own partnerships only.
    "actions:list": Page(lambda s: {}, "signed_in"),
    "actions:mine": Page(lambda s: {}, "signed_in"),
    # the chooser's suggestions: JSON of what the user sees, like the list.
    "actions:choices": Page(lambda s: {"kind": "plans"}, "signed_in"),
    "actions:detail": Page(lambda s: {"pk": s.action.pk}, "read"),
    "actions:add_update": Page(
        lambda s: {"pk": s.action.pk},
        "update",
        post=update_data,
        wrote=lambda s, user: s.action.updates.filter(text="Matrix update", author=user).exists(),
    ),
    "actions:edit": Page(
        lambda s: {"pk": s.action.pk},
        "edit",
        post=action_data,
        wrote=lambda s, user: Action.objects.filter(
            pk=s.action.pk, title="Matrix title", version=s.action.version + 1
        ).exists(),
    ),
    "actions:add": Page(
        lambda s: {"plan_pk": s.plan.pk},
        "edit",
        post=action_data,
        wrote=lambda s, user: s.plan.actions.filter(title="Matrix title").exists(),
    ),
    # Publishing a progress update on the public summary.
    "actions:update_publication": Page(
        lambda s: {"pk": s.update.pk},
        "edit",
        post=lambda s: {"publication": "published"},
        wrote=lambda s, user: ProgressUpdate.objects.filter(
            pk=s.update.pk, publication="published"
        ).exists(),
    ),
    "actions:publication_requests": Page(lambda s: {}, "coordinate_somewhere"),
    # performance: the index lists the user's own partnerships' dashboards.
    "performance:index": Page(lambda s: {}, "signed_in"),
    "performance:dashboard": Page(lambda s: {"slug": s.slug}, "read"),
    # Districts of one county compare their figures: any role in the county opens it.
    "performance:county": Page(
        lambda s: {"county_slug": "hertfordshire"}, "signed_in", outsiders_may_see={"name"}
    ),
    # A CSV of the actions of the county's partnerships where the user holds a role (every
    # one of them for a superuser): anyone who opens the county page may ask for it.
    "performance:county_export": Page(
        lambda s: {"county_slug": "hertfordshire"},
        "signed_in",
        post=lambda s: {},
        wrote=lambda s, user: exported(user, "Hertfordshire"),
    ),
    "performance:all_partnerships_export": Page(
        lambda s: {}, "superuser", post=lambda s: {}, wrote=lambda s, user: exported(user, "")
    ),
    "performance:export_status": Page(lambda s: {"pk": county_export_id(s)}, "asked_for_it"),
    "performance:export_download": Page(lambda s: {"pk": county_export_id(s)}, "asked_for_it"),
    # Northfield has not switched its public summary on.
    "performance:public_summary": Page(lambda s: {"slug": s.slug}, "nobody"),
    # The meeting pack: anyone with a role reads it; editors issue it for a meeting; an
    # issued pack is read like the plan it belongs to.
    "performance:meeting_pack": Page(lambda s: {"pk": s.plan.pk}, "read"),
    "performance:meeting_pack_docx": Page(lambda s: {"pk": s.plan.pk}, "read"),
    "performance:issue_meeting_pack": Page(
        lambda s: {"pk": s.plan.pk},
        "edit",
        post=lambda s: issue_pack_data(s),
        wrote=lambda s, user: MeetingPack.objects.filter(plan=s.plan, issued_by=user).exists(),
    ),
    "performance:issued_pack": Page(lambda s: {"pk": issued_pack_id(s)}, "read"),
    "performance:issued_pack_docx": Page(lambda s: {"pk": issued_pack_id(s)}, "read"),
    # Invitations and accounts.
    "partnerships:invite": Page(
        lambda s: {"slug": s.slug},
        "manage",
        post=lambda s: {"email": "hal@example.org", "name": "viewer"},
        wrote=lambda s, user: (
            mailed("hal@example.org")
            and Invitation.objects.filter(
                partnership__slug=s.slug, email="hal@example.org", role="viewer"
            ).exists()
        ),
    ),
    # Whoever holds the link may open it, signed in or not, and sees whose invitation it is.
    "partnerships:accept_invitation": Page(
        lambda s: {"slug": s.slug, "token": invitation_token(s)},
        "anyone",
        post=lambda s: {
            "username": "hal",
            "first_name": "Hal",
            "last_name": "Invited",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        wrote=lambda s, user: role_exists(s, "hal", "viewer"),
        outsiders_may_see={"name"},
    ),
    "account:index": Page(lambda s: {}, "signed_in"),
    "account:two_factor_setup": Page(lambda s: {}, "signed_in"),
    "account:two_factor_verify": Page(lambda s: {}, "signed_in"),
    "account:two_factor_remove": Page(
        lambda s: {},
        "signed_in",
        post=lambda s: {},
        prepare=give_app,
        wrote=lambda s, user: not TOTPDevice.objects.filter(user=user).exists(),
    ),
    "account:recovery_codes": Page(
        lambda s: {},
        "signed_in",
        post=lambda s: {},
        accepted=200,  # the new codes are shown in the answer to the POST, once
        prepare=give_app,
        wrote=lambda s, user: (
            StaticToken.objects.filter(device__user=user).exclude(token__in=s.old_codes).count()
            == 10
        ),
    ),
    "account:password_change": Page(
        lambda s: {},
        "signed_in",
        post=lambda s: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        wrote=lambda s, user: password_is(user, NEW_PASSWORD),
    ),
    "account:password_changed": Page(lambda s: {}, "signed_in"),
    "account:password_reset": Page(
        lambda s: {},
        "anyone",
        post=lambda s: {"email": "bob@example.org"},
        wrote=lambda s, user: mailed("bob@example.org"),
    ),
    "account:password_reset_sent": Page(lambda s: {}, "anyone"),
    "account:password_reset_confirm": Page(
        lambda s: {"uidb64": "MQ", "token": "not-a-token"}, "anyone"
    ),
    "account:password_reset_done": Page(lambda s: {}, "anyone"),
}
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout"}
# Pages under admin/ (the backups page too) are behind Django's admin, which checks is_staff
# itself; their own tests say who may open them (tests/partnerships/test_backup_task.py).
SKIPPED_PREFIXES = ("admin/", "static/", "media/", "__debug__/")


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


def build_scenario():
    """Northfield with one of everything, its people, and Southgate next door."""
    today = datetime.date.today()
    start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    partnership, southgate = make_northfield(), make_southgate()  # both in Hertfordshire
    police = AgencyFactory(name="Northfield Police")
    fire = AgencyFactory(name="Northfield Fire and Rescue")
    for agency in (police, fire):
        MembershipFactory(partnership=partnership, agency=agency)
    people = {
        "viewer": make_person("bob", partnership, "viewer"),
        "coordinator": make_person("alice", partnership, "coordinator"),
        "outsider": make_person("charlie", southgate, "coordinator"),
        "superuser": make_superuser(),
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
        update=update,
        viewer_role=people["viewer"].partnership_roles.get(),
        secrets={
            "name": "Northfield",
            "plan": plan.title,
            "priority": priority.title,
            "criterion": criterion.text,
            "action": action.title,
            "update": update.text,
        },
    )


def session_cookie(user):
    """A signed-in session's cookie value, made as force_login makes it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def northfield_world(django_db_setup, django_db_blocker):
    """The scenario, and a signed-in session for each persona, built once for the module.

    It is built in a transaction rolled back when the module ends; each test runs in a
    savepoint inside it (pytest-django's db fixture) and is rolled back to it, so every
    test starts from the same rows. Building it and signing seven people in for each of 86
    tests was most of this file's time. The settings are those tests/conftest.py gives
    each test."""
    with (
        django_db_blocker.unblock(),
        override_settings(**settings_for_tests(settings)),
        transaction.atomic(),
    ):
        world = build_scenario()
        world.sessions = {persona: session_cookie(user) for persona, user in world.people.items()}
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def scenario(db, northfield_world):
    """This test's copy: what a test adds to it (an invitation's token, an issued pack) or
    changes on its objects is gone for the next test, as the rows are."""
    return copy.deepcopy(northfield_world)


def signed_in(scenario, persona):
    """A new client, signed in as the persona (not signed in, for "anonymous")."""
    client = Client()
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = scenario.sessions[persona]
    return client


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
def test_get(scenario, name):
    """Each persona gets the expected status and sees no secret it must not; with junk in
    the query string the same status, or 400 for bad input (never a server error). One
    scenario serves both: building it is most of the cost."""
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    wrong = []
    for persona in PERSONAS:
        client = signed_in(scenario, persona)
        expected = page.expected[persona]
        response = client.get(url)
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code}, expected {expected}")
        if expected == LOGIN and response.status_code == LOGIN:
            assert response.url.startswith(reverse("login")), response.url
        shown = leaks(response, scenario, persona, page, expected)
        if shown:
            wrong.append(f"{persona}: the page shows {shown}")
        # Junk never opens a refused page; an allowed one answers it, or refuses it as bad
        # input (400), never with a server error.
        with_junk = client.get(url, JUNK_QUERY).status_code
        if with_junk != expected and not (expected == 200 and with_junk == 400):
            wrong.append(f"{persona}: {with_junk} with junk parameters, expected {expected}")
    assert not wrong, f"GET {url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(name for name, page in PAGES.items() if page.post))
def test_refused_post_changes_nothing(scenario, name):
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    wrong = []
    for persona in PERSONAS:
        expected = page.expected[persona]
        if expected == 200:
            continue
        client = signed_in(scenario, persona)
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
def test_allowed_post_does_its_write(scenario, name):
    """Each persona allowed to POST is answered as a saved submission, and the write is
    there; it was not there before. Each persona's POST is undone (a savepoint rolled back)
    before the next one's, so each starts from the same scenario."""
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(scenario))
    wrong = []
    for persona in page.allowed:
        with transaction.atomic():
            mail.outbox = []
            client = signed_in(scenario, persona)
            user = scenario.people.get(persona)
            if page.prepare:
                page.prepare(scenario, user)
            if page.wrote(scenario, user):
                wrong.append(f"{persona}: the write is there before the POST")
            response = client.post(url, page.post(scenario))
            if response.status_code != page.accepted:
                wrong.append(f"{persona}: {response.status_code}, expected {page.accepted}")
            elif not page.wrote(scenario, user):
                wrong.append(f"{persona}: the POST did not write")
            transaction.set_rollback(True)
    assert not wrong, f"POST {url}\n" + "\n".join(wrong)


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
