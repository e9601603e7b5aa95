"""A plan's actions, their links to priorities and agencies, and the progress the document
reports. A report on a plan already held adds its progress to the plan's actions of the same
title, and adds the actions the plan does not have."""

import datetime

from django.utils import timezone

from actions.models import Action, ActionLead, ProgressUpdate, Status

from .fits import imported_from
from .names import name_key


class ActionWriter:
    def __init__(self, recorder, parsed, plans, agencies):
        self.recorder = recorder
        self.parsed = parsed
        self.plans = plans  # the PlanWriter, for the plan and its priorities by code
        self.agencies = agencies

    def write(self):
        plan = self.plans.plan
        existing = {}
        if self.plans.attached:
            for action in plan.actions.all():
                existing.setdefault(name_key(action.title), action)
        infos, reported = [], []
        for info in self.parsed.actions:
            action = existing.get(name_key(info.title))
            if action is None:
                infos.append(info)
            else:
                reported.append((action, info))
        actions = self.recorder.bulk_create(
            Action, self._new_actions(plan, infos, start=len(existing))
        )
        pairs = list(zip(actions, infos, strict=True))
        self._link_priorities(pairs)
        self._link_agencies(pairs)
        self._progress(pairs + reported)

    def _new_actions(self, plan, infos, start):
        default_rag = Action._meta.get_field("rag").default
        # A document that says nothing of how far an action has got leaves it not known,
        # rather than claiming it has not started.
        default_status = Status.UNKNOWN
        for order, info in enumerate(infos, start=start):
            yield Action(
                plan=plan,
                title=info.title,
                description=info.description,
                target=info.target,
                timescale=info.timescale,
                start_date=info.start,
                due_date=info.due,
                rag=info.rag or default_rag,
                status=info.status or default_status,
                order=order,
            )

    def _link_priorities(self, pairs):
        # Link rows go with their action when it is deleted: undo need not record them.
        Link = Action.priorities.through
        Link.objects.bulk_create(
            Link(action=action, priority=priority)
            for action, info in pairs
            for priority in dict.fromkeys(
                self.plans.priority(code, info.line) for code in info.priority_codes
            )
        )

    def _link_agencies(self, pairs):
        leads, partners = [], []
        Partner = Action.partner_agencies.through
        for action, info in pairs:
            for order, agency in enumerate(self.agencies.distinct(info.lead_agencies)):
                leads.append(ActionLead(action=action, agency=agency, order=order))
            for agency in self.agencies.distinct(info.partner_agencies):
                partners.append(Partner(action=action, agency=agency))
        self.recorder.bulk_create(ActionLead, leads)
        Partner.objects.bulk_create(partners)

    def _progress(self, pairs):
        """The document's progress text as updates dated by the document, each once: a
        report imported again after a new export adds nothing it already added."""
        update_date = self._progress_date()
        held = set(
            ProgressUpdate.objects.filter(
                action__in=[action for action, _ in pairs], date=update_date
            ).values_list("action_id", "text")
        )
        self.recorder.bulk_create(
            ProgressUpdate,
            (
                ProgressUpdate(
                    action=action,
                    date=update_date,
                    text=text,
                    rag=info.rag,
                    author_name=imported_from(self.parsed.source),
                )
                for action, info in pairs
                for text in dict.fromkeys(info.progress)
                if (action.pk, text) not in held
            ),
        )
        # Bulk inserts skip ProgressUpdate.save(): keep each action's date and rating right here.
        Action.objects.filter(pk__in=[action.pk for action, _ in pairs]).refresh_latest()

    def _progress_date(self) -> datetime.date:
        """Documents do not date each update: use the document's date, never the future."""
        plan = self.parsed.plan
        candidates = [d for d in (plan.last_updated, plan.end) if d is not None]
        return min(candidates[0], timezone.localdate())
