"""Demo data for a first look: the seed documents and police.uk months imported, one user
per role, and a quarter of example activity in the running St Albans plan."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.utils import timezone

from actions import demo
from partnerships.models import Agency, Partnership, Role
from performance import meeting_pack

DOCUMENTS = Path(settings.BASE_DIR) / "fixtures" / "documents"
# Real police.uk months, where the shared data folder sits beside the project.
POLICE_DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "real"
# The partnership whose running plan gets a quarter of example activity.
EXAMPLE_PARTNERSHIP = "St Albans"
DEMO_USERS = [
    # username, role, agency name (for agency officers)
    ("coordinator", Role.Name.COORDINATOR, None),
    ("police.officer", Role.Name.AGENCY_OFFICER, "Hertfordshire Constabulary"),
    ("rag.member", Role.Name.VIEWER, None),
    ("partnership.admin", Role.Name.PARTNERSHIP_ADMIN, None),
]


class Command(BaseCommand):
    help = "Import the seed documents (and police.uk months) and create one user per role."

    def handle(self, *args, **options):
        documents = sorted(str(path) for path in DOCUMENTS.glob("*.txt"))
        call_command("import_document", *documents, stdout=self.stdout)
        police_files = sorted(str(path) for path in POLICE_DATA.glob("*-street.csv"))
        if police_files:
            call_command("import_police_data", *police_files, stdout=self.stdout)
        for census in POLICE_DATA.glob("census-2011-2021-population-by-lad.csv"):  # rates per 1,000
            call_command("import_populations", str(census), stdout=self.stdout)
        password = secrets.token_urlsafe(9)
        self._user("admin", password, is_staff=True, is_superuser=True)
        for partnership in Partnership.objects.all():
            for username, role, agency_name in DEMO_USERS:
                user = self._user(username, password)
                agency = Agency.objects.resolve(agency_name) if agency_name else None
                if agency_name and agency is None:
                    continue
                Role.objects.get_or_create(
                    user=user, partnership=partnership, name=role, defaults={"agency": agency}
                )
        self._example_activity()
        self.stdout.write(
            self.style.SUCCESS(
                "\nDemo users (all with the password below):\n"
                "  admin              superuser, can use /admin/\n"
                "  coordinator        coordinator of every partnership\n"
                "  police.officer     agency officer for Hertfordshire Constabulary\n"
                "  rag.member         viewer (Responsible Authorities Group member)\n"
                "  partnership.admin  partnership admin\n"
                f"Password: {password}\n"
            )
        )

    def _example_activity(self):
        """A quarter of made-up updates in the running St Albans plan, marked as examples."""
        today = timezone.localdate()
        plan = demo.running_plan(EXAMPLE_PARTNERSHIP, today)
        if plan is None:
            self.stdout.write(f"No running {EXAMPLE_PARTNERSHIP} plan: no example activity.")
            return
        users = get_user_model().objects.in_bulk(
            ["coordinator", "police.officer"], field_name="username"
        )
        authors = {**users, "police_agency": Agency.objects.resolve("Hertfordshire Constabulary")}
        added = demo.add_example_activity(plan, authors, today)
        if added.already_there:
            self.stdout.write(f"Example activity is already in {plan.title}.")
        else:
            self.stdout.write(f"Added {added.updates} example progress updates to {plan.title}.")
        self._example_pack(plan, users.get("coordinator"), today)

    def _example_pack(self, plan, coordinator, today):
        """One meeting pack issued for the quarter just ended, so the next one compares."""
        if plan.meeting_packs.exists():
            return
        period = meeting_pack.default_period(plan, today)
        pack = meeting_pack.issue_pack(plan, period, today, coordinator, today)
        self.stdout.write(f"Issued an example meeting pack for {pack.period_start:%B %Y} on.")

    @staticmethod
    def _user(username, password, **flags):
        user, _ = get_user_model().objects.get_or_create(username=username, defaults=flags)
        user.set_password(password)
        user.save()
        return user
