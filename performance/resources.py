"""CSV and XLSX import and export of observations, matched on indicator, partnership, period."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from partnerships.models import Partnership
from performance.models import Indicator, Observation


class ObservationResource(resources.ModelResource):
    indicator = fields.Field(
        attribute="indicator", column_name="indicator", widget=ForeignKeyWidget(Indicator, "slug")
    )
    partnership = fields.Field(
        attribute="partnership",
        column_name="partnership",
        widget=ForeignKeyWidget(Partnership, "slug"),
    )

    class Meta:
        model = Observation
        import_id_fields = ["indicator", "partnership", "period_start", "period_end"]
        fields = ["indicator", "partnership", "period_start", "period_end", "value", "source"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True

    def get_export_queryset(self, request=None):
        return Observation.objects.select_related("indicator", "partnership")
