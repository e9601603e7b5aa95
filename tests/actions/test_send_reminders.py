import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from actions.models import Status
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)


@pytest.fixture
def late_police_action(plan, police, today):
    action = ActionFactory(plan=plan, title="Police action", due_date=today - datetime.timedelta(1))
    ActionLeadFactory(action=action, agency=police)
    return action


@pytest.fixture
def stale_fire_action(plan, fire, today):
    action = ActionFactory(plan=plan, title="Fire action", due_date=today + datetime.timedelta(60))
    ActionLeadFactory(action=action, agency=fire)
    ProgressUpdateFactory(action=action, date=today - datetime.timedelta(days=120))
    return action


def send(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def mail_to(username):
    return [m for m in mail.outbox if m.to == [f"{username}@example.org"]]


def test_each_person_gets_one_digest_of_the_actions_they_can_update(
    alice, dora, eve, late_police_action, stale_fire_action
):
    send()
    assert len(mail.outbox) == 3
    (alice_mail,) = mail_to("alice")
    assert "Police action" in alice_mail.body and "Fire action" in alice_mail.body
    assert alice_mail.subject == "CSP Tracker: your actions, 1 overdue and 1 with no recent update"
    (dora_mail,) = mail_to("dora")
    assert "Police action" in dora_mail.body
    assert "Fire action" not in dora_mail.body
    assert f"/actions/{late_police_action.pk}/update/" in dora_mail.body
    (eve_mail,) = mail_to("eve")
    assert "Fire action" in eve_mail.body and "Police action" not in eve_mail.body


def test_nobody_gets_an_empty_email(alice, dora, plan, police, today):
    on_time = ActionFactory(plan=plan, due_date=today + datetime.timedelta(30))
    ActionLeadFactory(action=on_time, agency=police)
    ProgressUpdateFactory(action=on_time, date=today)
    ActionFactory(plan=plan, status=Status.COMPLETED, due_date=today - datetime.timedelta(9))
    assert "Sent 0 reminder(s)." in send()
    assert mail.outbox == []


def test_viewers_and_partnership_admins_get_nothing(bob, frank, late_police_action):
    send()
    assert mail.outbox == []


def test_it_leaves_out_plans_that_have_ended(alice, partnership):
    old = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2011, 4, 1),
        period_end=datetime.date(2012, 3, 31),
    )
    ActionFactory(plan=old, due_date=datetime.date(2011, 12, 1))
    send()
    assert mail.outbox == []


def test_roles_in_several_partnerships_make_one_digest(
    alice, late_police_action, other_partnership, today
):
    RoleFactory(user=alice, partnership=other_partnership, name="coordinator")
    there = PlanFactory(
        partnership=other_partnership,
        period_start=late_police_action.plan.period_start,
        period_end=late_police_action.plan.period_end,
    )
    ActionFactory(plan=there, title="Southgate action", due_date=today - datetime.timedelta(2))
    send()
    (digest,) = mail_to("alice")
    assert "Police action" in digest.body and "Southgate action" in digest.body


def test_an_action_both_overdue_and_stale_is_listed_once(alice, plan, today):
    ActionFactory(
        plan=plan,
        title="Very late",
        due_date=today - datetime.timedelta(1),
        start_date=today - datetime.timedelta(days=200),
    )
    send()
    assert mail_to("alice")[0].body.count("Very late") == 1


def test_people_without_an_email_address_or_inactive_are_skipped(partnership, late_police_action):
    RoleFactory(user=UserFactory(email=""), partnership=partnership, name="coordinator")
    RoleFactory(user=UserFactory(is_active=False), partnership=partnership, name="coordinator")
    send()
    assert mail.outbox == []


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(alice, dora, late_police_action):
    out = send("--dry-run")
    assert "alice <alice@example.org>: 1 overdue, 0 with no recent update" in out
    assert "dora <dora@example.org>: 1 overdue" in out
    assert "Dry run: 2 reminder(s) would be sent." in out
    assert mail.outbox == []


def test_it_counts_lateness_on_the_date_given(alice, plan, today):
    ActionFactory(plan=plan, due_date=today + datetime.timedelta(days=5), start_date=today)
    future = today + datetime.timedelta(days=6)
    assert "1 overdue" in send("--dry-run", "--date", future.isoformat())


@pytest.mark.parametrize("count", [10, 200])
def test_building_the_digests_costs_the_same_for_more_people_and_actions(
    partnership, plan, police, today, count, django_assert_num_queries
):
    from actions.reminders import build_digests
    from tests.personas import make_actions

    make_actions(plan, count, agency=police, update_on=today - datetime.timedelta(days=200))
    for number in range(count // 10):
        user = UserFactory(username=f"officer{number}")
        RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=police)
    with django_assert_num_queries(4):
        digests = build_digests(today)
    assert len(digests) == count // 10
    assert all(len(digest.stale) == count for digest in digests)
