import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db
FORMATS = [
    (
        "plans:export_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    (
        "plans:export_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
    ("plans:export_csv", "text/csv; charset=utf-8", ".csv"),
]


@pytest.fixture
def plan(partnership):
    return PlanFactory(partnership=partnership, title="Action plan 2025/26")


@pytest.mark.parametrize(("name", "content_type", "suffix"), FORMATS)
def test_a_viewer_downloads_the_plan(client, bob, plan, name, content_type, suffix):
    client.force_login(bob)
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="northfield-action-plan-202526{suffix}"'
    )


@pytest.mark.parametrize(("name", "content_type", "suffix"), FORMATS)
def test_an_outsider_is_refused_and_a_visitor_asked_to_sign_in(
    client, charlie, plan, name, content_type, suffix
):
    url = reverse(name, args=[plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(charlie)
    assert client.get(url).status_code == 403
    assert client.get(reverse(name, args=[plan.pk + 1000])).status_code == 404


@pytest.mark.parametrize(("name", "content_type", "suffix"), FORMATS)
@pytest.mark.parametrize("count", [3, 60])
def test_its_query_count_does_not_grow_with_actions(
    client, bob, plan, name, content_type, suffix, count, django_assert_num_queries
):
    priorities = [PriorityFactory(plan=plan) for _ in range(3)]
    for number in range(count):
        action = ActionFactory(plan=plan)
        action.priorities.set(priorities[: number % 3 + 1])
        ActionLeadFactory(action=action)
        ProgressUpdateFactory(action=action)
    client.force_login(bob)
    # session, user, plan, roles, priorities, actions, their leads, their priorities
    with django_assert_num_queries(8):
        client.get(reverse(name, args=[plan.pk]))


@pytest.mark.parametrize(("name", "content_type", "suffix"), FORMATS)
def test_the_plan_page_links_each_download(client, bob, plan, name, content_type, suffix):
    client.force_login(bob)
    page = client.get(plan.get_absolute_url()).text
    assert f'href="{reverse(name, args=[plan.pk])}"' in page
    assert f"({suffix})" in page
