import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from partnerships.access import partnership_id_lookup
from partnerships.models import Agency, Partnership
from partnerships.rules import in_partnerships_visible_to, objects_permitted, progress_scopes
from plans.models import Plan, Priority


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ONGOING = "ongoing", "Ongoing"
    CANCELLED = "cancelled", "Cancelled"
    # An imported action whose document does not say how far it has got.
    UNKNOWN = "unknown", "Not known"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    NONE = "none", "Not rated"


CLOSED_STATUSES = [Status.COMPLETED, Status.CANCELLED]


def last_update_date():
    """The date of an action's newest progress update, as a subquery (no GROUP BY to upset
    the other joins a page makes)."""
    return Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date").values("date")[:1],
        output_field=models.DateField(),
    )


# Which update is newest: the latest date, then the latest written, then the highest key
# (updates imported in one batch can share both). The one order for "latest percent
# complete", whether read in SQL or from updates already loaded.
NEWEST_UPDATE_FIRST = ("-date", "-created_at", "-pk")


def latest_percent_complete():
    """The percent complete of the newest update that reported one, as a subquery."""
    return Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .reporting_percent_newest_first()
        .values("percent_complete")[:1],
        output_field=models.PositiveSmallIntegerField(),
    )


def newest_updates_first(updates) -> list:
    """Updates already loaded, in NEWEST_UPDATE_FIRST's order, without a query."""

    def key(update):
        return tuple(getattr(update, name.removeprefix("-")) for name in NEWEST_UPDATE_FIRST)

    return sorted(updates, key=key, reverse=True)


def latest_percent_of(updates) -> int | None:
    """The percent complete of the newest of updates already loaded that reported one."""
    reported = (u.percent_complete for u in newest_updates_first(updates))
    return next((percent for percent in reported if percent is not None), None)


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return in_partnerships_visible_to(self, user)

    def updatable_by(self, user):
        """Actions the user may add progress to through a role they hold: the SQL form of
        rules.PROGRESS_SCOPE, as the rule "actions.add_progress" reads it for one action.
        Superuser status is not a role, so it adds nothing here."""
        condition = Q(pk__in=[])
        partnership = partnership_id_lookup(self.model)
        for partnership_id, scope in progress_scopes(user).items():
            in_partnership = Q(**{partnership: partnership_id})
            if scope.every_action:
                condition |= in_partnership
            else:
                led = ActionLead.objects.filter(
                    action=OuterRef("pk"), agency_id__in=scope.agency_ids
                )
                condition |= in_partnership & Exists(led)
        return self.filter(condition)

    def mine_now(self, user, today):
        """My actions: those the user can update in plans running now, with lateness."""
        return self.updatable_by(user).in_current_plans(today).with_lateness(today)

    def attention_counts(self):
        """How many in all, overdue and stale, in one query; needs with_lateness()."""
        return self.aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(is_overdue=True)),
            stale=Count("pk", filter=Q(is_stale=True)),
        )

    def in_current_plans(self, today):
        """Actions of plans whose period has not ended: what people work on now."""
        return self.filter(plan__period_end__gte=today)

    def with_last_update(self):
        # last_update_on is stored on the action now; kept so callers read as before.
        return self

    def refresh_latest(self, today=None):
        """Store on each of these actions what it takes from its progress updates: the date of
        the newest (refresh_last_update) and, where its plan computes RAG, the rating, which
        reads the newest percent complete (actions.rag.refresh, recorded in the history).
        Every write of updates calls this, in its own transaction: ProgressUpdate.save() and
        delete() (so undoing an import too), the importer's bulk insert, the admin's bulk
        delete; all but the update form's, whose actions.progress.record_progress() works the
        same two values out under the action's lock and writes them with the action. Returns
        how many ratings changed."""
        from actions import rag  # rag.py reads this module

        # No savepoint of its own: a failure here undoes the caller's whole write (an update's
        # save() is atomic itself), never only the refresh.
        with transaction.atomic(savepoint=False):
            self.refresh_last_update()
            return rag.refresh(self, today or timezone.localdate())

    def refresh_last_update(self):
        """Store on each of these actions the date of its newest progress update, in one
        UPDATE. Writers of updates call refresh_latest(), which does this and the rating; bulk
        data generators that set ratings themselves may call this alone."""
        return self.order_by().update(last_update_on=last_update_date())

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today):
        """Open actions past their due date."""
        return self.open().filter(due_date__lt=today)

    def stale(self, today):
        """Open actions with no progress update for longer than their partnership's interval.

        An action never updated counts from its start date, or else from the start of its
        plan's period.
        """
        return self.open().annotate(reference_date=_reference_date()).filter(_stale(today))

    def with_lateness(self, today, partnership=None):
        """Annotate is_overdue and is_stale, for lists that show and sort by them. The
        conditions are those of overdue() and stale(). Given the one partnership all these
        actions belong to, its update interval is used without reading every partnership's."""
        intervals = None if partnership is None else [partnership.update_interval_days]
        is_open = ~Q(status__in=CLOSED_STATUSES)
        return self.annotate(
            reference_date=_reference_date(),
            is_overdue=Case(
                When(is_open & Q(due_date__lt=today), then=True),
                default=False,
                output_field=models.BooleanField(),
            ),
            is_stale=Case(
                When(is_open & _stale(today, intervals), then=True),
                default=False,
                output_field=models.BooleanField(),
            ),
        )

    def late_first(self):
        """Overdue, then stale, then by due date; needs with_lateness()."""
        return self.order_by(
            F("is_overdue").desc(),
            F("is_stale").desc(),
            F("due_date").asc(nulls_last=True),
            F("reference_date").asc(nulls_last=True),
            "pk",
        )

    def for_lists(self):
        """What a table row of actions shows: plan, priorities and lead agencies."""
        return self.select_related("plan__partnership").prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.order_by("order", "code")),
            Prefetch("leads", queryset=ActionLead.objects.select_related("agency")),
        )


