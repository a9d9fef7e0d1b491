"""
Create the demo editor account that ``make run`` prints, once; ``--reset``
(``make demo-password``) gives it a new password.

Development only: it refuses to run with DEBUG off, so no known account can
be planted on a production site by accident.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.crypto import get_random_string

from articles.publishing.roles import EDITOR


class Command(BaseCommand):
    help = "Create the demo editor account once and print its credentials; --reset gives it a new password (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="Account name (default: editor).")
        parser.add_argument(
            "--reset", action="store_true", help="Give an existing demo editor a new password."
        )

    def handle(self, *args, username, reset, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor is for development only: run with DEBUG=1.")
        users = get_user_model().objects
        if not reset and users.filter(username=username).exists():
            self.stdout.write(
                f"The demo editor {username} exists; its password is unchanged (make demo-password gives a new one)."
            )
            return
        password = get_random_string(20)
        with transaction.atomic():
            user, created = users.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=EDITOR)])
        action = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{action} the demo editor. Log in at /admin/ as {username} / {password}")
        )
