"""The dict `import_document --json` prints for a document: a stable contract."""

import json

import pytest

from .conftest import SEEDS


@pytest.mark.parametrize("name", SEEDS)
def test_it_has_the_keys_of_the_contract_and_serialises(name, parsed):
    result = parsed(name).to_json()
    assert {
        "source",
        "layout",
        "partnership",
        "plan",
        "members",
        "priorities",
        "actions",
        "success_criteria",
        "figures",
        "warnings",
        "counts",
        "error",
    } <= set(result)
    assert result["error"] is None
    assert result["source"] == name
    json.dumps(result)
    for key in ("members", "priorities", "actions", "success_criteria", "figures", "warnings"):
        assert result["counts"][key] == len(result[key])


def test_plans_and_actions_have_iso_dates(parsed):
    result = parsed("dacorum-update-2011-12.txt").to_json()
    assert result["partnership"] == "Dacorum"
    assert {k: result["plan"][k] for k in ("title", "kind", "status", "start", "end")} == {
        "title": "Dacorum Community Safety Partnership 2011/12 Update on Activity Supporting "
        "Strategic Priorities",
        "kind": "update_report",
        "status": "published",
        "start": "2011-04-01",
        "end": "2012-03-31",
    }
    action = result["actions"][1]
    assert action == {
        "title": "Instigate Joint Agency activity over Halloween period",
        "priority_codes": ["1", "3", "6"],
        "lead_agencies": ["Hertfordshire Constabulary", "Dacorum Borough Council"],
        "target": "Reduce levels of ASB over this period",
        "timescale": "Pre Halloween to November 5 th 2012",
        "start": None,
        "due": "2012-11-05",
        "progress": ["120 young people spoken to – 35 litres of alcohol seized"],
        "status": "",
        "rag": "",
        "details": "",
    }


def test_figures_name_their_series_and_keep_exact_values(parsed):
    figures = parsed("dacorum-update-2011-12.txt").to_json()["figures"]
    assert figures[0] == {
        "indicator": "All crime: % change on previous year",
        "period_start": "2011-04-01",
        "period_end": "2012-03-26",
        "value": -11,
        "unit": "percent",
        "measure": "change",
        "partnership": "",
    }
    assert figures[3]["value"] == -10.2


def test_success_criteria_carry_their_flags(parsed):
    criteria = parsed("north-herts-plan-2008-11.txt").to_json()["success_criteria"]
    assert criteria[0] == {
        "priority_code": "1",
        "text": "Reduce the percentage of people surveyed who consider teenagers hanging around "
        "on the streets to be a big or fairly big problem by 4%",
        "associated": False,
        "laa": True,
        "target_value": 4,
        "target_unit": "percent",
    }
