from django.core.management.base import BaseCommand

from articles.publishing.workflow import archive_expired


class Command(BaseCommand):
    help = "Archive published articles whose expiry time has passed (readers stopped seeing them then)."

    def handle(self, *args, **options):
        self.stdout.write(f"{archive_expired()} articles archived.")
