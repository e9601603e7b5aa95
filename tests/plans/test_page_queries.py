"""The plan and priority pages' data (plans/pages.py): an exact number of queries, the same
for a few actions as for many."""

import pytest

from plans.pages import plan_page, priority_page
from tests.factories import PriorityFactory, SuccessCriterionFactory
from tests.personas import *  # noqa: F403
from tests.personas import make_actions

# plan_page: actions (lateness by the plan's partnership's interval, read with the plan),
# their leads, the action-priority links, the plan's priorities.
PLAN_PAGE_QUERIES = 4
# priority_page: its actions, their leads, its success criteria.
PRIORITY_PAGE_QUERIES = 3
# Django asks for no leads of no actions: one query fewer, whatever else the plan holds.
WITHOUT_ACTIONS = 1


@pytest.mark.parametrize("count", [2, 25])
def test_the_plan_page_reads_its_data_in_a_fixed_number_of_queries(
    plan, priority, police, today, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    make_actions(plan, count, agency=police)  # under no priority
    PriorityFactory(plan=plan, code="2")
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        page = plan_page(plan, today)
        sections = [(s.priority, len(s.actions), s.rag_counts.total) for s in page.sections]
    assert page.action_count == 2 * count
    assert [(p.code if p else None, n, total) for p, n, total in sections] == [
        ("1", count, count),
        ("2", 0, 0),
        (None, count, count),
    ]


@pytest.mark.parametrize("count", [2, 25])
def test_the_priority_page_reads_its_data_in_a_fixed_number_of_queries(
    plan, priority, police, today, count, django_assert_num_queries
):
    make_actions(plan, count, agency=police, priority=priority)
    SuccessCriterionFactory.create_batch(count, priority=priority)
    SuccessCriterionFactory(priority=priority, associated=True)
    with django_assert_num_queries(PRIORITY_PAGE_QUERIES):
        page = priority_page(priority, today)
        leads = [lead.agency.name for action in page.actions for lead in action.leads.all()]
    assert len(page.actions) == count
    assert leads == ["Northfield Police"] * count
    assert (len(page.primary_criteria), len(page.associated_criteria)) == (count, 1)


def test_the_plan_page_of_a_plan_without_actions_reads_no_leads(
    plan, priority, today, django_assert_num_queries
):
    PriorityFactory(plan=plan, code="2")
    with django_assert_num_queries(PLAN_PAGE_QUERIES - WITHOUT_ACTIONS):
        page = plan_page(plan, today)
    assert [(s.priority.code, s.actions) for s in page.sections] == [("1", []), ("2", [])]
    assert page.action_count == 0


def test_the_priority_page_of_a_priority_without_actions_reads_no_leads(
    plan, priority, police, today, django_assert_num_queries
):
    make_actions(plan, 3, agency=police)  # in the plan, under no priority
    SuccessCriterionFactory(priority=priority)
    with django_assert_num_queries(PRIORITY_PAGE_QUERIES - WITHOUT_ACTIONS):
        page = priority_page(priority, today)
    assert page.actions == []
    assert len(page.primary_criteria) == 1
