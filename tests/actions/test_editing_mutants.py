"""The edit conflict's differences for every linked field with several values, and the
computed rating of a new action: cases mutation testing (mutmut) found untested in
actions/editing.py."""

import datetime

from django.urls import reverse

from actions.models import Action, Rag
from tests.actions.test_edit_action import form_data, url
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)


def member(partnership, name):
    agency = AgencyFactory(name=name)
    MembershipFactory(partnership=partnership, agency=agency, role="other_agency")
    return agency


def test_the_differences_list_several_priorities_and_agencies_in_their_order(
    client, alice, frank, action, plan, partnership, police, fire
):
    action.priorities.clear()
    two = PriorityFactory(plan=plan, code="2", order=1)
    ten = PriorityFactory(plan=plan, code="10", order=1)
    three = PriorityFactory(plan=plan, code="3", order=0)
    alpha, beta, gamma = (member(partnership, name) for name in ("Alpha", "Beta", "Gamma"))
    year = plan.period_end.year
    opened_by_frank = form_data(
        action,
        priorities=[three.pk, two.pk],
        lead_agencies=[police.pk, fire.pk],
        partner_agencies=[beta.pk, alpha.pk],
        due_date_0="31",
        due_date_1="3",
        due_date_2=str(year),
    )
    client.force_login(alice)
    client.post(
        url(action),
        form_data(
            action, priorities=[three.pk, ten.pk, two.pk], partner_agencies=[gamma.pk, beta.pk]
        ),
    )
    client.force_login(frank)
    response = client.post(url(action), opened_by_frank)
    differences = response.context["conflict"].differences
    assert [(d.label, d.yours, d.saved) for d in differences] == [
        ("Due date (optional)", f"31 March {year}", "(blank)"),
        ("Priorities", "3, 2", "3, 10, 2"),
        ("Lead agencies", "Northfield Police, Northfield Fire and Rescue", "Northfield Police"),
        ("Partner agencies", "Alpha, Beta", "Beta, Gamma"),
    ]


def test_a_new_action_in_a_computed_plan_is_rated_as_of_today(client, alice, plan, today):
    plan.rag_method = "computed"
    plan.save()
    due = today - datetime.timedelta(days=1)
    client.force_login(alice)
    client.post(
        reverse("actions:add", args=[plan.pk]),
        {
            "title": "New",
            "status": "in_progress",
            "due_date_0": str(due.day),
            "due_date_1": str(due.month),
            "due_date_2": str(due.year),
        },
    )
    assert Action.objects.get(title="New").rag == Rag.RED


def test_an_edit_claims_only_its_own_actions_version(client, alice, action, plan):
    other = ActionFactory(plan=plan, version=action.version)
    client.force_login(alice)
    client.post(url(action), form_data(action, title="Renamed"))
    action.refresh_from_db()
    other.refresh_from_db()
    assert (action.title, action.version, other.version) == ("Renamed", 2, 1)


def test_an_edit_in_a_computed_plan_rates_with_the_latest_percent_as_of_today(
    client, alice, partnership, today
):
    plan = PlanFactory(
        partnership=partnership,
        period_start=today - datetime.timedelta(days=50),
        period_end=today + datetime.timedelta(days=50),
        rag_method="computed",
    )
    on_track = ActionFactory(plan=plan, status="in_progress")
    ProgressUpdateFactory(action=on_track, date=today, percent_complete=100)
    overdue = ActionFactory(plan=plan, status="in_progress", due_date=today - datetime.timedelta(1))
    Action.objects.update(rag=Rag.AMBER)
    client.force_login(alice)
    for action in (on_track, overdue):
        action.refresh_from_db()
        data = form_data(action)
        data.pop("rag")
        if action.due_date:
            due = action.due_date
            data.update(
                due_date_0=str(due.day), due_date_1=str(due.month), due_date_2=str(due.year)
            )
        client.post(url(action), data)
    # Half the time has passed: 100% reported is on track, none reported would be red.
    assert Action.objects.get(pk=on_track.pk).rag == Rag.GREEN
    assert Action.objects.get(pk=overdue.pk).rag == Rag.RED
