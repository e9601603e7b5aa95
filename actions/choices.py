"""What the action list's choosers offer: the partnerships, plans and lead agencies a user
may see, found by the words typed, a bounded number at a time.

The filter form (actions/filters.py) and the JSON endpoints that its autocomplete asks
(actions/choice_views.py) both use these, so the page and its suggestions never disagree,
and neither ever names a partnership's plan or agency to someone without a role there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from actions.models import ActionLead
from partnerships.models import Agency, Partnership
from plans.models import Plan

# The most matches a chooser lists at once, in the page or in a suggestion list.
LIMIT = 20
# The longest text a chooser searches for; longer is refused rather than cut short.
LONGEST_SEARCH = 100
# The largest id PostgreSQL's integer keys hold: a larger one names nothing, and SQLite
# cannot even be asked about it (OverflowError).
LARGEST_ID = 2**31 - 1


def as_id(value) -> int | None:
    """A submitted id as a number, or None where it is not a key any row could have."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= LARGEST_ID else None


class PlanPeriodChoice:
    """Which plans the action list covers (its ?period=): by whether they are running now."""

    CURRENT = "current"
    ENDED = "ended"
    ALL = "all"
    CHOICES = [
        (CURRENT, "Plans running now"),
        (ENDED, "Plans that have ended"),
        (ALL, "All plans"),
    ]


def in_period(period: str, today, plan_path: str = "") -> Q:
    """The condition on plans (or, with plan_path "plan__", on actions) for a period choice;
    anything unknown means the plans running now, the list's default."""
    if period == PlanPeriodChoice.ALL:
        return Q()
    if period == PlanPeriodChoice.ENDED:
        return Q(**{f"{plan_path}period_end__lt": today})
    return Q(**{f"{plan_path}period_end__gte": today})


def every_word_in(fields: list[str], text: str) -> Q:
    """Each word of `text` found (any case) in at least one of `fields`."""
    condition = Q()
    for word in text.split():
        in_any = Q()
        for field in fields:
            in_any |= Q(**{f"{field}__icontains": word})
        condition &= in_any
    return condition


def visible_partnerships(user, period="", today=None) -> QuerySet[Partnership]:
    """Partnerships in which the user holds a role (every one, for a superuser), whatever
    the period: a partnership is listed even while none of its plans is running."""
    return Partnership.objects.visible_to(user).order_by("name", "pk")


def visible_plans(user, period: str, today) -> QuerySet[Plan]:
    """The plans the user sees in the period, with their partnership (for the label)."""
    plans = Plan.objects.visible_to(user).filter(in_period(period, today))
    return plans.select_related("partnership").order_by(
        "partnership__name", "-period_start", "title", "pk"
    )


def lead_agencies(user, period: str, today) -> QuerySet[Agency]:
    """Agencies leading an action in a plan the user sees in the period.

    For most users, Exists: the database goes from their few plans to those plans' leads.
    A superuser sees every plan, and that way was every lead of the period's actions (24,000
    of 18,000 actions running now, all 360,000 for all plans at national scale: 0.25 to
    0.75 s); so for a superuser each agency is asked for its first lead in the period,
    through the index of leads by agency and action (`lead_agency_action`), newest actions
    first for plans running now (theirs are the newest actions) and oldest first for
    ended ones: about one row read per agency (30 ms for 560 agencies)."""
    plans = Plan.objects.visible_to(user).filter(in_period(period, today))
    leads = ActionLead.objects.filter(agency=OuterRef("pk"), action__plan__in=plans)
    agencies = Agency.objects.order_by("name", "pk")
    if not user.is_superuser:
        return agencies.filter(Exists(leads))
    first = "action_id" if period == PlanPeriodChoice.ENDED else "-action_id"
    first_lead = leads.order_by(first).values("action_id")[:1]
    # A subquery, not Exists: the database would turn Exists back into the join above.
    return agencies.alias(first_lead=Subquery(first_lead)).filter(first_lead__isnull=False)


def plan_label(plan: Plan) -> str:
    # Partnerships keep a plan a year, often under the same title: the years tell them apart.
    years = "" if plan.period_label in plan.title else f" ({plan.period_label})"
    return f"{plan.partnership.name}: {plan.title}{years}"


@dataclass(frozen=True)
class Chooser:
    """One chooser of the action list: the filter it sets, what it searches and shows."""

    name: str
    # Every object the user could choose, given (user, period, today): what a submitted
    # choice is checked against.
    visible: Callable[..., QuerySet]
    search_fields: list[str]
    label: Callable[[object], str]
    # Other filters of the form that narrow the suggestions (read from the form as it is).
    narrowed_by: tuple[str, ...] = ()

    def matches(self, user, *, text="", period="", today, partnership=None) -> QuerySet:
        """Those of visible() with every word of `text`, in the chosen partnership if any."""
        found = self.visible(user, period, today)
        if partnership and "partnership" in self.narrowed_by:
            found = found.filter(partnership_id=partnership)
        return found.filter(every_word_in(self.search_fields, text))


CHOOSERS = {
    "partnerships": Chooser(
        name="partnership",
        visible=visible_partnerships,
        search_fields=["name", "county"],
        label=lambda place: place.name,
    ),
    "plans": Chooser(
        name="plan",
        visible=visible_plans,
        search_fields=["title", "partnership__name"],
        label=plan_label,
        narrowed_by=("partnership", "period"),
    ),
    "agencies": Chooser(
        name="lead_agency",
        visible=lead_agencies,
        search_fields=["name"],
        label=lambda agency: agency.name,
        narrowed_by=("period",),
    ),
}
CHOOSER_BY_FILTER = {chooser.name: (kind, chooser) for kind, chooser in CHOOSERS.items()}


@dataclass
class Offer:
    """What a chooser lists: the chosen object first, then up to LIMIT matches; `more`
    says there were others, so the page offers a search."""

    objects: list
    more: bool


def offer(matches: QuerySet, chosen=None) -> Offer:
    """At most LIMIT matches (one query), after the chosen object if there is one."""
    fetched = list(matches[: LIMIT + 1])
    more = len(fetched) > LIMIT
    found = [match for match in fetched if chosen is None or match.pk != chosen.pk]
    listed = ([chosen] if chosen is not None else []) + found[:LIMIT]
    return Offer(objects=listed, more=more)


def suggestions(chooser: Chooser, user, **query) -> list[dict]:
    """The JSON the autocomplete shows: up to LIMIT matches, each its id and label."""
    return [
        {"id": match.pk, "label": chooser.label(match)}
        for match in chooser.matches(user, **query)[:LIMIT]
    ]
