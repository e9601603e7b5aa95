import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from actions.models import Action
from partnerships.models import Partnership, Role
from performance.models import MeetingPack
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_seeds_and_creates_one_user_per_role():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Plan.objects.count() == 5
    assert set(Partnership.objects.values_list("name", flat=True)) == {
        "St Albans",
        "Dacorum",
        "North Herts",
    }
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    coordinator = users.get(username="coordinator")
    assert Role.objects.filter(user=coordinator, name="coordinator").count() == 3
    password = out.getvalue().split("Password: ")[1].split()[0]
    assert coordinator.check_password(password)


def test_running_the_demo_again_adds_nothing():
    call_command("load_demo", stdout=StringIO())
    counts = (Plan.objects.count(), Action.objects.count(), Role.objects.count())
    packs = list(MeetingPack.objects.values_list("plan__title", "issued_by__username"))
    call_command("load_demo", stdout=StringIO())
    assert counts == (Plan.objects.count(), Action.objects.count(), Role.objects.count())
    assert packs == list(MeetingPack.objects.values_list("plan__title", "issued_by__username"))


def test_the_demo_issues_one_meeting_pack_for_the_running_plan(monkeypatch):
    # A day inside the 2024-27 strategy, so that the test does not depend on the calendar.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2026, 12, 1))
    call_command("load_demo", stdout=StringIO())
    pack = MeetingPack.objects.get()
    assert (
        pack.plan.title
        == "St Albans City and District Community Safety Partnership Strategy 2024-2027"
    )
    assert pack.issued_by.username == "coordinator"
    assert pack.content
