"""The action page's data (actions/pages.py): an exact number of queries, the same for a
few updates, edits and links as for many."""

import pytest

from actions.access import action_for_user
from actions.pages import action_page
from plans.models import Plan
from tests.factories import AgencyFactory, PriorityFactory, ProgressUpdateFactory

# lateness (with the update intervals), updates with authors, priorities, partners, the
# edit history; leads come with the action from its access helper.
ACTION_PAGE_QUERIES = 6


@pytest.mark.parametrize("count", [2, 20])
def test_the_action_page_reads_its_data_in_a_fixed_number_of_queries(
    rf, alice, action, plan, today, count, django_assert_num_queries
):
    plan.rag_method = Plan.RagMethod.COMPUTED
    plan.save()
    for number in range(count):
        ProgressUpdateFactory(action=action, author=alice, date=today, percent_complete=number)
        action.priorities.add(PriorityFactory(plan=plan))
        action.partner_agencies.add(AgencyFactory())
        action.title = f"Title {number}"
        action.save()
    request = rf.get("/")
    request.user = alice
    fetched = action_for_user(request, action.pk).action
    with django_assert_num_queries(ACTION_PAGE_QUERIES):
        page = action_page(fetched, today)
        shown = (
            len(page["priorities"]),
            len(page["partners"]),
            [lead.agency.name for lead in page["leads"]],
            len(page["timeline"]),
            page["computed_rag"].rag,
        )
    assert shown[:3] == (count + 1, count, ["Northfield Police"])
    assert shown[3] >= count
