from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnerships.models import Partnership
from partnerships.rules import in_partnerships_visible_to


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENT = "percent", "Percentage"
        RATE_PER_1000 = "rate_per_1000", "Rate per 1,000 population"
        RANK = "rank", "Rank"

    class Direction(models.TextChoices):
        LOWER_IS_BETTER = "lower", "Lower is better"
        HIGHER_IS_BETTER = "higher", "Higher is better"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.LOWER_IS_BETTER
    )
    police_category = models.CharField(
        "police.uk crime type", max_length=100, blank=True, help_text='For example "Burglary".'
    )
    ons_category = models.CharField("ONS offence group", max_length=100, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def lower_is_better(self):
        return self.direction == self.Direction.LOWER_IS_BETTER


class PeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        return in_partnerships_visible_to(self, user)


def period_constraint(name):
    return models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name=name)


class Observation(models.Model):
    """One figure for one indicator, partnership and period. Changes are computed, not stored."""

    partnership_path = "partnership"  # see partnerships.access.partnership_path

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="observations"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "partnership", "period_start", "period_end"],
                name="unique_observation_per_period",
            ),
            period_constraint("observation_period_end_not_before_start"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.partnership} {self.period_start}–{self.period_end}"


class Target(models.Model):
    partnership_path = "partnership"

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "partnership", "period_start", "period_end"],
                name="unique_target_per_period",
            ),
            period_constraint("target_period_end_not_before_start"),
        ]

    def __str__(self):
        return f"Target {self.indicator} {self.partnership} {self.period_start}–{self.period_end}"


class PoliceImport(models.Model):
    """One upload of data.police.uk street-level files: previewed first, then saved."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Previewed, not saved"
        SAVED = "saved", "Saved"

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    files = models.JSONField(default=list, help_text="Name, SHA-256 and row count of each file.")
    rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    outside_area = models.PositiveIntegerField(default=0)
    no_location = models.PositiveIntegerField(default=0)
    tally = models.JSONField(
        default=dict, help_text="The counts read from the files, saved when confirmed."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "police data import"

    def __str__(self):
        names = ", ".join(file["name"] for file in self.files) or "no files"
        return f"{names} ({self.get_status_display().lower()})"

    @classmethod
    def preview_of(cls, tally, created_by=None) -> "PoliceImport":
        """A stored preview of what police_data read (a Tally), to be confirmed later."""
        return cls.objects.create(
            created_by=created_by,
            files=tally.files,
            rows=tally.rows,
            imported=tally.imported,
            outside_area=tally.outside_area,
            no_location=tally.no_location,
            tally=tally.to_storable(),
        )


class PoliceCrimeCount(models.Model):
    """Street-level crimes one force reported in one month in a partnership's area, by type.

    Kept per force so that re-importing one force's month replaces only that force's rows;
    the partnership's monthly observations are the sums over forces.
    """

    partnership_path = "partnership"

    force = models.CharField(max_length=100)
    month = models.DateField(help_text="The first day of the month.")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="police_counts"
    )
    crime_type = models.CharField("police.uk crime type", max_length=100)
    count = models.PositiveIntegerField()
    batch = models.ForeignKey(
        PoliceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="counts"
    )

    class Meta:
        ordering = ["month", "partnership", "crime_type", "force"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "month", "partnership", "crime_type"],
                name="unique_police_count",
            ),
        ]

    def __str__(self):
        return f"{self.crime_type}, {self.partnership}, {self.month:%Y-%m}: {self.count}"


class MeetingPack(models.Model):
    """A meeting pack as a coordinator issued it for a RAG meeting.

    `content` is everything the pack showed, frozen when it was issued (see
    performance.meeting_pack): later edits to actions, updates or figures never change what
    the meeting saw, and the next pack compares with these ratings.
    """

    partnership_path = "partnership"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="meeting_packs"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="meeting_packs")
    period_start = models.DateField()
    period_end = models.DateField()
    meeting_date = models.DateField()
    as_at = models.DateField(help_text="The date the pack's figures are as at.")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField(help_text="Everything the pack showed, as issued.")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "-issued_at"]
        constraints = [period_constraint("meeting_pack_period_end_not_before_start")]

    def __str__(self):
        return f"Meeting pack for {self.meeting_date:%-d %B %Y}: {self.plan}"


from performance.county_export import CountyExport  # noqa: E402, F401  (a model of this app)
