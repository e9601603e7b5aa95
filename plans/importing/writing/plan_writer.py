"""The plan a document is, with its priorities and success criteria. A report on a plan
already held is attached to it and adds only what the plan lacks."""

from plans.models import Plan, Priority, SuccessCriterion

from ..plan_finding import free_code, plan_reported_on
from ..structure import DocumentError
from ..text import is_same_title


class PlanWriter:
    def __init__(self, recorder, parsed, partnership):
        self.recorder = recorder
        self.parsed = parsed
        self.partnership = partnership
        self.plan = None
        self.attached = False  # whether the plan was there before this import
        self.priorities: dict[str, Priority] = {}  # by the document's code

    def write_plan(self):
        self.plan = self._plan()
        self.attached = self.plan.pk not in self.recorder.created_pks(Plan)
        return self.plan

    def write_parts(self):
        """The plan's priorities and success criteria (after write_plan)."""
        self._priorities()
        self._success_criteria()

    def priority(self, code, line):
        try:
            return self.priorities[code]
        except KeyError:
            message = f"no priority {code!r} in the plan"
            raise DocumentError(message, self.parsed.source, line) from None

    def _plan(self):
        """The plan the document is: for an update or monitoring report, the partnership's
        plan for the period reported on where one exists; otherwise a new plan."""
        info = self.parsed.plan
        existing = None
        if info.kind == Plan.Kind.UPDATE_REPORT:
            existing = plan_reported_on(self.partnership, info.start, info.end)
        if existing is not None:
            self.recorder.report.linked.append(f"plan {existing.title}")
            return existing
        return self.recorder.create(
            Plan,
            partnership=self.partnership,
            kind=info.kind,
            title=info.title,
            period_start=info.start,
            period_end=info.end,
            status=info.status,
            last_updated=info.last_updated,
            source_document=self.parsed.source,
        )

    def _priorities(self):
        """The document's priorities; a report on an existing plan reuses the plan's own
        where the title is the same, and gives a new one a code the plan has not used."""
        existing = list(self.plan.priorities.all()) if self.attached else []
        taken = {priority.code for priority in existing}
        new = []
        for order, info in enumerate(self.parsed.priorities):
            same = next((p for p in existing if is_same_title(info.title, p.title)), None)
            if same is not None:
                self.priorities[info.code] = same
                continue
            code = free_code(info.code, taken)
            taken.add(code)
            new.append(
                (
                    info.code,
                    Priority(
                        plan=self.plan,
                        code=code,
                        kind=info.kind,
                        title=info.title,
                        narrative=info.narrative,
                        order=(info.order or order) + len(existing),
                        consultation_rank=info.consultation_rank,
                    ),
                )
            )
        created = self.recorder.bulk_create(Priority, (priority for _, priority in new))
        self.priorities.update(zip((code for code, _ in new), created, strict=True))

    def _success_criteria(self):
        # A report on an existing plan repeats the strategy's targets: keep each once.
        held = set(
            SuccessCriterion.objects.filter(priority__plan=self.plan).values_list(
                "priority_id", "text"
            )
            if self.attached
            else ()
        )
        self.recorder.bulk_create(
            SuccessCriterion,
            (
                SuccessCriterion(
                    priority=priority,
                    text=info.text,
                    associated=info.associated,
                    laa_target=info.laa,
                    target_value=info.target_value,
                    target_unit=info.target_unit,
                    order=order,
                )
                for order, info in enumerate(self.parsed.success_criteria)
                for priority in [self.priority(info.priority_code, info.line)]
                if (priority.pk, info.text) not in held
            ),
        )
