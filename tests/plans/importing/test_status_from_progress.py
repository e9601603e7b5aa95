"""An imported action's status is what its document says, and otherwise "Not known"."""

import pytest

from actions.models import Action, Status
from plans.importing.service import import_document
from plans.importing.statuses import status_from_progress
from tests.plans.conftest import DOCUMENTS


@pytest.mark.parametrize(
    ("update", "status"),
    [
        ("Worker in post 1/3/12", "completed"),
        ("Programme delivered to over 2000 students", "completed"),
        ("Done", "completed"),
        ("12,000 hrs unpaid work carried out in reporting year", "completed"),
        ("Courses run throughout year", "ongoing"),
        ("Ongoing", "ongoing"),
        ("Programme delivered to 3 schools - to be extended to all schools", "in_progress"),
        ("Scheme now being developed for implementation in 2012", "in_progress"),
        ("Not delivered because the funding was withdrawn", ""),
        ("No event held this year", ""),
        ("120 young people spoken to", ""),
        ("", ""),
    ],
)
def test_an_update_tells_the_status_only_when_its_words_say_so(update, status):
    assert status_from_progress([update]) == status


@pytest.mark.django_db
def test_the_dacorum_update_gives_statuses_from_its_updates_and_not_known_otherwise():
    import_document(DOCUMENTS / "dacorum-update-2011-12.txt")
    statuses = dict(Action.objects.values_list("title", "status"))
    assert statuses["Instigate Joint Agency activity over Halloween period"] == Status.UNKNOWN
    assert Status.NOT_STARTED not in statuses.values()
    completed = [title for title, status in statuses.items() if status == Status.COMPLETED]
    assert len(completed) >= 15


@pytest.mark.django_db
def test_a_stated_status_wins_over_what_the_update_says():
    text = (
        "Northfield Community Safety Partnership Action Plan 2019/20\n\n"
        "Action\tLead agency\tStatus\tProgress\n"
        "Patrol the park.\tPolice\tIn progress\tPatrols delivered in May\n"
    )
    import_document(text.encode(), "plan.txt")
    assert Action.objects.get().status == Status.IN_PROGRESS
