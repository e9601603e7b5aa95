"""Actions alike in everything late_first() sorts by are listed by key, not in the order the
database happens to hold them, so a list (and its pages) keeps one order from one request to
the next. Found by mutation testing: dropping the final "pk" of late_first() went unnoticed
while the database's own order agreed with the keys."""

import datetime

from actions.models import Action
from tests.actions.test_queries import TODAY, year_plan  # noqa: F401 (a fixture)
from tests.factories import ActionFactory

D = datetime.date


def test_actions_equal_in_lateness_and_dates_are_listed_by_key(year_plan):  # noqa: F811
    # Written highest key first, so that the table's own order is the reverse of the keys'.
    first = ActionFactory(plan=year_plan)
    keys = [first.pk + 30, first.pk + 20, first.pk + 10]
    first.delete()
    for pk in keys:
        ActionFactory(pk=pk, plan=year_plan, start_date=D(2025, 9, 1), due_date=D(2025, 12, 1))
    ordered = Action.objects.with_lateness(TODAY).late_first()
    assert [action.pk for action in ordered] == sorted(keys)
