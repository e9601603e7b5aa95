"""Undo an import: delete what its batch created, newest first, and nothing else."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone

from plans.models import ImportBatch

from .structure import DocumentError


@dataclass
class UndoReport:
    removed: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)


def undo_batch(batch: ImportBatch) -> UndoReport:
    """Delete what the batch created, newest first, and nothing else.

    An object that others now depend on (a partnership another import added a plan to, an
    agency a later action names) is kept, and the report says so.
    """
    if batch.undone_at is not None:
        raise DocumentError("this import has already been undone", batch.file_name)
    report = UndoReport()
    with transaction.atomic():
        records = list(batch.created.select_related("content_type").order_by("-position"))
        own = {(r.content_type.model_class(), r.object_id) for r in records}
        for record in records:
            model = record.content_type.model_class()
            obj = model.objects.filter(pk=record.object_id).first()
            if obj is None:
                continue
            if _deletes_only(obj, own):
                obj.delete()
                report.removed[str(model._meta.verbose_name_plural)] += 1
            else:
                report.kept.append(f"{model._meta.verbose_name} {obj}")
        batch.created.all().delete()
        batch.undone_at = timezone.now()
        batch.save(update_fields=["undone_at"])
    return report


def _deletes_only(obj, own) -> bool:
    """Whether deleting obj would remove only objects in `own` (and link rows)."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except ProtectedError:
        return False
    for model, instances in collector.data.items():
        if model._meta.auto_created:
            continue
        if any((model, instance.pk) not in own for instance in instances):
            return False
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.auto_created or model.__name__.startswith("Historical"):
            continue
        own_pks = [pk for own_model, pk in own if own_model is model]
        if queryset.exclude(pk__in=own_pks).exists():
            return False
    return True
