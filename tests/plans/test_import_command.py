import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ProgressUpdate
from plans.models import ImportBatch, Plan
from tests.plans.conftest import DOCUMENTS
from tests.plans.importing.conftest import docx_from_text

pytestmark = pytest.mark.django_db

SEEDS = sorted(DOCUMENTS.glob("*.txt"))


def run(*args):
    out = StringIO()
    call_command("import_document", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_imports_every_seed_document():
    run(*SEEDS)
    assert Plan.objects.count() == 5
    assert ImportBatch.objects.count() == 5
    assert Action.objects.count() == 24 + 31 + 54 + 24


def test_it_imports_word_versions_of_the_seeds_as_it_imports_the_text(tmp_path):
    for seed in SEEDS:
        word = tmp_path / seed.with_suffix(".docx").name
        word.write_bytes(docx_from_text(seed.read_text(encoding="utf-8")))
    results = json.loads(run(*sorted(tmp_path.glob("*.docx")), "--json"))
    assert [result["error"] for result in results] == [None] * 5
    assert [result["counts"]["actions"] for result in results] == [31, 54, 24, 0, 24]
    assert Plan.objects.count() == 5
    assert ImportBatch.objects.filter(file_name__endswith=".docx").count() == 5
    assert Action.objects.count() == 24 + 31 + 54 + 24


def test_importing_the_same_documents_again_creates_nothing_new():
    run(*SEEDS)
    counts = (Plan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())
    output = run(*SEEDS)
    assert output.count("already imported") == 5
    assert counts == (Plan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())


def test_a_dry_run_reports_and_saves_nothing():
    output = run(DOCUMENTS / "st-albans-action-plan-2019-20.txt", "--dry-run")
    assert "would create" in output and "24 actions" in output
    assert not Plan.objects.exists() and not Action.objects.exists()
    assert not ImportBatch.objects.exists()


def test_json_output_follows_the_contract():
    document = json.loads(run(DOCUMENTS / "st-albans-action-plan-2019-20.txt", "--json"))[0]
    assert document["source"] == "st-albans-action-plan-2019-20.txt"
    assert document["partnership"] == "St Albans"
    assert document["plan"]["start"] == "2019-04-01" and document["plan"]["end"] == "2020-03-31"
    assert document["counts"]["actions"] == 24
    assert document["error"] is None
    expected_keys = {"title", "priority_codes", "lead_agencies", "target", "timescale"}
    assert expected_keys <= set(document["actions"][0])


def test_a_bad_document_fails_with_its_name_and_saves_nothing(tmp_path):
    bad = tmp_path / "garbled.txt"
    bad.write_bytes(b"\x00\x01\x02 not a document")
    good = DOCUMENTS / "st-albans-action-plan-2019-20.txt"
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_document", str(bad), str(good), "--json", stdout=out)
    assert raised.value.returncode == 1
    results = json.loads(out.getvalue())
    assert "garbled.txt" in results[0]["error"]
    assert results[1]["error"] is None
    assert Plan.objects.count() == 1  # the good one imported, the bad one nothing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Minutes of the meeting\n\nApologies were received.\n", "layout"),
    ],
)
def test_unreadable_documents_get_a_clear_message(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_document", str(path), "--json", stdout=out)
    error = json.loads(out.getvalue())[0]["error"]
    assert "input.txt" in error and message in error.lower()
    assert not Plan.objects.exists()
