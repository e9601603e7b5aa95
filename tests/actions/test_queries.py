"""Action.objects.overdue(), stale(), with_lateness(), updatable_by() and in_current_plans()."""

import datetime

import pytest

from actions.models import Action, Status
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RoleFactory,
    UserFactory,
)

D = datetime.date
TODAY = D(2025, 10, 1)


@pytest.fixture
def year_plan(partnership):
    return PlanFactory(
        partnership=partnership, period_start=D(2025, 4, 1), period_end=D(2026, 3, 31)
    )


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_overdue_is_open_and_past_its_due_date(year_plan):
    late = ActionFactory(plan=year_plan, due_date=D(2025, 9, 30))
    due_today = ActionFactory(plan=year_plan, due_date=TODAY)
    done = ActionFactory(plan=year_plan, due_date=D(2025, 9, 1), status=Status.COMPLETED)
    dropped = ActionFactory(plan=year_plan, due_date=D(2025, 9, 1), status=Status.CANCELLED)
    undated = ActionFactory(plan=year_plan)
    assert pks(Action.objects.overdue(TODAY)) == {late.pk}
    assert not {due_today.pk, done.pk, dropped.pk, undated.pk} & pks(Action.objects.overdue(TODAY))


def test_stale_counts_from_the_last_update(year_plan):
    old = ActionFactory(plan=year_plan)
    ProgressUpdateFactory(action=old, date=TODAY - datetime.timedelta(days=91))
    recent = ActionFactory(plan=year_plan)
    ProgressUpdateFactory(action=recent, date=TODAY - datetime.timedelta(days=91))
    ProgressUpdateFactory(action=recent, date=TODAY - datetime.timedelta(days=90))
    assert pks(Action.objects.stale(TODAY)) == {old.pk}


def test_stale_counts_a_never_updated_action_from_its_start_or_its_plans_start(year_plan):
    from_plan = ActionFactory(plan=year_plan)  # plan started 183 days ago
    started_lately = ActionFactory(plan=year_plan, start_date=D(2025, 9, 1))
    assert pks(Action.objects.stale(TODAY)) == {from_plan.pk}
    assert started_lately.pk not in pks(Action.objects.stale(TODAY))


def test_stale_uses_each_partnerships_interval(year_plan, other_partnership):
    other_partnership.update_interval_days = 30
    other_partnership.save()
    other_plan = PlanFactory(
        partnership=other_partnership, period_start=D(2025, 4, 1), period_end=D(2026, 3, 31)
    )
    here = ActionFactory(plan=year_plan)
    there = ActionFactory(plan=other_plan)
    for action in (here, there):
        ProgressUpdateFactory(action=action, date=TODAY - datetime.timedelta(days=45))
    assert pks(Action.objects.stale(TODAY)) == {there.pk}


def test_stale_leaves_out_closed_actions(year_plan):
    ActionFactory(plan=year_plan, status=Status.COMPLETED)
    assert not Action.objects.stale(TODAY).exists()


def test_with_lateness_agrees_with_overdue_and_stale(year_plan):
    ActionFactory(plan=year_plan, due_date=D(2025, 9, 1))
    fresh = ActionFactory(plan=year_plan, due_date=D(2025, 12, 1))
    ProgressUpdateFactory(action=fresh, date=D(2025, 9, 20))
    ActionFactory(plan=year_plan, status=Status.COMPLETED, due_date=D(2025, 5, 1))
    annotated = Action.objects.with_lateness(TODAY)
    assert pks(annotated.filter(is_overdue=True)) == pks(Action.objects.overdue(TODAY))
    assert pks(annotated.filter(is_stale=True)) == pks(Action.objects.stale(TODAY))
    assert annotated.get(pk=fresh.pk).last_update_on == D(2025, 9, 20)


