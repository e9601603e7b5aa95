"""Writes that must be all or nothing, made to fail part-way: nothing of them is kept.

Each test lets the write start for real, through the page, and makes one later step raise;
then reads the database again. The tests run outside the test's own transaction
(transaction=True), so what the code commits is what is checked.
"""

import pytest
from django.urls import reverse

from actions import rag
from actions.models import Action, ActionLead, ActionQuerySet, ProgressUpdate, Rag, Status
from plans.models import Plan
from tests.actions.test_add_update import form_data as update_data
from tests.actions.test_edit_action import form_data as edit_data

pytestmark = pytest.mark.django_db(transaction=True)


class InjectedFailure(Exception):
    """Raised where a test makes a step of a write fail."""


def fail(*args, **kwargs):
    raise InjectedFailure


def stored(action):
    """Everything an edit or an update may change about an action, as stored."""
    action = Action.objects.get(pk=action.pk)
    return {
        "row": Action.objects.filter(pk=action.pk).values().get(),
        "priorities": sorted(action.priorities.values_list("pk", flat=True)),
        "leads": list(action.leads.order_by("order", "pk").values_list("agency_id", flat=True)),
        "partners": sorted(action.partner_agencies.values_list("pk", flat=True)),
        "history": action.history.count(),
        "updates": list(ProgressUpdate.objects.filter(action=action).values()),
        "update_history": ProgressUpdate.history.filter(action_id=action.pk).count(),
    }


@pytest.fixture
def computed(plan):
    Plan.objects.filter(pk=plan.pk).update(rag_method=Plan.RagMethod.COMPUTED)
    return plan


class TestAnEditThatFailsAfterClaimingTheVersion:
    @pytest.fixture
    def edit(self, client, alice, action, fire):
        client.force_login(alice)
        data = edit_data(action, title="Changed title", lead_agencies=[fire.pk], rag=Rag.RED)
        return reverse("actions:edit", args=[action.pk]), data

    @pytest.mark.parametrize(
        ("owner", "step"),
        [
            (Action, "save"),  # the action's own row and its history, last of all
            (ActionLead.objects, "bulk_create"),  # the new leads, after the old were deleted
            (Action, "set_priorities"),  # the links, first after the claim
        ],
    )
    def test_nothing_changes_the_version_included(
        self, client, action, edit, monkeypatch, owner, step
    ):
        url, data = edit
        before = stored(action)
        monkeypatch.setattr(owner, step, fail)
        with pytest.raises(InjectedFailure):
            client.post(url, data)
        monkeypatch.undo()
        assert stored(action) == before

    def test_the_same_form_saves_once_the_failure_is_gone(self, client, action, edit, fire):
        url, data = edit
        assert client.post(url, data).status_code == 302
        saved = Action.objects.get(pk=action.pk)
        assert (saved.title, saved.version) == ("Changed title", action.version + 1)
        assert list(saved.leads.values_list("agency_id", flat=True)) == [fire.pk]


class TestAProgressUpdateThatFailsAfterItIsSaved:
    @pytest.fixture
    def post_update(self, client, dora, action, today):
        client.force_login(dora)
        url = reverse("actions:add_update", args=[action.pk])
        return lambda: client.post(
            url, update_data(today, status=Status.IN_PROGRESS, rag=Rag.AMBER, percent_complete="90")
        )

    def test_a_failed_write_of_the_last_update_date_keeps_no_update(
        self, client, dora, action, today, monkeypatch
    ):
        # Status and rating as they are: the date is all the action's UPDATE writes.
        unchanged = update_data(today, status=action.status, rag=action.rag)
        before = stored(action)
        monkeypatch.setattr(ActionQuerySet, "update", fail)
        client.force_login(dora)
        with pytest.raises(InjectedFailure):
            client.post(reverse("actions:add_update", args=[action.pk]), unchanged)
        monkeypatch.undo()
        assert stored(action) == before

    def test_a_failed_history_row_of_the_action_keeps_nothing(
        self, action, post_update, monkeypatch
    ):
        before = stored(action)
        monkeypatch.setattr(Action, "link_snapshot", fail)
        with pytest.raises(InjectedFailure):
            post_update()
        monkeypatch.undo()
        assert stored(action) == before

    def test_a_failed_rag_recompute_keeps_nothing(self, computed, action, post_update, monkeypatch):
        before = stored(action)
        monkeypatch.setattr(rag, "for_action", fail)
        with pytest.raises(InjectedFailure):
            post_update()
        monkeypatch.undo()
        assert stored(action) == before

    def test_a_failed_save_of_the_action_keeps_no_update(self, action, post_update, monkeypatch):
        before = stored(action)
        monkeypatch.setattr(Action, "save", fail)
        with pytest.raises(InjectedFailure):
            post_update()
        monkeypatch.undo()
        assert stored(action) == before

    def test_without_a_failure_the_update_and_the_action_are_saved(
        self, computed, action, post_update, today
    ):
        assert post_update().status_code == 302
        saved = Action.objects.get(pk=action.pk)
        assert saved.status == Status.IN_PROGRESS
        assert saved.last_update_on == today
        assert ProgressUpdate.objects.filter(action=action, percent_complete=90).exists()
