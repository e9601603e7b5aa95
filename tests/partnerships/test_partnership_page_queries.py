"""A partnership's page data (partnerships/pages.py): an exact number of queries, the same
for a few agencies and plans as for many."""

import datetime

import pytest

from partnerships.pages import partnership_page
from tests.factories import AgencyFactory, MembershipFactory, PlanFactory

# memberships with their agencies, plans (the user's roles are read by the access helper)
PARTNERSHIP_PAGE_QUERIES = 2


@pytest.mark.parametrize("count", [2, 20])
def test_the_partnership_page_reads_its_data_in_a_fixed_number_of_queries(
    alice, partnership, count, django_assert_num_queries
):
    today = datetime.date(2026, 1, 1)
    for number in range(count):
        MembershipFactory(partnership=partnership, agency=AgencyFactory())
        MembershipFactory(
            partnership=partnership, agency=AgencyFactory(), from_year=2010, to_year=2012
        )
        PlanFactory(
            partnership=partnership,
            period_start=datetime.date(2010 + number, 4, 1),
            period_end=datetime.date(2011 + number, 3, 31),
        )
    PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    alice.has_perm("partnerships.view_partnership", partnership)  # as the helper does
    with django_assert_num_queries(PARTNERSHIP_PAGE_QUERIES):
        page = partnership_page(partnership, alice, today)
        names = [m.agency.name for m in page["current_members"] + page["former_members"]]
    assert (len(page["current_members"]), len(page["former_members"])) == (count, count)
    assert len(names) == 2 * count
    assert len(page["current_plans"]) == 1 + sum(2011 + n >= 2026 for n in range(count))
    assert page["my_roles"] == ["Coordinator"]
