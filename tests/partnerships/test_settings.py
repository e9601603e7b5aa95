import datetime

from django.urls import reverse

from actions.models import Rag, Status
from tests.factories import ActionFactory, ProgressUpdateFactory

URL = reverse("partnerships:settings", args=["northfield"])


def data(**overrides):
    values = {
        "update_interval_days": "60",
        "rag_amber_gap": "10",
        "rag_red_gap": "25",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
    }
    values.update(overrides)
    return values


def test_a_partnership_admin_changes_the_update_interval(client, frank, partnership):
    client.force_login(frank)
    response = client.post(URL, data(update_interval_days="30", website="www.example.org"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.update_interval_days == 30
    assert partnership.website == "https://www.example.org"


def test_new_thresholds_rate_computed_actions_at_once(client, frank, plan, today):
    plan.rag_method = "computed"
    plan.period_start = today - datetime.timedelta(days=50)
    plan.period_end = today + datetime.timedelta(days=50)
    plan.save()
    action = ActionFactory(plan=plan, status=Status.IN_PROGRESS, rag=Rag.GREEN)
    ProgressUpdateFactory(action=action, date=today, percent_complete=40)  # 10 points behind
    client.force_login(frank)
    client.post(URL, data(rag_amber_gap="5", rag_red_gap="8"))
    action.refresh_from_db()
    assert action.rag == Rag.RED


def test_red_must_not_start_before_amber(client, frank, partnership):
    client.force_login(frank)
    response = client.post(URL, data(rag_amber_gap="30", rag_red_gap="20"))
    assert "Red must start at or beyond amber" in response.text
    partnership.refresh_from_db()
    assert partnership.rag_amber_gap == 10


def test_the_interval_is_at_least_a_day(client, frank, partnership):
    client.force_login(frank)
    response = client.post(URL, data(update_interval_days="0"))
    assert "The update interval must be at least 1 day" in response.text


def test_a_coordinator_cannot_change_the_settings(client, alice, partnership):
    client.force_login(alice)
    assert client.post(URL, data(update_interval_days="7")).status_code == 403
    partnership.refresh_from_db()
    assert partnership.update_interval_days == 90
