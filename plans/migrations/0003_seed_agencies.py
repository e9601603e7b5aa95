"""Seed the agency alias table with the Hertfordshire bodies the first documents name."""

from django.db import migrations
from django.db.models import Q


def seed(apps, schema_editor):
    from plans.importing.agencies import DEFAULT_AGENCIES

    Agency = apps.get_model("partnerships", "Agency")
    AgencyAlias = apps.get_model("partnerships", "AgencyAlias")

    def resolve(name):
        match = Q(name__iexact=name) | Q(aliases__alias__iexact=name)
        return Agency.objects.filter(match).distinct().first()

    for known in DEFAULT_AGENCIES:
        agency = resolve(known.name) or Agency.objects.create(name=known.name, sector=known.sector)
        for alias in known.aliases:
            if resolve(alias) is None:
                AgencyAlias.objects.create(agency=agency, alias=alias)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_import_batches"),
        ("partnerships", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
