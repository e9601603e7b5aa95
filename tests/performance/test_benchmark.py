import json
import time
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from actions.models import Action
from partnerships import sessions
from partnerships.scale_data import generate
from performance import benchmark
from performance.benchmark import BenchmarkError, Page

pytestmark = pytest.mark.django_db
PAGES = ["home", "my actions", "action list", "action list, filtered", "action list, searched"]
PAGES += ["action list, page 50", "action list, by last update, page 50", "action"]
PAGES += ["add update", "add update, saved", "plan", "priority", "partnership", "dashboard"]
PAGES += ["county comparison", "meeting pack", "export, Word", "export, Excel", "export, CSV"]
PAGES += ["admin action list", "admin action search", "admin action", "admin update list"]
ADMIN_PAGES = {"admin action list", "admin action search", "admin action", "admin update list"}
WRITING_PAGES = {"add update", "add update, saved"}


@pytest.fixture
def generated():
    generate(2, 1, seed=4)


def every_table():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_it_measures_every_page_for_its_users_and_changes_nothing(generated):
    tables = every_table()
    last_updates = list(Action.objects.order_by("pk").values_list("last_update_on", flat=True))

    figures = benchmark.run(repeats=1)

    assert set(figures) == {"baseline", "pages"}
    assert figures["baseline"]["name"] == "bare list of 50 actions"
    assert figures["baseline"]["median_ms"] > 0
    rows = figures["pages"]
    assert all(
        set(row) == {"name", "user", "url", "queries", "median_ms", "p95_ms"} for row in rows
    )
    assert all(row["queries"] > 0 and row["p95_ms"] >= row["median_ms"] > 0 for row in rows)
    users = {}
    for row in rows:
        users.setdefault(row["name"], set()).add(row["user"])
    assert list(users) == PAGES
    everyone = {"superuser", "county viewer", "coordinator"}
    for name, measured_as in users.items():
        if name in ADMIN_PAGES:
            assert measured_as == {"superuser"}, name
        elif name in WRITING_PAGES:
            assert measured_as == {"superuser", "coordinator"}, name
        else:
            assert measured_as == everyone, name
    assert every_table() == tables
    assert list(Action.objects.order_by("pk").values_list("last_update_on", flat=True)) == (
        last_updates
    )


def test_it_names_the_page_that_does_not_answer(generated, monkeypatch):
    monkeypatch.setattr(benchmark, "pages", lambda subjects: [Page("nowhere", "/nowhere/")])

    with pytest.raises(BenchmarkError, match=r"nowhere as superuser \(/nowhere/\) answered 404"):
        benchmark.run(repeats=1)


def test_it_says_a_saved_update_that_did_not_save_is_a_failure(generated, monkeypatch):
    real_pages = benchmark.pages

    def refused_update(subjects):
        saved = next(page for page in real_pages(subjects) if page.name == "add update, saved")
        return [Page(saved.name, saved.url, saved.users, post={"text": ""})]

    monkeypatch.setattr(benchmark, "pages", refused_update)

    with pytest.raises(BenchmarkError, match="add update, saved as superuser .* answered 200"):
        benchmark.run(repeats=1)


def test_the_command_prints_one_json_object(generated):
    out = StringIO()
    call_command("benchmark", "--json", "--repeats", "2", "--only", "partnership", stdout=out)

    figures = json.loads(out.getvalue())
    assert {(row["name"], row["user"]) for row in figures["pages"]} == {
        ("partnership", "superuser"),
        ("partnership", "county viewer"),
        ("partnership", "coordinator"),
    }


def test_the_command_prints_a_table_with_the_multiple_of_the_baseline(generated):
    out = StringIO()
    call_command("benchmark", "--repeats", "1", "--only", "home", stdout=out)

    assert "x base" in out.getvalue()
    assert out.getvalue().count("\nhome ") == 3


def test_the_command_refuses_a_database_without_people_to_measure_as():
    with pytest.raises(CommandError, match="generate_scale_data"):
        call_command("benchmark", "--json", stdout=StringIO())


def test_a_page_counts_the_same_queries_late_in_a_run_as_early(generated, monkeypatch):
    # Late in a run the sessions were signed in minutes ago, and the idle timeout renews a
    # session last used over a minute ago (3 queries). Each request is rolled back, its
    # renewal with it, so that renewal must not be counted as the page's.
    early = benchmark.run(repeats=1, only="partnership")
    signed_in = benchmark._client_for

    def signed_in_ten_minutes_ago(user):
        client = signed_in(user)
        session = client.session
        session[sessions.USED_KEY] = int(time.time()) - 10 * 60
        session.save()
        return client

    monkeypatch.setattr(benchmark, "_client_for", signed_in_ten_minutes_ago)
    late = benchmark.run(repeats=1, only="partnership")
    assert [row["queries"] for row in late["pages"]] == [row["queries"] for row in early["pages"]]
