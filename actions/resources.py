"""CSV and XLSX import and export of actions and progress updates (django-import-export).

Rows are matched on `id`, so an exported file re-imports as updates, never duplicates;
a row with no id is a new record. Priorities are written as their codes within the plan
("A, 2") and lead agencies as names or aliases in order ("SADC; Police").
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from actions.models import Action, ProgressUpdate
from partnerships.models import Agency
from plans.models import Plan


def split_list(text, separator):
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


class BlankTextResource(resources.ModelResource):
    """Spreadsheets give empty cells as None; our text columns store them as ""."""

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for field in self._meta.model._meta.get_fields():
            is_text = field.get_internal_type() in {"CharField", "TextField"}
            if is_text and not field.null and field.name in row and row[field.name] is None:
                row[field.name] = ""


class ActionResource(BlankTextResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=ForeignKeyWidget(Plan))
    partnership = fields.Field(column_name="partnership", readonly=True)
    priority_codes = fields.Field(column_name="priority_codes")
    lead_agencies = fields.Field(column_name="lead_agencies")

    class Meta:
        model = Action
        fields = [
            "id",
            "partnership",
            "plan",
            "title",
            "description",
            "priority_codes",
            "lead_agencies",
            "target",
            "timescale",
            "start_date",
            "due_date",
            "status",
            "rag",
            "order",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True

    def get_export_queryset(self, request=None):
        return Action.objects.select_related("plan__partnership").prefetch_related(
            "priorities", "leads__agency"
        )

    def dehydrate_partnership(self, action):
        return action.plan.partnership.slug

    def dehydrate_priority_codes(self, action):
        return ", ".join(priority.code for priority in action.priorities.all())

    def dehydrate_lead_agencies(self, action):
        return "; ".join(lead.agency.name for lead in action.leads.all())

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        errors = {}
        try:
            instance._imported_priorities = self._priorities(instance, row)
        except ValidationError as error:
            errors["priority_codes"] = error
        try:
            instance._imported_leads = self._lead_agencies(row)
        except ValidationError as error:
            errors["lead_agencies"] = error
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        instance.priorities.set(instance._imported_priorities)
        current = [lead.agency_id for lead in instance.leads.all()]
        if current != [agency.pk for agency in instance._imported_leads]:
            instance.set_lead_agencies(instance._imported_leads)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None and original.pk and not import_validation_errors:
            old_priorities = set(original.priorities.values_list("pk", flat=True))
            old_leads = [lead.agency_id for lead in original.leads.all()]
            if old_priorities != {p.pk for p in instance._imported_priorities} or old_leads != [
                a.pk for a in instance._imported_leads
            ]:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    @staticmethod
    def _priorities(action, row):
        codes = split_list(row.get("priority_codes"), ",")
        if not codes:
            return []
        found = {p.code: p for p in action.plan.priorities.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise ValidationError(f"No priority {', '.join(missing)} in plan “{action.plan}”.")
        return [found[code] for code in codes]

    @staticmethod
    def _lead_agencies(row):
        agencies = []
        for name in split_list(row.get("lead_agencies"), ";"):
            agency = Agency.objects.resolve(name)
            if agency is None:
                raise ValidationError(f"No agency is called or known as “{name}”.")
            agencies.append(agency)
        return agencies


class ProgressUpdateResource(BlankTextResource):
    action = fields.Field(attribute="action", column_name="action", widget=ForeignKeyWidget(Action))

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "date",
            "text",
            "status",
            "rag",
            "percent_complete",
            "figure",
            "unit",
            "author_name",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
