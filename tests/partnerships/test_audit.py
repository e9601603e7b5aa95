"""The audit page: every change in the partnership with old and new values, for its
partnership admins only; filters in the URL, pages counted in the database, a CSV export."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from partnerships import audit
from tests.factories import (
    ActionFactory,
    ObservationFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)


def edit(obj, user, **values):
    """Save a change as `user` would through a page (the middleware sets the author)."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def csv_of(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def admin_client(client, frank):
    client.force_login(frank)
    return client


@pytest.fixture
def action(partnership, alice):
    action = ActionFactory(plan=PlanFactory(partnership=partnership), title="Old title")
    edit(action, alice, title="New title", status="in_progress")
    return action


def test_it_shows_who_changed_what_with_the_old_and_new_values(admin_client, partnership, action):
    response = admin_client.get(reverse("partnerships:audit", args=[partnership.slug]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Changed: action New title" in body
    assert "<del>Old title</del>" in body
    assert "<del>Not started</del>" in body and "In progress" in body
    assert "alice" in body
    assert "Created: action Old title" in body


def test_it_lists_the_newest_change_first(partnership, action, alice):
    later = ProgressUpdateFactory(action=action, text="Later news")
    newest = audit.explain(audit.changes_in(partnership)[:1])[0]

    assert newest.kind == "Progress update"
    assert newest.what.endswith(action.title)
    assert [d.after for d in newest.differences if d.label == "Text"] == [later.text]


def test_it_shows_a_deletion_and_keeps_the_deleted_records_changes(
    admin_client, partnership, action, alice
):
    action._history_user = alice
    action.delete()
    assert not Action.objects.exists()

    body = admin_client.get(reverse("partnerships:audit", args=[partnership.slug])).content
    assert b"Deleted: action New title" in body
    assert b"The record was deleted." in body
    assert b"Changed: action New title" in body


def test_it_never_shows_another_partnerships_changes(
    client, superuser, partnership, other_partnership, action, charlie
):
    theirs = ActionFactory(plan=PlanFactory(partnership=other_partnership), title="Southgate own")
    edit(theirs, charlie, title="Southgate secret")
    ObservationFactory(partnership=other_partnership, source="Southgate figures")
    client.force_login(superuser)

    northfield = client.get(reverse("partnerships:audit", args=[partnership.slug]))
    southgate = client.get(reverse("partnerships:audit", args=[other_partnership.slug]))

    for theirs_only in (b"Southgate own", b"Southgate secret", b"Southgate figures", b"charlie"):
        assert theirs_only not in northfield.content
    assert b"Southgate secret" in southgate.content
    assert b"New title" not in southgate.content


@pytest.mark.parametrize("persona", ["alice", "bob", "dora", "charlie"])
def test_it_refuses_everyone_but_the_partnerships_admins(client, request, partnership, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ("partnerships:audit", "partnerships:audit_csv"):
        assert client.get(reverse(name, args=[partnership.slug])).status_code == 403


def test_it_refuses_the_admin_of_another_partnership(client, partnership, other_partnership):
    theirs = UserFactory(username="olga")
    RoleFactory(user=theirs, partnership=other_partnership, name="partnership_admin")
    client.force_login(theirs)

    response = client.get(reverse("partnerships:audit", args=[partnership.slug]))

    assert response.status_code == 403
    assert b"Northfield" not in response.content


def test_it_sends_anonymous_visitors_to_sign_in(client, partnership):
    response = client.get(reverse("partnerships:audit_csv", args=[partnership.slug]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_is_linked_from_the_partnership_page_for_its_admins_only(client, frank, alice):
    partnership = frank.partnership_roles.get().partnership
    link = reverse("partnerships:audit", args=[partnership.slug]).encode()
    client.force_login(frank)
    assert link in client.get(partnership.get_absolute_url()).content
    client.force_login(alice)
    assert link not in client.get(partnership.get_absolute_url()).content


# Filters ------------------------------------------------------------------------------


def test_it_filters_by_person(admin_client, partnership, action, bob):
    ProgressUpdateFactory(action=action, text="News from no one signed in")
    edit(action, bob, title="Bob's title")
    url = reverse("partnerships:audit", args=[partnership.slug])

    body = admin_client.get(url, {"person": bob.pk}).content.decode()

    assert "<strong>1</strong> change found" in body
    assert "Changed: action Bob&#x27;s title" in body
    assert "Changed: action New title" not in body
    assert "News from no one signed in" not in body


def test_it_filters_the_changes_no_one_signed_in_made(admin_client, partnership, action):
    body = admin_client.get(
        reverse("partnerships:audit", args=[partnership.slug]), {"person": audit.NOBODY_CHOICE}
    ).content.decode()

    assert "Created: action Old title" in body
    assert "Changed: action New title" not in body


def test_it_filters_by_kind_of_record(admin_client, partnership, action):
    ProgressUpdateFactory(action=action, text="Some news")
    url = reverse("partnerships:audit", args=[partnership.slug])

    updates = admin_client.get(url, {"kind": "update"}).content.decode()
    actions = admin_client.get(url, {"kind": "action"}).content.decode()

    assert "Some news" in updates and "Changed: action" not in updates
    assert "Some news" not in actions and "Changed: action New title" in actions


def test_it_filters_by_date_range(admin_client, partnership, action):
    old_day = datetime.date(2025, 5, 10)
    moment = timezone.make_aware(datetime.datetime(2025, 5, 10, 23, 30))
    action.history.filter(title="Old title").update(history_date=moment)
    url = reverse("partnerships:audit", args=[partnership.slug])

    def dated(start, end):
        query = {}
        for name, day in (("date_from", start), ("date_to", end)):
            query |= {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}
        return admin_client.get(url, query).content.decode()

    that_day = dated(old_day, old_day)
    since = dated(old_day + datetime.timedelta(days=1), timezone.localdate())

    assert "Created: action Old title" in that_day and "Changed:" not in that_day
    assert "Created: action Old title" not in since and "Changed: action New title" in since


def test_it_says_what_is_wrong_with_a_bad_date_and_still_answers(admin_client, partnership):
    url = reverse("partnerships:audit", args=[partnership.slug])
    query = {"date_from_0": "31", "date_from_1": "2", "date_from_2": "2026"}

    response = admin_client.get(url, query | {"person": "nobody-at-all", "page": "x"})

    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_it_refuses_an_end_date_before_the_start(admin_client, partnership):
    url = reverse("partnerships:audit", args=[partnership.slug])
    query = {"date_from_0": "2", "date_from_1": "2", "date_from_2": "2026"}
    query |= {"date_to_0": "1", "date_to_1": "2", "date_to_2": "2026"}

    body = admin_client.get(url, query).content.decode()

    assert "The end date must be the same as or after the start date" in body


# Pages ----------------------------------------------------------------------------------


def make_changes(partnership, user, count):
    """`count` changes: an action created, then edited count - 1 times."""
    action = ActionFactory(plan__partnership=partnership, title="Edit 0")
    for number in range(1, count):
        edit(action, user, title=f"Edit {number}")
    return action


def busy_action(partnership, user, rounds):
    """An action edited and given a progress update `rounds` times, turn about."""
    action = ActionFactory(plan__partnership=partnership)
    for number in range(rounds):
        edit(action, user, title=f"Edit {number}")
        ProgressUpdateFactory(action=action, text=f"News {number}")


def test_it_pages_the_changes_fifty_at_a_time(admin_client, partnership, alice):
    make_changes(partnership, alice, 61)
    # Besides the 61 versions of the action: the partnership, the plan and two roles.
    total = 61 + 4
    url = reverse("partnerships:audit", args=[partnership.slug])

    first = admin_client.get(url).content.decode()
    second = admin_client.get(url, {"page": 2}).content.decode()

    assert f"<strong>{total}</strong> changes found, page 1 of 2" in first
    assert first.count('<h2 class="govuk-summary-card__title">') == 50
    assert second.count('<h2 class="govuk-summary-card__title">') == total - 50
    assert "Changed: action Edit 60" in first and "Changed: action Edit 60" not in second
    assert "Created: action Edit 0" in second
    assert 'class="govuk-pagination"' in first


def test_a_page_costs_the_same_queries_at_two_sizes_of_history(
    admin_client, partnership, alice, django_assert_num_queries
):
    url = reverse("partnerships:audit", args=[partnership.slug])
    busy_action(partnership, alice, 30)
    admin_client.get(url)  # the first request fills the session and content-type caches
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200

    busy_action(partnership, alice, 300)
    assert audit.changes_in(partnership).count() > 600
    with django_assert_num_queries(len(small.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_the_audit_itself_is_four_queries_for_a_page_of_two_kinds(
    partnership, alice, django_assert_num_queries
):
    busy_action(partnership, alice, 40)
    changes = audit.changes_in(partnership)

    # Count, the page, then one query per kind on the page: action, progress update.
    with django_assert_num_queries(4):
        assert changes.count() > 80
        explained = audit.explain(changes[:50])

    assert {change.kind for change in explained} == {"Action", "Progress update"}
    assert len(explained) == 50


# CSV ------------------------------------------------------------------------------------


def test_it_exports_the_filtered_changes_as_csv(admin_client, partnership, action):
    ProgressUpdateFactory(action=action, text="Left out by the filter")
    url = reverse("partnerships:audit_csv", args=[partnership.slug])

    response = admin_client.get(url, {"kind": "action"})
    rows = csv_of(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == audit.CSV_HEADER
    changed = [row for row in rows[1:] if row[4] == "Changed"]
    assert ["Title", "Old title", "New title"] in [row[5:] for row in changed]
    assert {row[2] for row in rows[1:]} == {"Action"}
    assert "Left out by the filter" not in str(rows)
    assert all(row[1] == "alice" for row in changed)


def test_the_csv_cannot_run_as_a_spreadsheet_formula(admin_client, partnership, action):
    ProgressUpdateFactory(action=action, text='=HYPERLINK("http://evil")')
    url = reverse("partnerships:audit_csv", args=[partnership.slug])

    rows = csv_of(admin_client.get(url, {"kind": "update"}))

    texts = [row[7] for row in rows[1:] if row[5] == "Text"]
    assert texts == ['\'=HYPERLINK("http://evil")']


def test_the_csv_holds_every_change_not_just_one_page(admin_client, partnership, alice):
    make_changes(partnership, alice, 120)
    url = reverse("partnerships:audit_csv", args=[partnership.slug])

    rows = csv_of(admin_client.get(url, {"kind": "action"}))

    titles = {row[7] for row in rows[1:] if row[5] == "Title"}
    assert titles == {f"Edit {number}" for number in range(120)}


def test_it_shows_figures_and_roles_with_readable_values(partnership, frank, alice):
    ObservationFactory(partnership=partnership, value=100)
    RoleFactory(user=UserFactory(username="gina"), partnership=partnership, name="viewer")
    changes = audit.explain(audit.changes_in(partnership)[:20])

    whats = {change.what for change in changes}
    assert "gina: Viewer" in whats
    figure = next(change for change in changes if change.kind == "Figure")
    assert ("Value", "100") in {(d.label, d.after) for d in figure.differences}
    assert all(d.label != "Partnership" for change in changes for d in change.differences)


def test_a_deleted_plan_of_another_partnership_stays_out(partnership, other_partnership):
    PlanFactory(partnership=partnership, title="Mine")
    theirs = PlanFactory(partnership=other_partnership, title="Theirs")
    ActionFactory(plan=theirs, title="Their action")
    theirs.delete()

    whats = {change.what for change in audit.explain(audit.changes_in(partnership)[:50])}

    assert whats == {"Mine", partnership.name}
