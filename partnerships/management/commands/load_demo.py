"""Demo data for a first look: the seed documents and police.uk months imported, and one
user per role."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command

from partnerships.models import Agency, Partnership, Role

DOCUMENTS = Path(settings.BASE_DIR) / "fixtures" / "documents"
# Real police.uk months, where the shared data folder sits beside the project.
POLICE_DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "real"
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

    @staticmethod
    def _user(username, password, **flags):
        user, _ = get_user_model().objects.get_or_create(username=username, defaults=flags)
        user.set_password(password)
        user.save()
        return user
