"""The meeting pack: its six sections in order, from hand-built data; issuing it; an issued
pack unchanged by later edits; the next pack's comparison with it; who may see and issue."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Rag, Status
from performance.meeting_pack import build_pack, default_period, issue_pack, rag_change
from performance.models import MeetingPack
from performance.periods import Period
from tests.factories import (
    ActionFactory,
    ActionLeadFactory,
    AgencyFactory,
    IndicatorFactory,
    ObservationFactory,
    PlanFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
Q2 = Period.quarter(2026, 2)  # July to September 2026
BEFORE_THE_PERIOD = timezone.make_aware(datetime.datetime(2026, 6, 1, 12, 0))


@pytest.fixture
def pack_plan(partnership):
    """A running plan: one red, one amber, three green, one overdue unrated, one completed."""
    plan = PlanFactory(
        partnership=partnership,
        title="Northfield action plan 2026/27",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    burglary = PriorityFactory(plan=plan, code="1", title="Reduce burglary", order=1)
    asb = PriorityFactory(plan=plan, code="2", title="Tackle anti-social behaviour", order=2)
    police = AgencyFactory(name="Northfield Police")
    specs = [
        ("Amber patrols in the town centre", Rag.AMBER, Status.IN_PROGRESS, None, [asb]),
        (
            "Red: a burglary operation " + "over the winter months " * 6,
            Rag.RED,
            Status.IN_PROGRESS,
            datetime.date(2026, 10, 1),
            [burglary],
        ),
        ("Green one", Rag.GREEN, Status.IN_PROGRESS, None, [burglary]),
        ("Green two", Rag.GREEN, Status.IN_PROGRESS, None, [burglary]),
        ("Green three", Rag.GREEN, Status.IN_PROGRESS, None, [asb]),
        ("Unrated and overdue", Rag.NONE, Status.IN_PROGRESS, datetime.date(2026, 11, 1), []),
        ("Finished the survey", Rag.NONE, Status.COMPLETED, None, [asb]),
    ]
    for order, (title, rag, _status, due, priorities) in enumerate(specs):
        action = ActionFactory(
            plan=plan,
            title=title,
            rag=Rag.AMBER if rag == Rag.RED else rag,
            status=Status.IN_PROGRESS,
            due_date=due,
            order=order,
        )
        action.priorities.set(priorities)
        ActionLeadFactory(action=action, agency=police)
        ProgressUpdateFactory(action=action, date=TODAY, text=f"Latest on {title[:10]}")
    # As the actions stood before the period: the red one was amber, none completed.
    Action.history.filter(plan_id=plan.pk).update(history_date=BEFORE_THE_PERIOD)
    for title, rag, status, *_ in specs:
        action = Action.objects.get(plan=plan, title=title)
        if (action.rag, action.status) != (rag, status):
            action.rag, action.status = rag, status
            action.save()
    return plan


@pytest.fixture
def crime(partnership):
    burglary = IndicatorFactory(name="Burglary")
    for period, value in ((Q2, 90), (Q2.previous(), 100), (Q2.year_before(), 120)):
        ObservationFactory(
            indicator=burglary,
            partnership=partnership,
            value=value,
            period_start=period.start,
            period_end=period.end,
        )
    old = IndicatorFactory(name="Shoplifting")
    old_period = Period.quarter(2025, 1)
    ObservationFactory(
        indicator=old,
        partnership=partnership,
        value=30,
        period_start=old_period.start,
        period_end=old_period.end,
    )
    return burglary


def titles(rows):
    return [row["title"] for row in rows]


def test_the_default_period_is_the_quarter_just_ended(pack_plan):
    assert default_period(pack_plan, TODAY) == Q2


def test_an_ended_plan_defaults_to_its_last_quarter(partnership):
    ended = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )
    assert default_period(ended, TODAY) == Period.quarter(2019, 4)


def test_the_headline_counts_now_and_at_the_start_of_the_period(pack_plan):
    pack = build_pack(pack_plan, Q2, TODAY)
    headline = pack["headline"]
    counts = {item["rag"]: (item["now"], item["before"]) for item in headline["rag"]}
    assert counts == {"red": (1, 0), "amber": (1, 2), "green": (3, 3), "none": (2, 2)}
    assert headline["completed_since"] == 1
    assert headline["overdue"] == 2
    assert headline["total"] == 7
    assert pack["baseline"]["kind"] == "history"
    assert pack["as_at_label"] == "1 December 2026"


def test_exceptions_list_red_before_amber_with_their_rag_change_and_update(pack_plan):
    exceptions = build_pack(pack_plan, Q2, TODAY)["exceptions"]
    assert [row["rag"] for row in exceptions] == ["red", "amber"]
    red = exceptions[0]
    assert red["title"].endswith("over the winter months ")  # never cut
    assert red["leads"] == ["Northfield Police"]
    assert red["due"] == "1 Oct 2026"
    assert red["change"] == {"direction": "down", "words": "Worse: was amber, now red"}
    assert red["latest"]["text"] == "Latest on Red: a bur"
    assert exceptions[1]["change"] == {"direction": "same", "words": "No change: amber"}


def test_late_actions_leave_out_those_already_listed_as_exceptions(pack_plan):
    late = build_pack(pack_plan, Q2, TODAY)["late"]
    assert titles(late) == ["Unrated and overdue"]
    assert late[0]["why"] == "Overdue"


def test_completed_since_and_green_counts_per_priority(pack_plan):
    pack = build_pack(pack_plan, Q2, TODAY)
    assert titles(pack["completed"]) == ["Finished the survey"]
    assert [(row["code"], row["count"]) for row in pack["green_by_priority"]] == [
        ("1", 2),
        ("2", 1),
    ]


def test_crime_figures_say_better_or_worse_and_note_old_figures(pack_plan, crime):
    rows = {row["indicator"]: row for row in build_pack(pack_plan, Q2, TODAY)["crime"]}
    burglary = rows["Burglary"]
    assert burglary["period"] == Q2.label
    assert burglary["previous"]["change"] == "-10 (-10.0%)"
    assert burglary["previous"]["judgement"] == "Better"
    assert burglary["last_year"]["judgement"] == "Better"
    assert burglary["age_note"] is None
    assert "ended 30 June 2025, 17 months ago" in rows["Shoplifting"]["age_note"]


@pytest.mark.parametrize(
    ("before", "now", "direction", "words"),
    [
        ("red", "amber", "up", "Better: was red, now amber"),
        ("green", "amber", "down", "Worse: was green, now amber"),
        ("green", "green", "same", "No change: green"),
        (None, "red", "new", "Newly rated: was not rated, now red"),
        ("none", "green", "new", "Newly rated: was not rated, now green"),
    ],
)
def test_rag_changes_are_said_in_words(before, now, direction, words):
    found = rag_change({"rag": before, "status": "in_progress"} if before else None, now)
    assert found == {"direction": direction, "words": words}


def test_the_page_shows_the_six_sections_in_order(client, bob, pack_plan, crime):
    client.force_login(bob)
    url = reverse("performance:meeting_pack", args=[pack_plan.pk])
    body = client.get(url, {"period": Q2.key}).content.decode()
    headings = [
        "1. Headline",
        "2. Red and amber actions",
        "3. Overdue and stale actions not listed above",
        "4. Completed since the previous pack",
        "5. Crime figures",
        "6. Green actions by priority",
    ]
    positions = [body.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert body.index("Red: a burglary") < body.index("Amber patrols") < positions[2]
    assert "Worse: was amber, now red" in body
    assert "Green one" not in body  # green actions are counted, not listed
    assert "Issue this pack" not in body  # a viewer may not issue


def test_a_coordinator_issues_the_pack_for_a_meeting(client, alice, pack_plan):
    client.force_login(alice)
    url = reverse("performance:issue_meeting_pack", args=[pack_plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"meeting_date_0": 10, "meeting_date_1": 12, "meeting_date_2": 2026, "period": Q2.key}
    )
    pack = MeetingPack.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("performance:issued_pack", args=[pack.pk])
    assert pack.meeting_date == datetime.date(2026, 12, 10)
    assert (pack.period_start, pack.issued_by) == (Q2.start, alice)
    assert titles(pack.content["exceptions"])[1] == "Amber patrols in the town centre"


def test_a_meeting_date_that_is_not_a_date_is_refused_and_nothing_issued(client, alice, pack_plan):
    client.force_login(alice)
    url = reverse("performance:issue_meeting_pack", args=[pack_plan.pk])
    response = client.post(
        url, {"meeting_date_0": 31, "meeting_date_1": 2, "meeting_date_2": 2026, "period": "x"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date" in body
    assert "Choose one of the periods listed" in body
    assert not MeetingPack.objects.exists()


def test_a_viewer_may_not_issue_a_pack(client, bob, pack_plan):
    client.force_login(bob)
    url = reverse("performance:issue_meeting_pack", args=[pack_plan.pk])
    response = client.post(
        url, {"meeting_date_0": 10, "meeting_date_1": 12, "meeting_date_2": 2026, "period": Q2.key}
    )
    assert response.status_code == 403
    assert not MeetingPack.objects.exists()


def test_an_outsider_sees_neither_the_pack_nor_an_issued_pack(client, charlie, pack_plan, alice):
    pack = issue_pack(pack_plan, Q2, TODAY, alice, TODAY)
    client.force_login(charlie)
    for url in (
        reverse("performance:meeting_pack", args=[pack_plan.pk]),
        reverse("performance:issued_pack", args=[pack.pk]),
        reverse("performance:issued_pack_docx", args=[pack.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert b"Amber patrols" not in response.content


def test_an_issued_pack_is_unchanged_by_later_edits(client, bob, alice, pack_plan):
    pack = issue_pack(pack_plan, Q2, datetime.date(2026, 12, 10), alice, TODAY)
    issued_content = MeetingPack.objects.get(pk=pack.pk).content
    amber = Action.objects.get(plan=pack_plan, title="Amber patrols in the town centre")
    amber.title = "Renamed patrols"
    amber.rag = Rag.GREEN
    amber.save()
    ProgressUpdateFactory(action=amber, date=TODAY, text="A later update")
    pack.refresh_from_db()
    assert pack.content == issued_content
    client.force_login(bob)
    body = client.get(reverse("performance:issued_pack", args=[pack.pk])).content.decode()
    assert "Amber patrols in the town centre" in body
    assert "Renamed patrols" not in body and "A later update" not in body
    assert "Issued for the meeting on 10 December 2026" in body


def test_the_next_pack_compares_with_the_last_issued_pack(alice, pack_plan):
    issue_pack(pack_plan, Q2, datetime.date(2026, 12, 10), alice, TODAY)
    amber = Action.objects.get(plan=pack_plan, title="Amber patrols in the town centre")
    amber.rag = Rag.RED
    amber.save()
    red = Action.objects.get(plan=pack_plan, rag=Rag.RED, due_date=datetime.date(2026, 10, 1))
    red.rag = Rag.AMBER
    red.save()
    green = Action.objects.get(plan=pack_plan, title="Green one")
    green.status = Status.COMPLETED
    green.save()
    later = build_pack(pack_plan, Period.quarter(2026, 3), datetime.date(2027, 1, 5))
    assert later["baseline"]["kind"] == "pack"
    assert later["baseline"]["meeting_date"] == "10 December 2026"
    changes = {row["title"][:5]: row["change"]["words"] for row in later["exceptions"]}
    assert changes == {"Amber": "Worse: was amber, now red", "Red: ": "Better: was red, now amber"}
    counts = {item["rag"]: (item["now"], item["before"]) for item in later["headline"]["rag"]}
    assert counts["red"] == (1, 1) and counts["amber"] == (1, 1)
    assert titles(later["completed"]) == ["Green one"]  # the survey was done before that pack


def test_the_pack_downloads_as_a_word_document_with_the_sections(client, bob, pack_plan):
    client.force_login(bob)
    response = client.get(reverse("performance:meeting_pack_docx", args=[pack_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "1. Headline",
        "2. Red and amber actions",
        "3. Overdue and stale actions not listed above",
        "4. Completed since the previous pack",
        "5. Crime figures",
        "6. Green actions by priority",
    ]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Worse: was amber, now red" in cells
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Northfield Community Safety Partnership · Northfield action plan")


def test_issued_packs_are_listed_by_meeting_date(client, bob, alice, pack_plan):
    for day in (3, 24, 10):
        issue_pack(pack_plan, Q2, datetime.date(2026, 11, day), alice, TODAY)
    client.force_login(bob)
    body = client.get(reverse("performance:meeting_pack", args=[pack_plan.pk])).content.decode()
    found = [body.index(f"Meeting on {day} November 2026") for day in (24, 10, 3)]
    assert found == sorted(found)


def big_plan(partnership, count):
    plan = PlanFactory(partnership=partnership)
    priorities = [PriorityFactory(plan=plan) for _ in range(3)]
    police = AgencyFactory(name="Northfield Police")
    for number in range(count):
        action = ActionFactory(
            plan=plan,
            rag=[Rag.RED, Rag.AMBER, Rag.GREEN][number % 3],
            due_date=datetime.date(2025, 5, 1),
        )
        action.priorities.set(priorities[: number % 3 + 1])
        ActionLeadFactory(action=action, agency=police)
        ProgressUpdateFactory(action=action, date=datetime.date(2025, 6, 1))
    IndicatorFactory.create_batch(2)
    return plan


@pytest.mark.parametrize("count", [3, 40])
def test_the_pack_page_makes_the_same_queries_with_3_actions_as_with_40(
    client, bob, partnership, django_assert_num_queries, count
):
    plan = big_plan(partnership, count)
    client.force_login(bob)
    url = reverse("performance:meeting_pack", args=[plan.pk])
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_an_issued_pack_makes_the_same_queries_with_3_actions_as_with_40(
    client, bob, alice, partnership, django_assert_num_queries, count
):
    plan = big_plan(partnership, count)
    pack = issue_pack(plan, Period.quarter(2025, 1), TODAY, alice, TODAY)
    client.force_login(bob)
    with django_assert_num_queries(4):
        client.get(reverse("performance:issued_pack", args=[pack.pk]))


def test_a_plan_without_actions_has_a_pack_that_says_so(client, bob, partnership):
    empty = PlanFactory(partnership=partnership, title="Empty plan")
    client.force_login(bob)
    body = client.get(reverse("performance:meeting_pack", args=[empty.pk])).content.decode()
    assert "0 actions." in body
    assert "No action is rated red or amber." in body
    assert "This plan has no priorities." in body


def test_the_admin_lists_issued_packs_and_does_not_edit_them(client, superuser, alice, pack_plan):
    pack = issue_pack(pack_plan, Q2, datetime.date(2026, 12, 10), alice, TODAY)
    client.force_login(superuser)
    listing = client.get(reverse("admin:performance_meetingpack_changelist"))
    assert "Northfield action plan 2026/27" in listing.content.decode()
    change = reverse("admin:performance_meetingpack_change", args=[pack.pk])
    client.post(change, {"meeting_date": "2027-01-01"})
    pack.refresh_from_db()
    assert pack.meeting_date == datetime.date(2026, 12, 10)


def test_the_plan_page_and_the_dashboard_link_to_the_meeting_pack(client, bob, pack_plan):
    client.force_login(bob)
    link = f'href="{reverse("performance:meeting_pack", args=[pack_plan.pk])}">Meeting pack</a>'
    assert link in client.get(pack_plan.get_absolute_url()).content.decode()
    dashboard = reverse("performance:dashboard", args=[pack_plan.partnership.slug])
    assert link in client.get(dashboard, {"plan": pack_plan.pk}).content.decode()


def test_a_plan_that_has_not_started_has_a_pack_for_its_first_quarter(client, bob, partnership):
    future = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2099, 4, 1),
        period_end=datetime.date(2100, 3, 31),
    )
    assert default_period(future, TODAY) == Period.quarter(2099, 1)
    client.force_login(bob)
    assert client.get(reverse("performance:meeting_pack", args=[future.pk])).status_code == 200
