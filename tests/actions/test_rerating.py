"""actions/rerating.py: saving a plan or a partnership's settings rates the computed
actions again at once when a field that decides the rating changed, and only then; the save
and the new ratings are one transaction."""

import pytest

from actions import rag, rerating
from actions.models import Rag, Status
from partnerships.forms import PartnershipSettingsForm
from plans.forms import PlanForm
from plans.models import Plan
from tests.factories import ActionFactory, PlanFactory
from tests.personas import *  # noqa: F403
from tests.plans.test_views_plan_edit import data as plan_data

SETTINGS = {
    "update_interval_days": "90",
    "rag_amber_gap": "10",
    "rag_red_gap": "25",
    "contact_email": "",
    "contact_phone": "",
    "website": "",
}


@pytest.fixture
def completed(plan):
    """A completed action in a computing plan, stored as not rated: a refresh makes it
    green."""
    plan.rag_method = "computed"
    plan.save()
    return ActionFactory(plan=plan, status=Status.COMPLETED, rag=Rag.NONE)


def plan_form(plan, **changes):
    return PlanForm(plan_data(plan, **changes), instance=plan)


def rag_of(action):
    action.refresh_from_db()
    return action.rag


def test_a_change_that_decides_no_rating_leaves_the_ratings(plan, completed, today):
    form = plan_form(plan, title="Renamed")
    assert form.is_valid(), form.errors
    rerating.save_plan(form, today)
    assert (Plan.objects.get(pk=plan.pk).title, rag_of(completed)) == ("Renamed", Rag.NONE)


@pytest.mark.parametrize("field", ["period_end_2", "rag_method"])
def test_a_moved_period_or_method_rates_the_plans_actions(plan, completed, today, field):
    plan.rag_method = "manual" if field == "rag_method" else "computed"
    plan.save()
    changes = {"rag_method": "computed"} if field == "rag_method" else {field: 2030}
    form = plan_form(plan, **changes)
    assert form.is_valid(), form.errors
    rerating.save_plan(form, today)
    assert rag_of(completed) == Rag.GREEN


def test_a_failed_rating_undoes_the_save(plan, completed, today, monkeypatch):
    def broken(actions, today):
        raise RuntimeError("rating failed")

    monkeypatch.setattr(rag, "refresh", broken)
    saved = (plan.title, plan.period_end)
    form = plan_form(plan, title="Renamed", period_end_2=2030)
    assert form.is_valid(), form.errors
    with pytest.raises(RuntimeError):
        rerating.save_plan(form, today)
    plan.refresh_from_db()
    assert (plan.title, plan.period_end) == saved


def test_new_thresholds_rate_the_running_plans_only(partnership, plan, completed, today):
    ended = PlanFactory(partnership=partnership, rag_method="computed")
    ended.period_start, ended.period_end = (
        today.replace(year=today.year - 3),
        today.replace(year=today.year - 2),
    )
    ended.save()
    old = ActionFactory(plan=ended, status=Status.COMPLETED, rag=Rag.NONE)
    form = PartnershipSettingsForm(SETTINGS | {"rag_amber_gap": "5"}, instance=partnership)
    assert form.is_valid(), form.errors
    rerating.save_partnership_settings(form, today)
    assert (rag_of(completed), rag_of(old)) == (Rag.GREEN, Rag.NONE)


def test_unchanged_thresholds_rate_nothing(partnership, completed, today):
    form = PartnershipSettingsForm(SETTINGS | {"contact_phone": "01234"}, instance=partnership)
    assert form.is_valid(), form.errors
    rerating.save_partnership_settings(form, today)
    assert rag_of(completed) == Rag.NONE
