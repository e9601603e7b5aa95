"""The admin's review: what the importer read, corrected by the admin, then confirmed."""

import html

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action
from plans.importing.writer import undo_batch
from plans.models import ImportBatch, Plan
from tests.factories import PartnershipFactory, UserFactory
from tests.plans.conftest import DOCUMENTS

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:plans_importbatch_upload")
REVIEW = reverse("admin:plans_importbatch_review")
CONFIRM = reverse("admin:plans_importbatch_confirm")

# A table no header of which the importer knows: no layout claims it.
UNKNOWN = (
    b"Northfield Community Safety Partnership Delivery Schedule 2019/20\n\n"
    b"Intent\tBody\tClose\n"
    b"Patrol the park every Friday\tPolice\tJune 2019\n"
    b"Visit every primary school\tCouncil\tMarch 2020\n"
)
ROLES = {"column_0": "title", "column_1": "leads", "column_2": "timescale"}


@pytest.fixture
def importer(client):
    user = UserFactory(username="importer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_document"),
        Permission.objects.get(codename="view_importbatch"),
    )
    client.force_login(user)
    return user


def upload(client, name="schedule.txt", content=UNKNOWN):
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, content)})


def correct(client, response, **changes):
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes, sha256=response.context["sha256"])
    return client.post(REVIEW, {k: v for k, v in data.items() if v is not None})


def test_a_document_in_no_known_layout_says_what_was_found(client, importer):
    response = upload(client)
    assert response.status_code == 422
    assert "no known layout: found 1 table, none with an action column" in response.text
    assert [label for _, label in response.context["form"].columns] == ["Intent", "Body", "Close"]
    assert "Confirm and import" not in response.text
    assert not Plan.objects.exists()


def test_giving_the_columns_their_roles_reads_the_table(client, importer):
    response = correct(client, upload(client), **ROLES)
    assert response.status_code == 200
    actions = response.context["report"].parsed.actions
    assert [(a.title, a.timescale) for a in actions] == [
        ("Patrol the park every Friday", "June 2019"),
        ("Visit every primary school", "March 2020"),
    ]
    assert [len(a.lead_agencies) for a in actions] == [1, 1]
    assert "Confirm and import" in response.text
    assert 'column "Intent" read as action' in html.unescape(response.text)
    assert not Plan.objects.exists()


def test_confirming_saves_the_corrected_reading_and_keeps_the_corrections(client, importer):
    correct(client, upload(client), **ROLES)
    client.post(CONFIRM, {"sha256": client.session["pending_document_import"]["sha256"]})
    batch = ImportBatch.objects.get()
    assert batch.corrections == {
        "columns": {"Intent": "title", "Body": "leads", "Close": "timescale"}
    }
    assert Action.objects.filter(plan=batch.plan).count() == 2


def test_the_same_document_imported_again_is_read_with_the_stored_corrections(client, importer):
    correct(client, upload(client), **ROLES)
    client.post(CONFIRM, {"sha256": client.session["pending_document_import"]["sha256"]})
    undo_batch(ImportBatch.objects.get())
    response = upload(client)
    assert response.status_code == 200
    assert len(response.context["report"].parsed.actions) == 2


def test_the_admin_can_choose_an_existing_partnership_and_set_the_period(client, importer):
    existing = PartnershipFactory(name="Southgate Community Safety Partnership")
    preview = upload(
        client, "plan.txt", (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    )
    response = correct(
        client,
        preview,
        partnership=existing.name,
        period_start="2019-05-01",
        period_end="2020-04-30",
    )
    report = response.context["report"]
    assert report.partnership == existing
    assert f"{existing.name}: an existing partnership" in response.text
    assert (report.parsed.plan.start.isoformat(), report.parsed.plan.end.isoformat()) == (
        "2019-05-01",
        "2020-04-30",
    )
    client.post(CONFIRM, {"sha256": response.context["sha256"]})
    plan = Plan.objects.get()
    assert plan.partnership == existing
    assert plan.period_start.isoformat() == "2019-05-01"


def test_a_blank_new_partnership_name_keeps_the_name_the_document_gives(client, importer):
    response = correct(client, upload(client), partnership="__new__", new_partnership="", **ROLES)
    assert response.context["report"].parsed.partnership.name == "Northfield"
    assert "partnership" not in client.session["pending_document_import"]["corrections"]


def test_a_new_partnership_can_be_named(client, importer):
    response = correct(client, upload(client), new_partnership="Eastwick CSP", **ROLES)
    assert response.context["report"].parsed.partnership.name == "Eastwick CSP"
    assert "Eastwick CSP: a new partnership" in response.text


def test_a_period_ending_before_it_starts_is_refused_and_nothing_changes(client, importer):
    preview = upload(
        client, "plan.txt", (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    )
    response = correct(client, preview, period_start="2020-01-01", period_end="2019-01-01")
    assert "The period must end after it starts" in response.text
    assert client.session["pending_document_import"]["corrections"] == {}
    assert not Plan.objects.exists()


def test_ignoring_a_column_drops_it_from_the_reading(client, importer):
    preview = upload(
        client, "plan.txt", (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    )
    form = preview.context["form"]
    progress = next(name for name, header in form.columns if header.lower().startswith("progress"))
    response = correct(client, preview, **{progress: "ignore"})
    assert all(not action.progress for action in response.context["report"].parsed.actions)


def test_a_review_of_an_expired_upload_sends_the_admin_back_to_upload(client, importer):
    response = client.post(REVIEW, {"sha256": "0" * 64})
    assert response.status_code == 302
    assert response.url == UPLOAD


def test_staff_without_the_import_permission_cannot_review(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.post(REVIEW, {"sha256": "0" * 64}).status_code == 403


def test_a_document_too_large_to_read_in_time_is_refused_on_the_upload_form(
    client, importer, monkeypatch
):
    monkeypatch.setattr("plans.importing.limits.PARSE_SECONDS", 0.0)
    response = upload(
        client, "plan.txt", (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    )
    assert response.status_code == 200
    assert "too large to import here" in response.text
    assert "Read again with these corrections" not in response.text
    assert "pending_document_import" not in client.session


def test_every_layout_is_described_in_words():
    from plans.import_review import LAYOUT_WORDS
    from plans.importing.layouts import LAYOUTS

    assert set(LAYOUT_WORDS) == set(LAYOUTS)


def test_the_review_says_in_words_how_the_document_was_read(client, importer):
    preview = upload(
        client, "plan.txt", (DOCUMENTS / "st-albans-action-plan-2019-20.txt").read_bytes()
    )
    assert "then a table of actions naming the codes they serve" in preview.text
    assert "coded_action_table" not in preview.text