def _reference_date():
    return Coalesce("last_update_on", "start_date", "plan__period_start")


def _stale(today, intervals=None):
    """Q on reference_date: older than the update interval of the action's partnership.

    One condition per distinct interval (all partnerships' unless given): few in practice,
    and portable date arithmetic.
    """
    if intervals is None:
        intervals = (
            Partnership.objects.order_by().values_list("update_interval_days", flat=True).distinct()
        )
    condition = Q(pk__in=[])
    for days in sorted(set(intervals)):
        condition |= Q(plan__partnership__update_interval_days=days) & Q(
            reference_date__lt=today - datetime.timedelta(days=days)
        )
    return condition


class LinkSnapshot(models.Model):
    """Extra columns on each historical action: its links, as text, when it was saved.

    simple-history does not follow many-to-many links; these let the edit history show
    changes of priorities and agencies without a query per version. NULL means "not
    recorded" (a new action has no links yet when its first version is written).
    """

    priority_codes = models.TextField(null=True, blank=True)
    lead_agency_names = models.TextField(null=True, blank=True)
    partner_agency_names = models.TextField(null=True, blank=True)

    class Meta:
        abstract = True


class Action(models.Model):
    partnership_path = "plan__partnership"  # see partnerships.access.partnership_path

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    title = models.TextField()
    description = models.TextField(blank=True)
    priorities = models.ManyToManyField(Priority, related_name="actions", blank=True)
    lead_agencies = models.ManyToManyField(
        Agency, through="ActionLead", related_name="led_actions", blank=True
    )
    partner_agencies = models.ManyToManyField(Agency, related_name="partnered_actions", blank=True)
    target = models.TextField("Target or output measure", blank=True)
    timescale = models.CharField(max_length=200, blank=True, help_text="As written in the plan.")
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, default=Rag.NONE)
    last_update_on = models.DateField(
        "Last update",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="The date of the newest progress update: stored, so lists sort and filter "
        "by it with an index. Written by ActionQuerySet.refresh_last_update() and, for a new "
        "update, by actions.progress.record_progress().",
    )
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, for optimistic locking."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "last_update_on"], bases=[LinkSnapshot]
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="action_due_not_before_start",
            ),
        ]

    def __str__(self):
        # The full title, always: pages wrap it rather than cut it.
        return self.title

    def save(self, *args, **kwargs):
        # An action read before an update was added must not write its old last_update_on
        # back: a full save of an existing action leaves that field to refresh_last_update().
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "last_update_on"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])

    @property
    def partnership(self):
        return self.plan.partnership

    @property
    def uses_computed_rag(self):
        return self.plan.rag_method == Plan.RagMethod.COMPUTED

    def link_snapshot(self):
        """The links that the edit history records, as text: read in one query (a UNION of
        the three links), since every saved version of an action reads them."""
        links = {name: [] for name in SNAPSHOT_ORDER}
        for kind, _, name in _links_of(self):
            links[SNAPSHOT_ORDER[kind]].append(name)
        return {field: ", ".join(names) for field, names in links.items()}

    def record_links_in_history(self):
        """Write the current links into the newest historical version, after they change
        outside a save (a new action's links are set after its first save)."""
        latest = self.history.order_by("-history_date", "-history_id").first()
        if latest is not None:
            self.history.filter(history_id=latest.history_id).update(**self.link_snapshot())

    def set_priorities(self, priorities):
        """Link the action to priorities, which must belong to its own plan."""
        foreign = [p for p in priorities if p.plan_id != self.plan_id]
        if foreign:
            raise ValidationError(f"Priority {foreign[0].code} belongs to another plan.")
        self.priorities.set(priorities)

    def set_lead_agencies(self, agencies):
        """Replace the lead agencies, keeping the order given."""
        self.leads.all().delete()
        ActionLead.objects.bulk_create(
            ActionLead(action=self, agency=agency, order=index)
            for index, agency in enumerate(agencies)
        )


