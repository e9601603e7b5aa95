"""A failure while refreshing what actions take from their updates (refresh_latest()) undoes
the caller's whole write, never only the refresh: a writer that caught the error could
otherwise save its updates with the actions' dates and ratings left stale. Found by mutation
testing: refresh_latest() with a savepoint of its own went unnoticed."""

import pytest
from django.db import transaction

from actions.models import Action, ProgressUpdate
from tests.actions.test_queries import TODAY, year_plan  # noqa: F401 (a fixture)
from tests.factories import ActionFactory


class RefreshFailed(Exception):
    pass


def test_a_failed_refresh_undoes_the_callers_whole_write(monkeypatch, year_plan):  # noqa: F811
    action = ActionFactory(plan=year_plan)

    def fail(*args, **kwargs):
        raise RefreshFailed

    monkeypatch.setattr("actions.rag.refresh", fail)
    with transaction.atomic():
        # A bulk writer of updates, as the importer is: rows first, then one refresh.
        ProgressUpdate.objects.bulk_create([ProgressUpdate(action=action, date=TODAY, text="x")])
        with pytest.raises(RefreshFailed):
            Action.objects.filter(pk=action.pk).refresh_latest(TODAY)
    assert not ProgressUpdate.objects.filter(action=action).exists()
    action.refresh_from_db()
    assert action.last_update_on is None
