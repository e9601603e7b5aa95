import datetime

import pytest
from django.template.defaultfilters import date as date_format
from django.urls import reverse
from django.utils.timezone import localtime

from actions import history
from actions.models import Action, Rag, Status
from tests.factories import ActionLeadFactory, AgencyFactory, MembershipFactory, PriorityFactory
from tests.personas import make_actions


def url(action):
    return reverse("actions:edit", args=[action.pk])


def form_data(action, **overrides):
    """What the edit form posts when opened on `action` and left as it is."""
    data = {
        "version": action.version,
        "title": action.title,
        "description": action.description,
        "priorities": [p.pk for p in action.priorities.all()],
        "lead_agencies": [lead.agency_id for lead in action.leads.all()],
        "partner_agencies": [a.pk for a in action.partner_agencies.all()],
        "target": action.target,
        "timescale": action.timescale,
        "start_date_0": "",
        "start_date_1": "",
        "start_date_2": "",
        "due_date_0": "",
        "due_date_1": "",
        "due_date_2": "",
        "status": action.status,
        "rag": action.rag,
    }
    data.update(overrides)
    return data


def test_it_saves_the_fields_and_links_and_raises_the_version(
    client, alice, action, plan, police, fire
):
    second = PriorityFactory(plan=plan, code="2", title="Reduce arson")
    client.force_login(alice)
    response = client.post(
        url(action),
        form_data(
            action,
            title="Run monthly surgeries",
            priorities=[second.pk],
            lead_agencies=[fire.pk, police.pk],
            due_date_0="31",
            due_date_1="3",
            due_date_2=str(plan.period_end.year),
            status=Status.IN_PROGRESS,
            rag=Rag.AMBER,
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Run monthly surgeries"
    assert action.due_date == datetime.date(plan.period_end.year, 3, 31)
    assert (action.status, action.rag, action.version) == (Status.IN_PROGRESS, Rag.AMBER, 2)
    assert list(action.priorities.all()) == [second]
    # Police led before; it stays first, the new lead follows.
    assert [lead.agency for lead in action.leads.all()] == [police, fire]


def test_the_history_records_who_changed_the_links(client, alice, action, fire):
    client.force_login(alice)
    client.post(url(action), form_data(action, title="First edit"))
    action.refresh_from_db()
    client.post(url(action), form_data(action, lead_agencies=[fire.pk]))
    latest = action.history.order_by("-history_date").first()
    assert latest.history_user == alice
    assert latest.lead_agency_names == "Northfield Fire and Rescue"
    page = client.get(action.get_absolute_url()).text
    assert "<strong>Lead agencies</strong>: Northfield Police <" in page
    assert "<strong>Action</strong>: Run crime prevention surgeries <" in page


class TestOptimisticLocking:
    def test_the_second_of_two_edits_from_the_same_version_is_refused_and_both_texts_kept(
        self, client, alice, frank, action
    ):
        opened_by_alice = form_data(action, title="Alice's title")
        opened_by_frank = form_data(action, title="Frank's title")
        client.force_login(alice)
        assert client.post(url(action), opened_by_alice).status_code == 302

        client.force_login(frank)
        response = client.post(url(action), opened_by_frank)

        assert response.status_code == 409
        action.refresh_from_db()
        assert action.title == "Alice's title"
        assert action.version == 2
        assert "Someone else saved this action after you opened it" in response.text
        assert "alice saved this action" in response.text
        differences = response.context["conflict"].differences
        assert [(d.label, d.yours, d.saved) for d in differences] == [
            ("Action", "Frank's title", "Alice's title")
        ]
        form = response.context["form"]
        assert form["title"].value() == "Frank's title"
        assert form["version"].value() == 2
        # The form edits the saved action, shown beside it with when it was saved.
        assert form.instance.pk == action.pk
        conflict = response.context["conflict"]
        assert conflict.saved.title == "Alice's title"
        saved_at = localtime(action.history.latest().history_date)
        assert f"on {date_format(saved_at, 'j F Y')} at {date_format(saved_at, 'H:i')}" in (
            response.text
        )

    def test_a_field_one_of_them_emptied_shows_as_blank(self, client, alice, frank, action):
        opened_by_frank = form_data(action, description="", target="Frank's target")
        client.force_login(alice)
        client.post(url(action), form_data(action, description="Alice's words", target=""))
        client.force_login(frank)
        response = client.post(url(action), opened_by_frank)
        differences = response.context["conflict"].differences
        assert [(d.yours, d.saved) for d in differences] == [
            ("(blank)", "Alice's words"),
            ("Frank's target", "(blank)"),
        ]

    def test_the_refusal_says_when_and_by_whom_the_saved_version_was_saved(
        self, client, alice, frank, action
    ):
        opened_by_frank = form_data(action, title="Frank's title")
        client.force_login(alice)
        client.post(url(action), form_data(action, title="Alice's title"))
        when = datetime.datetime(2030, 1, 2, 3, 4, tzinfo=datetime.UTC)  # after every other row
        action.history.filter(pk=action.history.latest().pk).update(history_date=when)
        client.force_login(frank)
        response = client.post(url(action), opened_by_frank)
        saved_at = localtime(when)
        assert response.context["conflict"].saved_at == when
        assert f"alice saved this action on {date_format(saved_at, 'j F Y')}" in response.text

    def test_an_action_without_history_is_refused_with_its_own_save_time(
        self, client, alice, frank, action
    ):
        # Actions written before the edit history existed have no history rows.
        opened_by_frank = form_data(action, title="Frank's title")
        client.force_login(alice)
        client.post(url(action), form_data(action, title="Alice's title"))
        action.history.all().delete()
        client.force_login(frank)
        response = client.post(url(action), opened_by_frank)
        assert response.status_code == 409
        conflict = response.context["conflict"]
        action.refresh_from_db()
        assert (conflict.saved_by, conflict.saved_at) == (history.NOBODY, action.updated_at)

    def test_the_differences_name_each_field_that_differs(
        self, client, alice, frank, action, plan, police, fire
    ):
        opened_by_frank = form_data(action, title="Frank's title")
        year = plan.period_end.year
        (priority,) = action.priorities.all()
        second = PriorityFactory(plan=plan, code="9", order=99, title="Reduce arson")
        client.force_login(alice)
        client.post(
            url(action),
            form_data(
                action,
                priorities=[priority.pk, second.pk],
                lead_agencies=[police.pk, fire.pk],
                due_date_0="31",
                due_date_1="3",
                due_date_2=str(year),
                status=Status.IN_PROGRESS,
                rag=Rag.AMBER,
            ),
        )
        client.force_login(frank)
        response = client.post(url(action), opened_by_frank)
        differences = response.context["conflict"].differences
        assert [(d.label, d.yours, d.saved) for d in differences] == [
            ("Action", "Frank's title", action.title),
            ("Due date (optional)", "(blank)", f"31 March {year}"),
            ("Status", action.get_status_display(), "In progress"),
            ("RAG rating", action.get_rag_display(), "Amber"),
            ("Priorities", priority.code, f"{priority.code}, 9"),
            ("Lead agencies", "Northfield Police", "Northfield Police, Northfield Fire and Rescue"),
        ]

    def test_saving_again_after_seeing_both_versions_replaces_the_saved_one(
        self, client, alice, frank, action
    ):
        opened_by_frank = form_data(action, title="Frank's title")
        client.force_login(alice)
        client.post(url(action), form_data(action, title="Alice's title"))
        client.force_login(frank)
        refused = client.post(url(action), opened_by_frank)
        again = refused.context["form"].data.copy()
        assert client.post(url(action), again).status_code == 302
        action.refresh_from_db()
        assert (action.title, action.version) == ("Frank's title", 3)

    def test_a_progress_update_since_the_form_was_opened_refuses_the_edit(
        self, client, alice, dora, action, today
    ):
        opened = form_data(action, title="Edited title")
        client.force_login(dora)
        client.post(
            reverse("actions:add_update", args=[action.pk]),
            {
                "text": "Started.",
                "date_0": today.day,
                "date_1": today.month,
                "date_2": today.year,
                "status": "in_progress",
                "rag": "green",
            },
        )
        client.force_login(alice)
        response = client.post(url(action), opened)
        assert response.status_code == 409
        action.refresh_from_db()
        assert (action.title, action.status) == ("Run crime prevention surgeries", "in_progress")

    def test_a_form_without_its_version_is_refused(self, client, alice, action):
        client.force_login(alice)
        response = client.post(url(action), form_data(action, version="", title="No version"))
        assert response.status_code == 409
        action.refresh_from_db()
        assert action.title == "Run crime prevention surgeries"


def test_it_refuses_a_due_date_before_the_start(client, alice, action):
    client.force_login(alice)
    response = client.post(
        url(action),
        form_data(
            action,
            start_date_0="1",
            start_date_1="6",
            start_date_2="2025",
            due_date_0="1",
            due_date_1="5",
            due_date_2="2025",
        ),
    )
    assert response.status_code == 200
    assert "The due date must be on or after the start date" in response.text
    action.refresh_from_db()
    assert action.version == 1


def test_it_offers_the_partnerships_agencies_and_those_the_action_names(
    client, alice, action, police, fire
):
    stranger = AgencyFactory(name="Agency of elsewhere")
    MembershipFactory(agency=stranger)
    named = AgencyFactory(name="Named in the imported plan")
    ActionLeadFactory(action=action, agency=named, order=1)
    client.force_login(alice)
    choices = {
        a.name for a in client.get(url(action)).context["form"].fields["lead_agencies"].queryset
    }
    assert choices == {
        "Northfield Police",
        "Northfield Fire and Rescue",
        "Named in the imported plan",
    }


def test_a_computed_plan_rates_the_action_on_save(client, alice, action, plan):
    plan.rag_method = "computed"
    plan.save()
    client.force_login(alice)
    assert 'name="rag"' not in client.get(url(action)).text
    data = form_data(action, status=Status.COMPLETED)
    data.pop("rag")
    client.post(url(action), data)
    action.refresh_from_db()
    assert action.rag == Rag.GREEN


@pytest.mark.parametrize("persona", ["dora", "bob", "charlie"])
def test_it_refuses_people_who_may_not_edit(client, action, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url(action), form_data(action, title="Changed"))
    assert response.status_code == 403
    assert Action.objects.get(pk=action.pk).title == "Run crime prevention surgeries"


@pytest.mark.parametrize("count", [10, 200])
def test_its_query_count_does_not_grow_with_actions(
    client, alice, plan, police, priority, count, django_assert_num_queries
):
    actions = make_actions(plan, count, agency=police, priority=priority)
    client.force_login(alice)
    with django_assert_num_queries(13):
        assert client.get(url(actions[0])).status_code == 200


def test_a_version_can_be_claimed_once(action):
    from actions.editing import claim_version

    assert claim_version(action.pk, 1) is True
    assert claim_version(action.pk, 1) is False
    action.refresh_from_db()
    assert action.version == 2
