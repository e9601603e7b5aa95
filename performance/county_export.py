"""A county-wide CSV of every action of every partnership's current plan, as a background task.

Someone who may see a county's comparison asks for it on the county page; the task
(performance/tasks.py) runs `CountyExport.run`, which writes the CSV into the row, and the
export's own page shows whether it is queued, running, done or failed and offers the file.
A superuser may also export every partnership at once (`county` empty).

Whose actions: only those of partnerships where the requester holds a role (all of them for
a superuser), as the county page shows a partnership's own pages only to them: someone with
a role in one district of the county sees the other districts' RAG counts there, never their
actions, so their export holds their own partnerships only. The plan of each partnership is
the one the county page counts (`current_plan`: running today, else the latest).

A running export beats every HEARTBEAT_SECONDS; one whose worker has not been heard from
for WORKER_LOST_AFTER_MINUTES (csp/background.py's rule, the document imports' too) is shown
stopped, with a button to ask again, and `manage.py tidy_background_work` marks it failed.
The tidy also removes every export, and so its CSV, COUNTY_EXPORT_KEEP_DAYS after it was
asked for.
"""

import csv
import datetime
import io
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action
from csp.background import (
    HEARTBEAT_SECONDS,
    Heartbeat,
    WatchedWork,
    mark_never_started,
    mark_worker_lost,
)
from partnerships.models import Partnership
from performance.dashboards import current_plan
from plans.models import Plan, Priority
from plans.reports.rows import COLUMNS, EXTRA_COLUMNS, report_rows
from plans.reports.spreadsheet import csv_cells

HEADER = ["Partnership", "Plan", *COLUMNS, *EXTRA_COLUMNS]
LOST_ERROR = (
    "Stopped: the worker writing the file was lost (nothing was heard from it for {minutes} "
    "minutes)."
)
NEVER_STARTED_ERROR = "Stopped: its task ended before a worker started writing the file."


class CountyExportQuerySet(models.QuerySet):
    def for_list(self):
        """Without the CSV itself, which may run to megabytes."""
        return self.defer("content")

    def mark_lost(self, now=None) -> int:
        """Mark failed the running exports whose worker is lost, and those still queued
        whose task has ended, with their task results; how many were marked."""
        now = now or timezone.now()
        error = LOST_ERROR.format(minutes=settings.WORKER_LOST_AFTER_MINUTES)
        marked = mark_worker_lost(self, now, error=error)
        queued = CountyExport.State.QUEUED
        return marked + mark_never_started(self, now, queued, error=NEVER_STARTED_ERROR)

    def remove_old(self, now=None) -> int:
        """Delete the exports, with their CSVs, asked for over COUNTY_EXPORT_KEEP_DAYS ago,
        except those still running (their worker is heard from); how many were removed."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.COUNTY_EXPORT_KEEP_DAYS)
        old = self.filter(requested_at__lt=cutoff).exclude(state=CountyExport.State.RUNNING)
        removed, _by_model = old.delete()
        return removed


class CountyExport(WatchedWork, models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued: waiting for a worker"
        RUNNING = "running", "Running: writing the file"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Failed"

    # A random key, so that one export's address says nothing about any other's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    county = models.CharField(
        max_length=100, blank=True, help_text="Empty: every partnership (superusers only)."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_exports"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life from the worker writing it (README, "Background tasks").
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Set when its worker was found lost.
    lost_at = models.DateTimeField(null=True, blank=True)
    partnerships = models.PositiveIntegerField(default=0, help_text="Partnerships exported.")
    rows = models.PositiveIntegerField(default=0, help_text="Actions exported.")
    content = models.TextField(blank=True, help_text="The CSV, once done.")
    error = models.TextField(blank=True)

    objects = CountyExportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Export of {self.scope}: {self.get_state_display()}"

    @property
    def scope(self) -> str:
        return self.county or "every partnership"

    @property
    def county_slug(self) -> str:
        return slugify(self.county)

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def may_ask_again(self) -> bool:
        return self.state == self.State.FAILED or self.is_lost

    @property
    def file_name(self) -> str:
        return f"{self.county_slug or 'all-partnerships'}-actions-{self.requested_at:%Y-%m-%d}.csv"

    @classmethod
    def start(cls, user, county: str = "") -> "CountyExport":
        """Record the export and enqueue it; with the immediate backend it is done on return."""
        from performance.tasks import export_county_actions

        export = cls.objects.create(county=county, requested_by=user)
        result = export_county_actions.enqueue(str(export.pk))
        cls.objects.filter(pk=export.pk).update(task_id=str(result.id))
        export.refresh_from_db()
        return export

    def run(self, today: datetime.date | None = None) -> None:
        """Write the CSV, recording the outcome; an export already started does nothing."""
        now = timezone.now()
        claimed = CountyExport.objects.filter(pk=self.pk, state=self.State.QUEUED).update(
            state=self.State.RUNNING, started_at=now, heartbeat_at=now
        )
        if not claimed:
            return
        try:
            with Heartbeat(self.beat, HEARTBEAT_SECONDS):
                content, partnerships, rows = actions_csv(
                    self.requested_by, self.county, today or timezone.localdate()
                )
        except Exception as error:
            # Recorded for the export's page, then raised again so that the task's own
            # result keeps the traceback.
            message = f"The export stopped with an error ({type(error).__name__})."
            self._finish(self.State.FAILED, error=message)
            raise
        self._finish(self.State.DONE, content=content, partnerships=partnerships, rows=rows)

    def beat(self) -> None:
        """Record that the worker writing this export is alive."""
        running = CountyExport.objects.filter(pk=self.pk, state=self.State.RUNNING)
        running.update(heartbeat_at=timezone.now())

    def _finish(self, state, **fields) -> None:
        fields.update(state=state, finished_at=timezone.now())
        CountyExport.objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)


def exported_partnerships(user, county: str):
    """The partnerships an export by `user` covers: those of `county` (every one if empty)
    in which they hold a role, or all of them for a superuser."""
    partnerships = Partnership.objects.visible_to(user)
    return partnerships.filter(county=county) if county else partnerships


def chosen_plans(user, county: str, today: datetime.date) -> list[Plan]:
    """Each exported partnership's current plan (the county page's), by partnership name."""
    partnerships = exported_partnerships(user, county).values("pk")
    plans = (
        Plan.objects.filter(partnership__in=partnerships)
        .select_related("partnership")
        .annotate(action_count=Count("actions"))
        .order_by()
    )
    by_partnership = defaultdict(list)
    for plan in plans:
        by_partnership[plan.partnership_id].append(plan)
    chosen = [current_plan(found, today) for found in by_partnership.values()]
    return sorted(chosen, key=lambda plan: (plan.partnership.name, plan.partnership_id))


def actions_csv(user, county: str, today: datetime.date) -> tuple[str, int, int]:
    """(CSV, partnerships, actions): a row per action, in five queries whatever the size."""
    plans = chosen_plans(user, county, today)
    by_id = {plan.pk: plan for plan in plans}
    order = {plan.pk: index for index, plan in enumerate(plans)}
    priorities = Priority.objects.filter(plan__in=list(by_id)).order_by("plan_id", "order", "code")
    actions = Action.objects.filter(plan__in=list(by_id)).order_by("plan_id", "order", "pk")
    found = report_rows(actions, list(priorities)) if plans else []
    found.sort(key=lambda pair: order[pair[0].plan_id])  # stable: each plan keeps its order
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for action, row in found:
        plan = by_id[action.plan_id]
        writer.writerow(csv_cells([plan.partnership.name, plan.title, *row.all_cells()]))
    return buffer.getvalue(), len(plans), len(found)
