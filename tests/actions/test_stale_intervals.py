import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action
from tests.factories import ActionFactory, PartnershipFactory, PlanFactory

TODAY = datetime.date(2026, 12, 1)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("partnerships", [3, 30])
def test_stale_reads_each_update_interval_once_however_many_partnerships(partnerships):
    places = [PartnershipFactory(update_interval_days=90) for _ in range(partnerships)]
    places[0].update_interval_days = 30
    places[0].save()
    plan = PlanFactory(
        partnership=places[0],
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    late = ActionFactory(plan=plan, start_date=datetime.date(2026, 10, 1))

    with CaptureQueriesContext(connection) as queries:
        stale = list(Action.objects.stale(TODAY))

    assert stale == [late]
    (read,) = [q["sql"] for q in queries if "update_interval_days" in q["sql"].split("FROM")[0]]
    with connection.cursor() as cursor:
        cursor.execute(read)
        assert len(cursor.fetchall()) == 2
