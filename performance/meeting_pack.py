"""The meeting pack: what a RAG meeting reads about one plan, on a few A4 pages.

`build_pack` returns the pack as plain JSON-ready data, in the order the pack prints it:
1. headline: RAG counts now and at the baseline, completed since, overdue, stale, "as at";
2. exceptions: every red and amber action, with its RAG change since the baseline;
3. overdue and stale actions not already listed;
4. actions completed since the baseline;
5. crime figures, each against the previous period and the same period a year before;
6. green actions as a count per priority.

The baseline is the last issued pack of the plan (its frozen ratings), or else, when none
was issued, the actions' history (django-simple-history) at the start of the period. The
same data is what an issued pack keeps (`MeetingPack.content`), so an issued pack renders
with the same template and never changes, and the next pack compares with its ratings.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.text import Truncator

from actions.models import Action, ActionLead, ProgressUpdate, Rag, Status
from performance.dashboards import crime_figures
from performance.models import MeetingPack
from performance.periods import QUARTER, Period, figure_age_note
from performance.rag_history import ratings_at, start_of
from performance.templatetags.figures import figure, percent_change, signed

# Better ratings are higher; "not rated" has no place in the order.
RAG_ORDER = {Rag.RED: 1, Rag.AMBER: 2, Rag.GREEN: 3}
RAG_LABELS = dict(Rag.choices)
EXCEPTIONS = (Rag.RED, Rag.AMBER)
UPDATE_WORDS = 60  # the latest update is cut to this many words; the title never is

# The sections in print order: heading, and what the pack says when one is empty. The page
# and the Word document both read them.
SECTIONS = {
    key: {"title": title, "empty": empty}
    for key, title, empty in [
        ("headline", "1. Headline", ""),
        ("exceptions", "2. Red and amber actions", "No action is rated red or amber."),
        (
            "late",
            "3. Overdue and stale actions not listed above",
            "No other action is overdue or stale.",
        ),
        (
            "completed",
            "4. Completed since the previous pack",
            "No action was completed since the previous pack.",
        ),
        ("crime", "5. Crime figures", "No crime figures yet."),
        ("green_by_priority", "6. Green actions by priority", "This plan has no priorities."),
    ]
}


def _day(date: datetime.date | None) -> str | None:
    return f"{date:%-d %B %Y}" if date else None


def _short_day(date: datetime.date | None) -> str | None:
    """For table cells, where "31 March 2020" would wrap in a narrow column."""
    return f"{date:%-d %b %Y}" if date else None


def footer_line(pack: dict, issued=None) -> str:
    """What every printed page says at its foot: partnership, plan and date."""
    when = f"meeting of {issued.meeting_date:%-d %B %Y}" if issued else "draft"
    return f"{pack['partnership']} · {pack['plan']['title']} · {when}, as at {pack['as_at_label']}"


# Which period


def pack_periods(plan, today: datetime.date) -> list[Period]:
    """The quarters a pack can cover: from the plan's first to the one running today (or the
    plan's last, if it ended; its first, if it has not started), newest first."""
    last_day = max(min(today, plan.period_end), plan.period_start)
    quarter = Period(last_day, last_day).containing(QUARTER)
    first = Period(plan.period_start, plan.period_start).containing(QUARTER)
    quarters = []
    while quarter >= first:
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters


def default_period(plan, today: datetime.date) -> Period:
    """The quarter just ended, if the plan covers it; else the plan's nearest quarter."""
    choices = pack_periods(plan, today)
    just_ended = Period(today, today).containing(QUARTER).previous()
    if just_ended in choices:
        return just_ended
    return choices[0] if just_ended > choices[0] else choices[-1]


# The baseline: what the ratings were at the previous pack


def issued_packs(plan) -> list:
    """The plan's issued packs, newest meeting first, with who issued them."""
    found = MeetingPack.objects.filter(plan=plan).select_related("issued_by")
    return list(found.order_by("-meeting_date", "-issued_at"))


def baseline(plan, period: Period, packs: list) -> dict:
    pack = packs[0] if packs else None
    if pack is not None:
        ratings = {int(pk): value for pk, value in pack.content["ratings"].items()}
        return {
            "kind": "pack",
            "pack_id": pack.pk,
            "date": _day(pack.as_at),
            "meeting_date": _day(pack.meeting_date),
            "ratings": ratings,
        }
    return {
        "kind": "history",
        "pack_id": None,
        "date": _day(period.start),
        "meeting_date": None,
        "ratings": ratings_at(plan, start_of(period.start)),
    }


def rag_change(before: dict | None, now: str) -> dict:
    """Up, down or same, with the words that say it: "Worse: was amber, now red"."""
    was = before["rag"] if before else None
    label = RAG_LABELS[now].lower()
    if was not in RAG_ORDER or now not in RAG_ORDER:
        if was == now:
            return {"direction": "same", "words": f"No change: {label}"}
        earlier = "not rated" if was in (None, Rag.NONE) else RAG_LABELS[was].lower()
        return {"direction": "new", "words": f"Newly rated: was {earlier}, now {label}"}
    if RAG_ORDER[now] == RAG_ORDER[was]:
        return {"direction": "same", "words": f"No change: {label}"}
    word = "Better" if RAG_ORDER[now] > RAG_ORDER[was] else "Worse"
    direction = "up" if word == "Better" else "down"
    return {"direction": direction, "words": f"{word}: was {RAG_LABELS[was].lower()}, now {label}"}


# The actions


