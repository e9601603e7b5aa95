"""A national dataset for benchmarks: N partnerships x Y years of plans, actions, progress
updates, people with roles and monthly police.uk figures, written in bulk.

Counties of ten partnerships share their police, fire, probation, health and county
council agencies; each partnership has one action plan per financial year ending with the
current one, about 60 actions across 5-8 priorities, about 8 progress updates an action,
a coordinator, a partnership admin, two agency officers, and per county one viewer who holds
the viewer role in every partnership of the county. Every row a save would have given a
history gets its historical row too. The same seed and date give the same data.

It fills an empty database only (`ScaleDataError` otherwise): mixing generated rows with
real ones would make both useless.
"""

import datetime
import math
import multiprocessing
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat

from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, ActionLead, ProgressUpdate, Publication, Rag, Status
from csp.bulk_insert import insert, insert_history
from partnerships.models import Agency, Membership, Partnership, PopulationEstimate, Role
from performance.models import Observation
from performance.periods import Period
from performance.police_data import (
    ALL_CRIME,
    ANTI_SOCIAL_BEHAVIOUR,
    CRIME_TYPES,
    SOURCE,
    police_indicators,
)
from plans.models import Plan, Priority

HISTORY_REASON = "Generated scale data"
COUNCIL = Agency.Sector.COUNCIL
PER_COUNTY = 10
# An unusable password (Django's "!" prefix): generated people are signed in by the
# benchmark with force_login, never with a password.
NO_PASSWORD = "!generated-scale-data"
SUPERUSER = "scale-admin"

COUNTY_STEMS = ["Ash", "Bram", "Carr", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Kings"]
COUNTY_STEMS += ["Lang", "Marsh", "Nor", "Oak", "Pen", "Quarry", "Rye", "Sand", "Thorn", "Wey"]
TOWN_PREFIXES = ["North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Great"]
TOWN_PREFIXES += ["Little"]
COUNTY_AGENCIES = [
    ("County Council", Agency.Sector.COUNCIL, Membership.Role.RESPONSIBLE_AUTHORITY),
    ("Police", Agency.Sector.POLICE, Membership.Role.RESPONSIBLE_AUTHORITY),
    ("Fire and Rescue Service", Agency.Sector.FIRE, Membership.Role.RESPONSIBLE_AUTHORITY),
    ("Probation Delivery Unit", Agency.Sector.PROBATION, Membership.Role.RESPONSIBLE_AUTHORITY),
    ("Integrated Care Board", Agency.Sector.HEALTH, Membership.Role.RESPONSIBLE_AUTHORITY),
    ("Youth Justice Service", Agency.Sector.OTHER, Membership.Role.MEMBER),
    ("Housing Trust", Agency.Sector.HOUSING, Membership.Role.MEMBER),
    ("Victim Support", Agency.Sector.VOLUNTARY, Membership.Role.OTHER_AGENCY),
]
PRIORITY_THEMES = [
    "Reduce anti-social behaviour",
    "Tackle violence against women and girls",
    "Reduce burglary and vehicle crime",
    "Keep young people safe from exploitation",
    "Reduce reoffending",
    "Support victims of domestic abuse",
    "Make the night-time economy safe",
    "Tackle drug and alcohol misuse",
    "Prevent serious violence",
    "Build community confidence",
]
VERBS = ["Deliver", "Run", "Review", "Expand", "Launch", "Hold", "Target", "Coordinate"]
OBJECTS = ["awareness sessions", "joint visits", "street surgeries", "diversion activities"]
OBJECTS += ["safety audits", "hotspot operations", "training for staff", "mentoring"]
PLACES = ["in the town centre", "near schools", "on the estates", "across the district"]
PLACES += ["at the railway station", "in rural villages"]
WORDS = ["partners", "residents", "reported", "meeting", "agreed", "funding", "completed"]
WORDS += ["referrals", "visits", "delayed", "planned", "review", "youth", "victims"]
TIMESCALES = ["During the year", "Quarter 1", "Quarter 2", "By March", "Ongoing"]
OPEN_STATUSES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.ONGOING]
ENDED_STATUSES = [Status.COMPLETED, Status.COMPLETED, Status.ONGOING, Status.CANCELLED]
RAGS = [Rag.GREEN, Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.AMBER, Rag.RED]


class ScaleDataError(Exception):
    """The database cannot take generated data (it is not empty)."""


