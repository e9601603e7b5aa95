"""Saving a form whose fields decide computed RAG ratings, and rating again at once.

A plan's RAG method and period, and a partnership's thresholds, change what the computed
ratings are today; waiting for tonight's refresh_rag would show stale ratings meanwhile."""

import datetime

from django.db import transaction

from actions import rag
from actions.models import Action

PLAN_RATING_FIELDS = {"rag_method", "period_start", "period_end"}
PARTNERSHIP_RATING_FIELDS = {"rag_amber_gap", "rag_red_gap"}


def _save_and_rerate(form, rating_fields: set[str], actions, today: datetime.date):
    """Save the form and, if any of `rating_fields` changed, recompute `actions` (a
    callable of the saved object), in one transaction."""
    with transaction.atomic():
        saved = form.save()
        if rating_fields & set(form.changed_data):
            rag.refresh(actions(saved), today)
    return saved


def save_plan(form, today: datetime.date):
    """Save a plan's form; a plan that starts computing RAG, or whose period moved, is
    rated at once."""
    return _save_and_rerate(form, PLAN_RATING_FIELDS, lambda plan: plan.actions.all(), today)


def save_partnership_settings(form, today: datetime.date):
    """Save a partnership's settings; new thresholds rate its running plans at once."""
    return _save_and_rerate(
        form,
        PARTNERSHIP_RATING_FIELDS,
        lambda partnership: Action.objects.filter(plan__partnership=partnership).in_current_plans(
            today
        ),
        today,
    )
