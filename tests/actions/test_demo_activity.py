"""The demo's example activity: a quarter of updates in the running St Albans plan, marked as
examples, with some red and amber ratings, and kept apart from the import's records."""

import datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from actions import demo
from actions.models import Action, ProgressUpdate, Rag
from partnerships.models import Agency
from plans.importing.service import import_document
from plans.importing.writer import undo_batch
from plans.models import ImportBatch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SEED = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "documents"
    / "st-albans-strategy-2024-27.txt"
)
# A day inside the 2024-27 strategy's period, so the test does not depend on the calendar.
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def imported():
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here")
    import_document(SEED)
    return demo.running_plan("St Albans", TODAY)


@pytest.fixture
def authors():
    return {
        "coordinator": UserFactory(username="coordinator"),
        "police.officer": UserFactory(username="police.officer"),
        "police_agency": Agency.objects.resolve("Hertfordshire Constabulary"),
    }


def test_it_adds_a_quarter_of_marked_updates_with_red_and_amber(imported, authors):
    added = demo.add_example_activity(imported, authors, TODAY)
    actions = Action.objects.filter(plan=imported)
    updates = ProgressUpdate.objects.filter(action__plan=imported)
    assert added.updates == 3 * actions.count() == updates.count()
    assert all(update.is_example for update in updates)
    assert {update.author.username for update in updates} <= {"coordinator", "police.officer"}
    dates = sorted(update.date for update in updates)
    assert TODAY - datetime.timedelta(days=92) <= dates[0] and dates[-1] <= TODAY
    ratings = set(actions.values_list("rag", flat=True))
    assert {Rag.RED, Rag.AMBER, Rag.GREEN} <= ratings
    assert not updates.exclude(publication="internal").exists()  # examples are never public


def test_running_it_again_adds_nothing(imported, authors):
    demo.add_example_activity(imported, authors, TODAY)
    again = demo.add_example_activity(imported, authors, TODAY)
    assert again.already_there and again.updates == 0


def test_the_examples_are_not_records_of_the_import(imported, authors):
    demo.add_example_activity(imported, authors, TODAY)
    batch = ImportBatch.objects.get()
    update_type = ContentType.objects.get_for_model(ProgressUpdate)
    assert not batch.created.filter(content_type=update_type).exists()


def test_undoing_the_import_leaves_the_examples_alone(imported, authors):
    demo.add_example_activity(imported, authors, TODAY)
    count = ProgressUpdate.objects.filter(is_example=True).count()
    report = undo_batch(ImportBatch.objects.get())
    assert ProgressUpdate.objects.filter(is_example=True).count() == count
    assert report.kept  # the actions holding example updates are kept, and the report says so


def test_the_action_page_says_an_update_is_an_example(client, imported, authors):
    demo.add_example_activity(imported, authors, TODAY)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    action = Action.objects.filter(plan=imported).first()
    assert (
        "Example activity made up for the demonstration"
        in client.get(action.get_absolute_url()).text
    )
