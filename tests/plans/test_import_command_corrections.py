"""`import_document` takes the review's corrections on the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action
from plans.models import ImportBatch, Plan
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

UNKNOWN = (
    "Northfield Community Safety Partnership Delivery Schedule 2019/20\n\n"
    "Intent\tBody\tClose\n"
    "Patrol the park every Friday\tPolice\tJune 2019\n"
    "Visit every primary school\tCouncil\tMarch 2020\n"
)


@pytest.fixture
def schedule(tmp_path):
    path = tmp_path / "schedule.txt"
    path.write_text(UNKNOWN, encoding="utf-8")
    return path


def run(*args):
    out = StringIO()
    call_command("import_document", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_columns_given_roles_read_a_table_no_layout_knew(schedule):
    args = ["--column", "Intent=title", "--column", "body=leads", "--column", "Close=timescale"]
    result = json.loads(run(schedule, *args, "--json"))[0]
    assert result["error"] is None
    assert [a["title"] for a in result["actions"]] == [
        "Patrol the park every Friday",
        "Visit every primary school",
    ]
    assert result["corrections"] == {
        "columns": {"Intent": "title", "body": "leads", "Close": "timescale"}
    }
    assert ImportBatch.objects.get().corrections == result["corrections"]


def test_without_the_roles_the_document_is_refused_saying_what_was_found(schedule):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_document", str(schedule), "--json", stdout=out)
    error = json.loads(out.getvalue())[0]["error"]
    assert "found 1 table, none with an action column" in error
    assert not Plan.objects.exists()


def test_partnership_kind_and_period_are_set_from_the_command_line(schedule):
    existing = PartnershipFactory(name="Southgate Community Safety Partnership")
    run(
        schedule,
        "--column=Intent=title",
        f"--partnership={existing.name}",
        "--kind=strategy",
        "--period=2019-04-01:2022-03-31",
    )
    plan = Plan.objects.get()
    assert plan.partnership == existing
    assert plan.kind == "strategy"
    assert (plan.period_start.isoformat(), plan.period_end.isoformat()) == (
        "2019-04-01",
        "2022-03-31",
    )
    assert Action.objects.count() == 2


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--column=Intent=headline", '"headline" is not a role'),
        ("--column=Intent", "is not HEADER=ROLE"),
        ("--period=2019-04-01", "is not two dates"),
        ("--period=2020-04-01:2019-03-31", "ends before it starts"),
    ],
)
def test_a_bad_correction_is_refused_naming_it_and_nothing_is_saved(schedule, option, message):
    with pytest.raises(CommandError, match=message):
        run(schedule, option)
    assert not Plan.objects.exists()