def test_with_lateness_given_the_partnership_finds_the_same_stale_actions(
    year_plan, partnership, django_assert_num_queries
):
    partnership.update_interval_days = 30
    partnership.save()
    fresh = ActionFactory(plan=year_plan)
    ProgressUpdateFactory(action=fresh, date=D(2025, 9, 20))
    old = ActionFactory(plan=year_plan)
    ProgressUpdateFactory(action=old, date=D(2025, 8, 20))
    with django_assert_num_queries(1):
        given = pks(Action.objects.with_lateness(TODAY, partnership).filter(is_stale=True))
    assert given == pks(Action.objects.stale(TODAY)) == {old.pk}


def test_late_first_puts_overdue_then_stale_then_the_rest(year_plan):
    fine = ActionFactory(plan=year_plan, due_date=D(2025, 11, 1))
    ProgressUpdateFactory(action=fine, date=D(2025, 9, 20))
    stale = ActionFactory(plan=year_plan, due_date=D(2025, 10, 15))
    overdue = ActionFactory(plan=year_plan, due_date=D(2025, 9, 1))
    ProgressUpdateFactory(action=overdue, date=D(2025, 9, 20))
    ordered = list(Action.objects.with_lateness(TODAY).late_first())
    assert ordered == [overdue, stale, fine]


def test_in_current_plans_leaves_out_plans_that_ended(year_plan, partnership):
    ended = PlanFactory(
        partnership=partnership, period_start=D(2019, 4, 1), period_end=D(2020, 3, 31)
    )
    now = ActionFactory(plan=year_plan)
    ActionFactory(plan=ended)
    assert pks(Action.objects.in_current_plans(TODAY)) == {now.pk}


class TestUpdatableBy:
    def test_a_coordinator_can_update_every_action_of_the_partnership(self, alice, year_plan):
        action = ActionFactory(plan=year_plan)
        ActionFactory()  # elsewhere
        assert pks(Action.objects.updatable_by(alice)) == {action.pk}

    def test_an_agency_officer_can_update_the_actions_their_agency_leads(
        self, dora, police, fire, year_plan
    ):
        led = ActionFactory(plan=year_plan)
        ActionLeadFactory(action=led, agency=police)
        jointly = ActionFactory(plan=year_plan)
        ActionLeadFactory(action=jointly, agency=fire, order=0)
        ActionLeadFactory(action=jointly, agency=police, order=1)
        not_led = ActionFactory(plan=year_plan)
        ActionLeadFactory(action=not_led, agency=fire)
        assert pks(Action.objects.updatable_by(dora)) == {led.pk, jointly.pk}

    def test_an_officer_role_counts_only_in_its_own_partnership(
        self, dora, police, other_partnership
    ):
        elsewhere = ActionFactory(plan=PlanFactory(partnership=other_partnership))
        ActionLeadFactory(action=elsewhere, agency=police)
        assert not Action.objects.updatable_by(dora).exists()

    def test_a_viewer_can_update_nothing(self, bob, year_plan):
        ActionFactory(plan=year_plan)
        assert not Action.objects.updatable_by(bob).exists()

    def test_roles_in_several_partnerships_add_up(self, alice, year_plan, other_partnership):
        other = ActionFactory(plan=PlanFactory(partnership=other_partnership))
        RoleFactory(user=alice, partnership=other_partnership, name="coordinator")
        here = ActionFactory(plan=year_plan)
        assert pks(Action.objects.updatable_by(alice)) == {here.pk, other.pk}

    def test_a_superuser_without_roles_has_no_actions_of_their_own(self, superuser, year_plan):
        ActionFactory(plan=year_plan)
        assert not Action.objects.updatable_by(superuser).exists()

    def test_it_lists_each_action_once(self, db, partnership, police, year_plan):
        user = UserFactory()
        RoleFactory(user=user, partnership=partnership, name="coordinator")
        RoleFactory(user=user, partnership=partnership, name="agency_officer", agency=police)
        action = ActionFactory(plan=year_plan)
        ActionLeadFactory(action=action, agency=police)
        assert list(Action.objects.updatable_by(user)) == [action]
