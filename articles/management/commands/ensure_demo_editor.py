"""
Create (or reset) the demo editor account that ``make run`` prints.

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
    help = "Create or reset the demo editor account and print its credentials (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="Account name (default: editor).")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor is for development only: run with DEBUG=1.")
        password = get_random_string(20)
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=EDITOR)])
        action = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{action} the demo editor. Log in at /admin/ as {username} / {password}")
        )