@dataclass
class Generated:
    """How many rows of each kind were written."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name, count):
        self.counts[name] = self.counts.get(name, 0) + count

    def merge(self, message, counts):
        for name, count in counts.items():
            self.add(name, count)
        return message


def generate(
    partnerships: int,
    years: int,
    seed: int = 11,
    today: datetime.date | None = None,
    workers: int = 1,
    report: Callable[[str], None] = lambda message: None,
) -> Generated:
    """Write the dataset county by county; `report` hears progress. With one worker it is
    one transaction; with several (PostgreSQL only) each county is one, written by one of
    `workers` processes at once."""
    if partnerships < 1 or years < 1 or workers < 1:
        raise ScaleDataError("--partnerships, --years and --workers must be at least 1.")
    if workers > 1 and connection.vendor != "postgresql":
        raise ScaleDataError("--workers needs PostgreSQL: SQLite takes one writer at a time.")
    refuse_unless_empty()
    job = Job(years, today or timezone.localdate(), seed)
    counties = [
        (number, min(PER_COUNTY, partnerships - number * PER_COUNTY))
        for number in range((partnerships + PER_COUNTY - 1) // PER_COUNTY)
    ]
    done = Generated()
    with transaction.atomic():
        _users([(SUPERUSER, "Scale", "Administrator", True)], done)
        indicators = police_indicators([*CRIME_TYPES, ALL_CRIME])
        if workers == 1:
            for number, places in counties:
                report(done.merge(*job.write_county(number, places, indicators)))
    if workers > 1:
        connections.close_all()  # each process opens its own connection
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            numbers, sizes = [number for number, _ in counties], [size for _, size in counties]
            written = pool.map(job.write_county, numbers, sizes, repeat(indicators))
            for county in written:
                report(done.merge(*county))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return done


@dataclass(frozen=True)
class Job:
    years: int
    today: datetime.date
    seed: int

    def write_county(self, number, places, indicators):
        """One county, in one transaction; (what was written, its counts)."""
        done = Generated()
        with transaction.atomic():
            rng = random.Random(f"{self.seed}-{number}")
            county = County(number, places, self.years, self.today, rng)
            county.write(done, indicators)
        return f"county {number + 1}: {county.name}, {places} partnerships", done.counts


def refuse_unless_empty():
    # Agencies are left out: a migration seeds the national ones.
    for model in (Partnership, Plan, Action, Observation):
        if model.objects.exists():
            raise ScaleDataError(
                f"The database already holds {model._meta.verbose_name_plural}: "
                "generate_scale_data fills an empty, migrated database only."
            )
    if get_user_model().objects.filter(username=SUPERUSER).exists():
        raise ScaleDataError(f"The database already has a user {SUPERUSER!r}.")


def financial_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


class County:
    def __init__(self, number, places, years, today, rng):
        self.number, self.places, self.years, self.today, self.rng = (
            number,
            places,
            years,
            today,
            rng,
        )
        stem = COUNTY_STEMS[number % len(COUNTY_STEMS)]
        round_ = number // len(COUNTY_STEMS)
        self.stem = f"{stem}{'dale' if round_ == 0 else f'dale {round_ + 1}'}"
        self.name = f"{self.stem}shire"
        last = financial_year_of(today)
        self.first_year = last - years + 1

    def write(self, done, indicators):
        agencies = _bulk(Agency, self._county_agencies(), done)
        places = _bulk(Partnership, self._partnerships(), done, history=True)
        district_councils = _bulk(
            Agency,
            [
                Agency(name=f"{p.area} District Council", sector=Agency.Sector.COUNCIL)
                for p in places
            ],
            done,
        )
        _bulk(PopulationEstimate, self._populations(places), done)
        members = {
            place.pk: [council, *agencies]
            for place, council in zip(places, district_councils, strict=True)
        }
        _bulk(Membership, self._memberships(places, members), done, history=True)
        people = self._people(places, members, done)
        for place in places:
            plans = _bulk(Plan, self._plans(place), done, history=True)
            PlanWriter(self.rng, self.today, done).write(plans, members[place.pk], people)
        _bulk(Observation, self._observations(places, indicators), done, history=True)
        Action.objects.filter(plan__partnership__in=places).refresh_last_update()

    def _county_agencies(self):
        return [
            Agency(name=f"{self.name} {name}", sector=sector) for name, sector, _ in COUNTY_AGENCIES
        ]

    def _partnerships(self):
        for index in range(self.places):
            area = f"{TOWN_PREFIXES[index]} {self.stem}"
            serial = self.number * PER_COUNTY + index
            yield Partnership(
                name=f"{area} Community Safety Partnership",
                slug=slugify(area),
                area=area,
                county=self.name,
                ons_code=f"E07{900000 + serial:06d}",
                vision=f"A safer {area} for everyone who lives, works or visits here.",
                contact_email=f"community.safety@{slugify(area)}.example.org",
                update_interval_days=self.rng.choice([60, 90, 90, 120]),
                publication_needs_approval=self.rng.random() < 0.3,
                public_summary_enabled=self.rng.random() < 0.5,
            )

    def _populations(self, places):
        for place in places:
            people = self.rng.randint(60_000, 260_000)
            yield PopulationEstimate(partnership=place, year=2011, population=people)
            yield PopulationEstimate(
                partnership=place, year=2021, population=int(people * self.rng.uniform(1, 1.1))
            )

    def _memberships(self, places, members):
        roles = [Membership.Role.RESPONSIBLE_AUTHORITY] + [role for *_, role in COUNTY_AGENCIES]
        for place in places:
            for agency, role in zip(members[place.pk], roles, strict=True):
                yield Membership(
                    partnership=place, agency=agency, role=role, from_year=self.first_year
                )

    def _people(self, places, members, done):
        """Each partnership's coordinator, admin and two officers (police and district
        council), and the county's viewer of every partnership; {partnership id: users}."""
        county_slug = slugify(self.name)
        wanted = [(f"viewer-{county_slug}", "County", "Viewer", False)]
        for place in places:
            wanted += [
                (f"coordinator-{place.slug}", "Coordinator", place.area, False),
                (f"admin-{place.slug}", "Admin", place.area, False),
                (f"police-{place.slug}", "Police officer", place.area, False),
                (f"council-{place.slug}", "Council officer", place.area, False),
            ]
        users = iter(_users(wanted, done))
        viewer = next(users)
        roles, people = [], {}
        for place in places:
            coordinator, admin, police, council = (next(users) for _ in range(4))
            council_agency, police_agency = members[place.pk][0], members[place.pk][2]
            roles += [
                Role(user=viewer, partnership=place, name=Role.Name.VIEWER),
                Role(user=coordinator, partnership=place, name=Role.Name.COORDINATOR),
                Role(user=admin, partnership=place, name=Role.Name.PARTNERSHIP_ADMIN),
                Role(
                    user=police,
                    partnership=place,
                    name=Role.Name.AGENCY_OFFICER,
                    agency=police_agency,
                ),
                Role(
                    user=council,
                    partnership=place,
                    name=Role.Name.AGENCY_OFFICER,
                    agency=council_agency,
                ),
            ]
            people[place.pk] = [coordinator, police, council]
        _bulk(Role, roles, done, history=True)
        return people

    def _plans(self, place):
        for year in range(self.first_year, self.first_year + self.years):
            yield Plan(
                partnership=place,
                kind=Plan.Kind.ACTION_PLAN,
                title=f"{place.area} community safety action plan {year}/{str(year + 1)[-2:]}",
                period_start=datetime.date(year, 4, 1),
                period_end=datetime.date(year + 1, 3, 31),
                status=Plan.Status.PUBLISHED,
                rag_method=Plan.RagMethod.COMPUTED
                if self.rng.random() < 0.2
                else Plan.RagMethod.MANUAL,
            )

    def _observations(self, places, indicators):
        months = _months(self.first_year, self.today)
        for place in places:
            level = {kind: self.rng.uniform(5, 120) for kind in CRIME_TYPES}
            for period in months:
                season = 1 + 0.15 * math.sin(period.start.month / 12 * 2 * math.pi)
                values = {
                    kind: round(level[kind] * season * self.rng.uniform(0.8, 1.2))
                    for kind in CRIME_TYPES
                }
                values[ALL_CRIME] = sum(
                    v for kind, v in values.items() if kind != ANTI_SOCIAL_BEHAVIOUR
                )
                for kind, value in values.items():
                    yield Observation(
                        indicator=indicators[kind],
                        partnership=place,
                        period_start=period.start,
                        period_end=period.end,
                        value=value,
                        source=SOURCE,
                    )