# The link snapshot's fields, by the kind number its query tags each row with.
SNAPSHOT_ORDER = ["priority_codes", "lead_agency_names", "partner_agency_names"]


def _links_of(action: Action):
    """(kind, position, name) of the action's priorities (by order, then code), lead agencies
    (by their order) and partner agencies (by name), in that order."""

    def tagged(queryset, kind, position, name):
        return queryset.order_by().annotate(
            link_kind=models.Value(kind), link_position=position, link_name=name
        )

    priorities = tagged(action.priorities.all(), 0, F("order"), F("code"))
    leads = tagged(action.leads.all(), 1, F("order"), F("agency__name"))
    partners = tagged(action.partner_agencies.all(), 2, models.Value(0), F("name"))
    columns = ("link_kind", "link_position", "link_name")
    return (
        priorities.values_list(*columns)
        .union(leads.values_list(*columns), partners.values_list(*columns), all=True)
        .order_by(*columns)
    )


class ActionLead(models.Model):
    partnership_path = "action__plan__partnership"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="leads")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="action_leads")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["action", "order"]
        constraints = [
            models.UniqueConstraint(fields=["action", "agency"], name="unique_lead_agency"),
        ]
        # An agency's leads in order of their actions: the action list's lead-agency
        # chooser asks each agency for its newest or oldest (actions.choices.lead_agencies).
        indexes = [models.Index(fields=["agency", "action"], name="lead_agency_action")]

    def __str__(self):
        return f"{self.agency} leads {self.action}"


class Publication(models.TextChoices):
    INTERNAL = "internal", "Internal"
    REQUESTED = "requested", "Waiting for approval"
    PUBLISHED = "published", "On the public summary"


# The fields of an update that ActionQuerySet.refresh_latest() reads.
READ_BY_REFRESH = {"date", "action", "action_id", "percent_complete"}


class ProgressUpdateQuerySet(models.QuerySet):
    def reporting_percent_newest_first(self):
        """The updates that reported a percent complete, newest first."""
        return self.filter(percent_complete__isnull=False).order_by(*NEWEST_UPDATE_FIRST)

    def latest_percent_complete(self) -> int | None:
        """The percent complete of the newest update that reported one, or None."""
        reported = self.reporting_percent_newest_first()
        return reported.values_list("percent_complete", flat=True).first()

    def published(self):
        """Updates the public may read (their plan must be published too: see the public
        summary)."""
        return self.filter(publication=Publication.PUBLISHED)

    def awaiting_approval_for(self, user):
        """Requests to publish, in the partnerships where the user may approve them: the
        rule "actions.publish_update", in SQL."""
        requested = self.filter(publication=Publication.REQUESTED)
        return objects_permitted(requested, user, "actions.publish_update")


