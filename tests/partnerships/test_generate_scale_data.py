import datetime
import hashlib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Max, Min

from actions.models import Action, ActionLead, ProgressUpdate
from partnerships.models import Agency, Membership, Partnership, Role
from partnerships.scale_data import SUPERUSER, ScaleDataError, generate
from performance.models import Observation
from performance.police_data import ALL_CRIME, CRIME_TYPES
from plans.models import Plan, Priority

TODAY = datetime.date(2026, 12, 1)
pytestmark = pytest.mark.django_db


def test_it_builds_plans_of_about_sixty_actions_with_about_eight_updates_each():
    generate(2, 2, seed=1, today=TODAY)

    assert Partnership.objects.count() == 2
    plans = Plan.objects.annotate(
        actions_held=Count("actions", distinct=True),
        priorities_held=Count("priorities", distinct=True),
    )
    assert [str(plan.period_start) for plan in plans.order_by("period_start")[::2]] == [
        "2025-04-01",
        "2026-04-01",
    ]
    assert all(50 <= plan.actions_held <= 70 for plan in plans)
    assert all(5 <= plan.priorities_held <= 8 for plan in plans)
    per_action = Action.objects.annotate(n=Count("updates")).aggregate(Min("n"), Max("n"))
    assert (per_action["n__min"], per_action["n__max"]) == (6, 10)
    assert not Action.objects.filter(leads__isnull=True).exists()
    assert not Action.objects.filter(priorities__isnull=True).exists()
    assert not ProgressUpdate.objects.filter(date__gte=TODAY).exists()


def test_it_stores_each_actions_last_update_date():
    generate(1, 2, seed=1, today=TODAY)

    newest = Action.objects.annotate(newest=Max("updates__date"))
    assert newest.count() > 100
    assert all(action.last_update_on == action.newest for action in newest)


def test_it_writes_a_created_history_row_for_every_action_and_update():
    generate(1, 1, seed=1, today=TODAY)

    assert Action.history.filter(history_type="+").count() == Action.objects.count()
    assert ProgressUpdate.history.count() == ProgressUpdate.objects.count()
    assert Plan.history.count() == Plan.objects.count()
    action = Action.objects.order_by("pk").first()
    version = action.history.get()
    leads = ", ".join(action.leads.order_by("order").values_list("agency__name", flat=True))
    assert version.lead_agency_names == leads
    assert version.history_date.date() == action.plan.period_start


def test_it_groups_partnerships_in_counties_of_ten_sharing_their_agencies():
    generate(12, 1, seed=1, today=TODAY)

    counties = Partnership.objects.values("county").annotate(n=Count("pk")).order_by("-n")
    assert [row["n"] for row in counties] == [10, 2]
    place = Partnership.objects.order_by("pk").first()
    members = Membership.objects.filter(partnership=place)
    assert members.count() == 9
    assert members.filter(agency__name=f"{place.county} Police").exists()
    leads = ActionLead.objects.filter(action__plan__partnership=place)
    led_by = set(leads.values_list("agency_id", flat=True))
    assert led_by and led_by <= set(members.values_list("agency_id", flat=True))


def test_it_gives_each_partnership_its_people_and_each_county_a_viewer_of_all_of_it():
    generate(12, 1, seed=1, today=TODAY)

    users = get_user_model().objects
    assert users.get(username=SUPERUSER).is_superuser
    place = Partnership.objects.order_by("pk").first()
    held = dict(Role.objects.filter(partnership=place).values_list("user__username", "name"))
    assert held == {
        f"viewer-{place.county.lower()}": "viewer",
        f"coordinator-{place.slug}": "coordinator",
        f"admin-{place.slug}": "partnership_admin",
        f"police-{place.slug}": "agency_officer",
        f"council-{place.slug}": "agency_officer",
    }
    viewer = users.get(username=f"viewer-{place.county.lower()}")
    in_county = Partnership.objects.filter(county=place.county)
    assert set(viewer.partnership_roles.values_list("partnership", flat=True)) == set(
        in_county.values_list("pk", flat=True)
    )
    assert not users.exclude(password__startswith="!").exists()


def test_it_records_every_police_crime_type_monthly_until_last_month():
    generate(1, 2, seed=1, today=TODAY)

    months = 20  # April 2025 to November 2026
    assert Observation.objects.count() == months * (len(CRIME_TYPES) + 1)
    assert Observation.objects.aggregate(Max("period_start")) == {
        "period_start__max": datetime.date(2026, 11, 1)
    }
    month = Observation.objects.filter(period_start=datetime.date(2026, 1, 1))
    total = month.get(indicator__police_category=ALL_CRIME).value
    crimes = month.exclude(indicator__police_category__in=[ALL_CRIME, "Anti-social behaviour"])
    assert total == sum(crimes.values_list("value", flat=True))


def test_it_refuses_a_database_that_holds_partnerships_and_changes_nothing():
    generate(1, 1, seed=1, today=TODAY)
    before = Action.objects.count(), ProgressUpdate.objects.count(), Agency.objects.count()

    with pytest.raises(ScaleDataError, match="already holds partnerships"):
        generate(1, 1, seed=2, today=TODAY)

    assert (Action.objects.count(), ProgressUpdate.objects.count(), Agency.objects.count()) == (
        before
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite refuses parallel writers")
def test_it_refuses_several_workers_on_sqlite():
    with pytest.raises(ScaleDataError, match="--workers needs PostgreSQL"):
        generate(1, 1, seed=1, today=TODAY, workers=2)

    assert not Partnership.objects.exists()


def test_the_command_says_why_it_refuses():
    generate(1, 1, seed=1, today=TODAY)

    with pytest.raises(CommandError, match="empty, migrated database only"):
        call_command("generate_scale_data", partnerships=1, years=1, stdout=StringIO())


def test_the_command_reports_what_it_wrote():
    out = StringIO()
    call_command("generate_scale_data", partnerships=1, years=1, seed=3, stdout=out)

    assert f"{Action.objects.count():>10,}  actions.Action" in out.getvalue()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate(2, 1, seed=7, today=TODAY)
    first = _fingerprint()
    _remove_generated()
    generate(2, 1, seed=7, today=TODAY)
    again = _fingerprint()
    _remove_generated()
    generate(2, 1, seed=8, today=TODAY)

    assert first == again
    assert _fingerprint() != first


def _fingerprint() -> str:
    """Everything generated, by natural keys rather than primary keys."""
    rows = [
        *Partnership.objects.order_by("name").values_list("name", "county", "update_interval_days"),
        *Priority.objects.order_by(
            "plan__partnership__name", "plan__period_start", "order"
        ).values_list("plan__title", "code", "title"),
        *Action.objects.order_by(
            "plan__partnership__name", "plan__period_start", "order"
        ).values_list("plan__title", "title", "status", "rag", "due_date", "last_update_on"),
        *ActionLead.objects.order_by("action__plan__title", "action__order", "order").values_list(
            "action__title", "agency__name"
        ),
        *ProgressUpdate.objects.order_by(
            "action__plan__title", "action__order", "date", "text"
        ).values_list("action__title", "date", "text", "author__username", "percent_complete"),
        *Observation.objects.order_by(
            "partnership__name", "indicator__name", "period_start"
        ).values_list("partnership__name", "indicator__name", "period_start", "value"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _remove_generated():
    Partnership.objects.all().delete()
    for model in (Action, ProgressUpdate, Plan, Priority, Partnership, Observation, Role):
        model.history.all().delete()
    get_user_model().objects.all().delete()
    Agency.objects.filter(name__contains="dale").delete()
