from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnerships.models import Agency, Partnership, Role
from partnerships.roles import grant_role


class Command(BaseCommand):
    help = (
        "Give a user a role in a partnership: viewer, agency_officer (with --agency), "
        "coordinator or partnership_admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("partnership_slug")
        parser.add_argument("role", choices=Role.Name.values)
        parser.add_argument(
            "--agency", help="For agency_officer: the agency's name or one of its aliases."
        )

    def handle(self, username, partnership_slug, role, agency=None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        partnership = Partnership.objects.filter(slug=partnership_slug).first()
        if partnership is None:
            raise CommandError(f"No partnership has the slug {partnership_slug!r}.")
        found = None
        if agency:
            found = Agency.objects.resolve(agency)
            if found is None:
                raise CommandError(f"No agency is called or known as {agency!r}.")
        try:
            granted = grant_role(user, partnership, role, found)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        label = Role.Name(role).label.lower()
        where = f"{partnership.name}" + (f" for {found.name}" if found else "")
        if granted.created:
            self.stdout.write(f"{username} is now {label} of {where}.")
        elif granted.agency_changed:
            self.stdout.write(f"{username} was already {label}; now for {found.name}.")
        else:
            self.stdout.write(f"{username} was already {label} of {where}: nothing changed.")