def _months(first_year, today):
    """Every month from April of the first year to the last whole month before today."""
    months, year, month = [], first_year, 4
    while datetime.date(year, month, 1) < today.replace(day=1):
        months.append(Period.month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class PlanWriter:
    """One partnership's plans: priorities, actions, their links, updates and histories."""

    def __init__(self, rng, today, done):
        self.rng, self.today, self.done = rng, today, done

    def write(self, plans, agencies, people):
        priorities = {plan.pk: self._priorities(plan) for plan in plans}
        _bulk(Priority, [p for ps in priorities.values() for p in ps], self.done, history=True)
        actions = [action for plan in plans for action in self._actions(plan)]
        _bulk(Action, actions, self.done)
        links, leads, partners, updates = [], [], [], []
        for action in actions:
            chosen = self.rng.sample(priorities[action.plan_id], self.rng.choice([1, 1, 2]))
            links += [
                Action.priorities.through(action_id=action.pk, priority_id=p.pk) for p in chosen
            ]
            led = self.rng.sample(agencies, self.rng.choice([1, 1, 2]))
            leads += [
                ActionLead(action_id=action.pk, agency_id=agency.pk, order=order)
                for order, agency in enumerate(led)
            ]
            partner = self.rng.choice(agencies)
            partnered = partner not in led and self.rng.random() < 0.5
            if partnered:
                partners.append(
                    Action.partner_agencies.through(action_id=action.pk, agency_id=partner.pk)
                )
            action._history_extra = {
                "priority_codes": ", ".join(p.code for p in sorted(chosen, key=lambda p: p.order)),
                "lead_agency_names": ", ".join(a.name for a in led),
                "partner_agency_names": partner.name if partnered else "",
            }
            updates += self._updates(action, people)
        _bulk(Action.priorities.through, links, self.done)
        _bulk(ActionLead, leads, self.done)
        _bulk(Action.partner_agencies.through, partners, self.done)
        _write_history(Action, actions, self.done)
        _bulk(ProgressUpdate, updates, self.done, history=True)

    def _priorities(self, plan):
        themes = self.rng.sample(PRIORITY_THEMES, self.rng.randint(5, 8))
        return [
            Priority(plan_id=plan.pk, code=str(order), title=theme, order=order)
            for order, theme in enumerate(themes, start=1)
        ]

    def _actions(self, plan):
        running = plan.period_end >= self.today
        for order in range(self.rng.randint(50, 70)):
            start = plan.period_start + datetime.timedelta(days=self.rng.randrange(0, 120))
            due = start + datetime.timedelta(days=self.rng.randrange(60, 240))
            action = Action(
                plan=plan,
                title=self._title(),
                description=" ".join(self.rng.sample(WORDS, 8)).capitalize() + ".",
                target=f"{self.rng.randint(2, 40)} {self.rng.choice(OBJECTS)}",
                timescale=self.rng.choice(TIMESCALES),
                start_date=start,
                due_date=due,
                status=self.rng.choice(OPEN_STATUSES if running else ENDED_STATUSES),
                rag=self.rng.choice(RAGS),
                order=order,
            )
            action._history_date = _at(plan.period_start, 9)
            yield action

    def _title(self):
        place = self.rng.choice(PLACES)
        # About 2% of actions are patrols, for the benchmark's searches.
        verb = "Patrol" if self.rng.random() < 0.02 else self.rng.choice(VERBS)
        return f"{verb} {self.rng.choice(OBJECTS)} {place}"

    def _updates(self, action, people):
        plan = action.plan
        last = min(plan.period_end, self.today - datetime.timedelta(days=1))
        span = (last - plan.period_start).days
        if span < 1:
            return []
        days = sorted(self.rng.randrange(span + 1) for _ in range(self.rng.randint(6, 10)))
        authors = people[plan.partnership_id]
        updates = []
        for number, day in enumerate(days, start=1):
            date = plan.period_start + datetime.timedelta(days=day)
            update = ProgressUpdate(
                action_id=action.pk,
                date=date,
                author=self.rng.choice(authors),
                text=" ".join(self.rng.sample(WORDS, 10)).capitalize() + ".",
                status=action.status if number == len(days) else Status.IN_PROGRESS,
                rag=self.rng.choice(RAGS),
                percent_complete=min(100, number * self.rng.randint(8, 14)),
                publication=Publication.PUBLISHED
                if self.rng.random() < 0.1
                else Publication.INTERNAL,
            )
            update._history_date = _at(date, 17)
            update._history_user = update.author
            updates.append(update)
        return updates


def _at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _users(wanted, done):
    user_model = get_user_model()
    return _bulk(
        user_model,
        [
            user_model(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                password=NO_PASSWORD,
                is_staff=superuser,
                is_superuser=superuser,
            )
            for username, first, last, superuser in wanted
        ],
        done,
    )


def _bulk(model, objs, done, history=False):
    rows = insert(model, objs)
    done.add(model._meta.label, len(rows))
    if history:
        _write_history(model, rows, done)
    return rows


def _write_history(model, objs, done):
    done.add(model.history.model._meta.label, insert_history(model, objs, HISTORY_REASON))
