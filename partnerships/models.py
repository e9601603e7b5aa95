from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

# The plans a home-page card lists (the newest; the rest are on the partnership's page).
HOME_CARD_PLANS = 3


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Partnerships in which the user holds any role (all of them for superusers)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(roles__user=user).distinct()

    def for_home(self, user, search: str = ""):
        """The home page's partnerships: those the user sees, by county then name, each word
        of `search` found in the name, county or area; each with its number of plans and its
        newest HOME_CARD_PLANS plans (`newest_plans`), so a card stays short after 15 years."""
        from plans.models import Plan  # plans depends on this module

        partnerships = self.visible_to(user)
        for word in search.split():
            partnerships = partnerships.filter(
                Q(name__icontains=word) | Q(county__icontains=word) | Q(area__icontains=word)
            )
        plan_count = (
            Plan.objects.filter(partnership=OuterRef("pk"))
            .order_by()
            .values("partnership")
            .annotate(count=Count("pk"))
            .values("count")
        )
        newest = Plan.objects.order_by("-period_start", "-pk")[:HOME_CARD_PLANS]
        return (
            partnerships.order_by("county", "name")
            .annotate(plan_count=Coalesce(Subquery(plan_count), 0))
            .prefetch_related(models.Prefetch("plans", queryset=newest, to_attr="newest_plans"))
        )


class Partnership(models.Model):
    partnership_path = ""  # see partnerships.access.partnership_path

    class Kind(models.TextChoices):
        CSP = "csp", "Community Safety Partnership"
        CDRP = "cdrp", "Crime and Disorder Reduction Partnership"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.CSP)
    area = models.CharField(
        max_length=200, blank=True, help_text="The district the partnership covers."
    )
    county = models.CharField(max_length=100, blank=True)
    ons_code = models.CharField(
        "ONS area code", max_length=9, blank=True, help_text="For example E07000240 (St Albans)."
    )
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    update_interval_days = models.PositiveIntegerField(
        default=90, help_text="An action with no progress update for longer than this is stale."
    )
    rag_amber_gap = models.PositiveIntegerField(
        default=10,
        help_text="Computed RAG: amber when progress is this many percentage points behind time.",
    )
    rag_red_gap = models.PositiveIntegerField(
        default=25,
        help_text="Computed RAG: red when progress is this many percentage points behind time.",
    )
    public_summary_enabled = models.BooleanField(
        default=False, help_text="Publish a summary of the published plan, readable without login."
    )
    publication_needs_approval = models.BooleanField(
        default=False,
        help_text="An agency officer's request to publish a progress update waits for a "
        "coordinator's approval.",
    )
    history = HistoricalRecords()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"], condition=~Q(ons_code=""), name="unique_partnership_ons_code"
            ),
            models.CheckConstraint(
                condition=Q(rag_red_gap__gte=models.F("rag_amber_gap")),
                name="partnership_red_gap_not_below_amber_gap",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])


class PopulationEstimate(models.Model):
    """Resident population of a partnership's area in a year, for rates per 1,000."""

    partnership_path = "partnership"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="unique_population_year"),
            models.CheckConstraint(condition=Q(population__gt=0), name="population_positive"),
        ]

    def __str__(self):
        return f"{self.partnership} {self.year}: {self.population}"


class AgencyQuerySet(models.QuerySet):
    def resolve(self, name: str):
        """The agency called `name` or known by it as an alias, ignoring case; or None."""
        name = " ".join(name.split())
        return self.filter(Q(name__iexact=name) | Q(aliases__alias__iexact=name)).distinct().first()


class Agency(models.Model):
    class Sector(models.TextChoices):
        COUNCIL = "council", "Local authority"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        PROBATION = "probation", "Probation"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        HOUSING = "housing", "Housing"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OTHER)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_agency_name_ci"),
        ]

    def __str__(self):
        return self.name


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "agency aliases"
        constraints = [
            models.UniqueConstraint(Lower("alias"), name="unique_agency_alias_ci"),
        ]

    def __str__(self):
        return self.alias


class Membership(models.Model):
    partnership_path = "partnership"

    class Role(models.TextChoices):
        RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority"
        MEMBER = "member", "Member"
        OTHER_AGENCY = "other_agency", "Other agency worked with"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.MEMBER)
    from_year = models.PositiveSmallIntegerField(null=True, blank=True)
    to_year = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "role", "agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_year__isnull=True)
                | Q(from_year__isnull=True)
                | Q(to_year__gte=models.F("from_year")),
                name="membership_years_in_order",
            ),
            models.UniqueConstraint(
                fields=["partnership", "agency", "role", "from_year"],
                name="unique_membership_period",
            ),
        ]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()}) in {self.partnership}"


class Role(models.Model):
    """What a user may do in one partnership. The rules themselves are in rules.py."""

    partnership_path = "partnership"

    class Name(models.TextChoices):
        VIEWER = "viewer", "Viewer"
        AGENCY_OFFICER = "agency_officer", "Agency officer"
        COORDINATOR = "coordinator", "Coordinator"
        PARTNERSHIP_ADMIN = "partnership_admin", "Partnership admin"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=20, choices=Name.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officer_roles",
        help_text="Required for agency officers: the agency whose actions they update.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "name"], name="unique_role_per_partnership"
            ),
            models.CheckConstraint(
                condition=~Q(name="agency_officer") | Q(agency__isnull=False),
                name="agency_officer_has_agency",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_name_display()} of {self.partnership}"

    def clean(self):
        # The same rule as partnerships.roles.grant_role, for the admin's form.
        if self.name == self.Name.AGENCY_OFFICER and self.agency_id is None:
            raise ValidationError(
                {"agency": "An agency officer needs the agency whose actions they update."}
            )
        if self.name != self.Name.AGENCY_OFFICER and self.agency_id is not None:
            raise ValidationError({"agency": "Only agency officers belong to an agency."})


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Invitations whose link still works: not yet accepted, not yet expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """A partnership admin's invitation to a role, sent by e-mail with a single-use link.

    Only a hash of the link's token is kept, so the table alone cannot be used to accept.
    """

    partnership_path = "partnership"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.Name.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation_accepted",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="agency_officer") | Q(agency__isnull=False),
                name="invited_agency_officer_has_agency",
            ),
        ]

    def __str__(self):
        return f"{self.email} — {self.get_role_display()} of {self.partnership}"