# ProgressUpdate's check constraints that validate_constraints() evaluates in Python: the
# field each reads and whether a value satisfies it (tests/actions/test_update_constraints.py
# holds each to the database's own answer).
CHECKED_IN_PYTHON = {
    "progress_percent_at_most_100": (
        "percent_complete",
        lambda value: value is None or value <= 100,
    ),
    "progress_text_not_empty": ("text", lambda value: value != ""),
}


class ProgressUpdate(models.Model):
    partnership_path = "action__plan__partnership"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    author_name = models.CharField(
        max_length=200, blank=True, help_text="Who wrote it, when not a user (imported updates)."
    )
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    figure = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    publication = models.CharField(
        max_length=10,
        choices=Publication.choices,
        default=Publication.INTERNAL,
        help_text="Only published updates appear on the public summary.",
    )
    is_example = models.BooleanField(
        "Example activity",
        default=False,
        help_text="Made up by load_demo to show the service in use; not a real update.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-date", "-created_at"]
        indexes = [
            models.Index(fields=["action", "-date"], name="progress_action_newest"),
            # Requests to publish are a handful among millions of updates: counted on home
            # and My actions for every approver, they were a scan of the whole table.
            models.Index(
                fields=["action"],
                condition=Q(publication=Publication.REQUESTED),
                name="progress_requested",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True) | Q(percent_complete__lte=100),
                name="progress_percent_at_most_100",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="progress_text_not_empty"),
        ]

    def __str__(self):
        return f"{self.action} on {self.date}"

    def save(self, *args, refresh_action=True, **kwargs):
        """Save, then refresh what the action stores from its updates (refresh_latest()).
        record_progress() passes refresh_action=False: it writes those values itself, in the
        action's own UPDATE, inside its transaction, so no savepoint is needed here either."""
        if not refresh_action:
            with transaction.atomic(savepoint=False):
                return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            super().save(*args, **kwargs)
            if update_fields is None or READ_BY_REFRESH & set(update_fields):
                self._refresh_actions()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            self._refresh_actions()
        return deleted

    def validate_constraints(self, exclude=None):
        """Validate as Django does, but the check constraints of CHECKED_IN_PYTHON without
        the database: Django asks it about each one (a query, and a savepoint inside a
        transaction) on every form of an update that validates."""
        exclude = set(exclude or ())
        errors = {}
        for model, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    _validate(constraint, model, self, exclude)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _refresh_actions(self):
        ids = {self.action_id, getattr(self, "_stored_action_id", None)} - {None}
        Action.objects.filter(pk__in=ids).refresh_latest()
        self._stored_action_id = self.action_id

    @classmethod
    def from_db(cls, db, field_names, values):
        update = super().from_db(db, field_names, values)
        # The action it belonged to when read: moving it refreshes both actions.
        update._stored_action_id = update.__dict__.get("action_id")
        return update

    @property
    def signed_by(self):
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return self.author_name or "Imported"


def _validate(constraint, model, update: ProgressUpdate, exclude: set) -> None:
    """One constraint, as Model.validate_constraints() checks it: skipped if it reads an
    excluded field (one that failed validation or is not on the form)."""
    in_python = CHECKED_IN_PYTHON.get(constraint.name)
    if in_python is None:
        constraint.validate(model, update, exclude=exclude)
        return
    name, holds = in_python
    if name not in exclude and not holds(getattr(update, name)):
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )


@receiver(pre_create_historical_record, sender=Action.history.model)
def snapshot_links(sender, instance, history_instance, **kwargs):
    if history_instance.history_type == "~":
        for name, value in instance.link_snapshot().items():
            setattr(history_instance, name, value)