def pack_actions(plan, today: datetime.date) -> list:
    """The plan's actions with lateness, priorities, lead agencies and latest update id."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-created_at")
    leads = ActionLead.objects.select_related("agency").order_by("order")
    return list(
        Action.objects.filter(plan=plan)
        .with_lateness(today, plan.partnership)
        .annotate(latest_update_id=Subquery(latest.values("pk")[:1]))
        .prefetch_related(Prefetch("leads", queryset=leads), "priorities")
        .order_by("order", "pk")
    )


def _latest_updates(actions) -> dict:
    ids = [action.latest_update_id for action in actions if action.latest_update_id]
    updates = ProgressUpdate.objects.filter(pk__in=ids).select_related("author")
    return {update.action_id: update for update in updates}


def _why_late(overdue: bool, stale: bool) -> str:
    if overdue and stale:
        return "Overdue, no recent update"
    return "Overdue" if overdue else "No recent update" if stale else ""


def action_row(action, update, before) -> dict:
    return {
        "pk": action.pk,
        "title": action.title,
        "leads": [lead.agency.name for lead in action.leads.all()],
        "due": _short_day(action.due_date),
        "status": action.get_status_display(),
        "rag": action.rag,
        "rag_label": action.get_rag_display(),
        "change": rag_change(before, action.rag),
        "overdue": action.is_overdue,
        "stale": action.is_stale,
        "why": _why_late(action.is_overdue, action.is_stale),
        "last_update": _short_day(action.last_update_on),
        "latest": {
            "date": _short_day(update.date),
            "text": Truncator(update.text).words(UPDATE_WORDS),
            "by": update.signed_by,
        }
        if update
        else None,
    }


def green_by_priority(plan, actions) -> list[dict]:
    counts = Counter()
    unlinked = 0
    for action in actions:
        if action.rag != Rag.GREEN:
            continue
        priorities = action.priorities.all()
        counts.update(priority.pk for priority in priorities)
        unlinked += not priorities
    rows = [
        {"code": p.code, "title": p.title, "count": counts[p.pk]}
        for p in plan.priorities.order_by("order", "code")
    ]
    if unlinked:
        rows.append({"code": "", "title": "Not linked to a priority", "count": unlinked})
    return rows


# Crime figures


def _comparison(comparison, lower_is_better) -> dict:
    if comparison.value is None:
        return {"period": comparison.period.short_label, "value": None}
    better = comparison.better
    judgement = {True: "Better", False: "Worse", None: "No change"}[better]
    return {
        "period": comparison.period.short_label,
        "value": figure(comparison.value),
        "change": f"{signed(comparison.change.difference)} ({percent_change(comparison.change)})",
        "judgement": judgement,
    }


def crime_rows(partnership, period: Period, as_at: datetime.date) -> list[dict]:
    rows = []
    for found in crime_figures(partnership, until=period.end, with_trend=False).indicators:
        lower = found.indicator.lower_is_better
        rows.append(
            {
                "indicator": found.indicator.name,
                "direction": found.indicator.get_direction_display(),
                "period": found.period.label,
                "value": figure(found.value),
                "previous": _comparison(found.previous, lower),
                "last_year": _comparison(found.last_year, lower),
                "age_note": figure_age_note(found.period, as_at),
            }
        )
    return rows


# The pack


def build_pack(plan, period: Period, today: datetime.date, packs=None) -> dict:
    """The pack as it stands; `packs` are the plan's issued_packs(), if already read."""
    base = baseline(plan, period, issued_packs(plan) if packs is None else packs)
    before = base.pop("ratings")
    actions = pack_actions(plan, today)
    updates = _latest_updates(actions)
    rows = {a.pk: action_row(a, updates.get(a.pk), before.get(a.pk)) for a in actions}
    # Red before amber; in plan order within each (the sort is stable).
    exceptions = sorted(
        (a.pk for a in actions if a.rag in EXCEPTIONS), key=lambda pk: RAG_ORDER[rows[pk]["rag"]]
    )
    late = [a.pk for a in actions if (a.is_overdue or a.is_stale) and a.rag not in EXCEPTIONS]
    completed = [
        a.pk
        for a in actions
        if a.status == Status.COMPLETED and before.get(a.pk, {}).get("status") != Status.COMPLETED
    ]
    now = Counter(a.rag for a in actions)
    was = Counter(value["rag"] for value in before.values())
    return {
        "partnership": plan.partnership.name,
        "plan": {"pk": plan.pk, "title": plan.title, "period": plan.period_label},
        "period": {"key": period.key, "label": period.label},
        "as_at": today.isoformat(),
        "as_at_label": _day(today),
        "baseline": base,
        "headline": {
            "total": len(actions),
            "rag": [
                {"rag": c.value, "label": c.label, "now": now[c.value], "before": was[c.value]}
                for c in Rag
            ],
            "completed_since": len(completed),
            "overdue": sum(a.is_overdue for a in actions),
            "stale": sum(a.is_stale for a in actions),
            "stale_days": plan.partnership.update_interval_days,
        },
        "exceptions": [rows[pk] for pk in exceptions],
        "late": [rows[pk] for pk in late],
        "completed": [rows[pk] for pk in completed],
        "crime": crime_rows(plan.partnership, period, today),
        "green_by_priority": green_by_priority(plan, actions),
        # What the next pack compares with.
        "ratings": {str(a.pk): {"rag": a.rag, "status": a.status} for a in actions},
    }


@transaction.atomic
def issue_pack(plan, period: Period, meeting_date, user, today) -> MeetingPack:
    """Freeze the pack as it stands now for the meeting on `meeting_date`."""
    content = build_pack(plan, period, today)
    return MeetingPack.objects.create(
        partnership=plan.partnership,
        plan=plan,
        period_start=period.start,
        period_end=period.end,
        meeting_date=meeting_date,
        as_at=today,
        issued_by=user,
        content=content,
    )
