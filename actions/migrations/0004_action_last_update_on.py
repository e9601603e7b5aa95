from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_last_update_on(apps, schema_editor):
    # One UPDATE over every action, as ActionQuerySet.refresh_last_update() does.
    Action = apps.get_model("actions", "Action")
    ProgressUpdate = apps.get_model("actions", "ProgressUpdate")
    newest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date")
    Action.objects.update(last_update_on=Subquery(newest.values("date")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_update_publication"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="last_update_on",
            field=models.DateField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="The date of the newest progress update: stored, so lists sort and "
                "filter by it with an index. Written only by "
                "ActionQuerySet.refresh_last_update().",
                null=True,
                verbose_name="Last update",
            ),
        ),
        migrations.RunPython(fill_last_update_on, migrations.RunPython.noop, elidable=True),
    ]
