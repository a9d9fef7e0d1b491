from django.core.management.base import BaseCommand

from articles.readers.ratings import recount


class Command(BaseCommand):
    help = "Check every article's rating totals against its ratings rows; --fix corrects those that differ."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Write the totals computed from the rows.")

    def handle(self, *args, fix, **options):
        differing = recount(fix=fix)
        for article, (stored, counted) in differing:
            self.stdout.write(f"{article.pk} {article.title[:60]}: stored {stored}, rows give {counted}")
        verb = "corrected" if fix else "differ"
        self.stdout.write(self.style.SUCCESS(f"{len(differing)} articles {verb}."))
        if differing and not fix:
            raise SystemExit(1)
