from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from actions.models import Action
from partnerships.models import Partnership, Role
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
    call_command("load_demo", stdout=StringIO())
    assert counts == (Plan.objects.count(), Action.objects.count(), Role.objects.count())
