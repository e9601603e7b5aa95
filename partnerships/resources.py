"""CSV and XLSX import and export of agencies with their aliases, matched on the name."""

from import_export import fields, resources

from partnerships.models import Agency, AgencyAlias


class AgencyResource(resources.ModelResource):
    aliases = fields.Field(column_name="aliases")

    class Meta:
        model = Agency
        import_id_fields = ["name"]
        fields = ["name", "sector", "aliases"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True

    def get_export_queryset(self, request=None):
        return Agency.objects.prefetch_related("aliases")

    def dehydrate_aliases(self, agency):
        return "; ".join(alias.alias for alias in agency.aliases.all()) if agency.pk else ""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        existing = original is not None and original.pk
        if existing and self.dehydrate_aliases(original) != "; ".join(self._aliases(row)):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        wanted = self._aliases(row)
        instance.aliases.exclude(alias__in=wanted).delete()
        have = set(instance.aliases.values_list("alias", flat=True))
        AgencyAlias.objects.bulk_create(
            AgencyAlias(agency=instance, alias=alias) for alias in wanted if alias not in have
        )

    @staticmethod
    def _aliases(row):
        return sorted({a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()})
