"""Two indexes for the pages that every user opens first (issue 11).

`progress_requested`: the progress updates waiting for approval to publish, and only those.
Home and My actions count them for every approver (for a superuser, all of them), and the
requests page lists them: with 2 million updates and a handful requested, each count was a
scan of the whole table (0.4 s at N=300 x 15 years).

`lead_agency_action`: each agency's leads in order of their actions, so the action list's
lead-agency chooser finds an agency's newest or oldest lead in the period by reading one
entry (actions.choices.lead_agencies) instead of joining every lead of the period.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0007_action_newest_update_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="progressupdate",
            index=models.Index(
                condition=models.Q(("publication", "requested")),
                fields=["action"],
                name="progress_requested",
            ),
        ),
        migrations.AddIndex(
            model_name="actionlead",
            index=models.Index(fields=["agency", "action"], name="lead_agency_action"),
        ),
    ]
