"""The admin progress-update list: the same queries whatever the number of updates, newest
recorded first, and filtered by one action from the action's admin page."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import ActionFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:actions_progressupdate_changelist")
# Session, user, the partnership filter's choices, the count (up to a few pages), the page
# of updates with their actions and authors.
QUERIES_ON_UPDATE_LIST = 5


@pytest.mark.parametrize("count", [2, 30])
def test_the_admin_update_list_makes_the_same_queries_at_any_size(
    client, superuser, action, count, django_assert_num_queries
):
    author = UserFactory(first_name="Pat", last_name="Lee")
    for _ in range(count):
        ProgressUpdateFactory(action=action, author=author)
    client.force_login(superuser)
    ContentType.objects.clear_cache()
    with django_assert_num_queries(QUERIES_ON_UPDATE_LIST):
        response = client.get(URL)
    assert len(response.context["cl"].result_list) == count
    assert "Pat Lee" in response.text


def test_it_lists_the_newest_recorded_first(client, superuser, action):
    first, second = ProgressUpdateFactory(action=action), ProgressUpdateFactory(action=action)
    client.force_login(superuser)
    response = client.get(URL)
    assert list(response.context["cl"].result_list) == [second, first]


def test_the_action_page_links_to_its_updates_and_the_list_shows_only_those(
    client, superuser, action
):
    mine = ProgressUpdateFactory(action=action)
    ProgressUpdateFactory(action=ActionFactory())
    client.force_login(superuser)
    page = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    link = f"{URL}?action__id__exact={action.pk}"
    assert link in page.text
    response = client.get(link)
    assert list(response.context["cl"].result_list) == [mine]
