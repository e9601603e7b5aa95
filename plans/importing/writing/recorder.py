"""Save rows for one import and remember each, in the order written, for its batch."""

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history


class Recorder:
    def __init__(self, report, user):
        self.report = report
        self.user = user
        self.created = []

    def create(self, model, **values):
        obj = model(**values)
        obj._history_user = self.user  # read by simple-history when it writes the history row
        obj.save(force_insert=True)
        self._record(model, [obj])
        return obj

    def bulk_create(self, model, objects) -> list:
        """Insert many objects at once, with their history rows where the model keeps history.

        SQLite (3.35 and later) and PostgreSQL give bulk-inserted rows their keys back, which
        the import batch records so that undo can find them.
        """
        objects = list(objects)
        if not objects:
            return objects
        if hasattr(model._meta, "simple_history_manager_attribute"):
            objects = bulk_create_with_history(objects, model, default_user=self.user)
        else:
            objects = model.objects.bulk_create(objects)
        self._record(model, objects)
        return objects

    def created_pks(self, model) -> set:
        return {obj.pk for obj in self.created if type(obj) is model}

    def _record(self, model, objects):
        self.created.extend(objects)
        self.report.created[str(model._meta.verbose_name_plural)] += len(objects)


def free_slug(model, name):
    """A slug from the name that no row of the model has yet ("st-albans", "st-albans-2")."""
    max_length = model._meta.get_field("slug").max_length - 4
    base = slugify(name)[:max_length] or model._meta.model_name
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
