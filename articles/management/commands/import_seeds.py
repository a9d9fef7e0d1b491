"""
Import scraped portal pages as articles (and the lists of other news on them as briefs).

    python manage.py import_seeds                 # everything in seeds/
    python manage.py import_seeds a.txt pages/ batch.zip --dry-run
    python manage.py import_seeds --json > report.json

Each file is imported on its own: a bad file is reported with its reason,
leaves nothing behind and does not stop the others. Importing the same
pages again changes nothing; a re-scraped page updates its article in place.
"""

import json as json_module
import os
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importer.services import count_page_files, import_paths

STATUSES = ["created", "updated", "unchanged", "failed"]


class Command(BaseCommand):
    help = "Import scraped news-portal pages (.txt, .html, folders or .zip) as articles and briefs."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="Files, folders or .zip archives (default: seeds/)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, but write nothing.")
        parser.add_argument("--json", action="store_true", help="Print a machine-readable report on stdout.")
        parser.add_argument(
            "--no-briefs",
            action="store_true",
            help="Skip the lists of other news printed around the article.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=max((os.cpu_count() or 1) - 1, 0),
            help="Processes that parse pages while this one writes, for large imports (default: cores - 1).",
        )

    def handle(self, *args, paths, dry_run, json, no_briefs, workers, verbosity, **options):
        paths = [Path(path) for path in paths] or [settings.BASE_DIR / "seeds"]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")

        reports = import_paths(paths, with_briefs=not no_briefs, dry_run=dry_run, workers=workers)
        show_progress = not json and verbosity > 0 and sys.stderr.isatty()
        totals = Counter({status: 0 for status in STATUSES})
        briefs = Counter({status: 0 for status in STATUSES[:3]})
        kept = []
        # Reports are streamed: only what the output needs is kept.
        # Listing is cheap (nothing is read but zip directories): the bar knows its total and ETA.
        total = count_page_files(paths) if show_progress else None
        for report in tqdm(reports, total=total, unit=" files", disable=not show_progress, file=sys.stderr):
            totals[report.status] += 1
            briefs.update(
                created=report.briefs_created,
                updated=report.briefs_updated,
                unchanged=report.briefs_unchanged,
            )
            if json:
                kept.append(report.as_dict())
            elif verbosity > 0:
                self._write_line(report, verbosity)

        if json:
            output = {"dry_run": dry_run, "totals": dict(totals), "briefs": dict(briefs), "files": kept}
            self.stdout.write(json_module.dumps(output, ensure_ascii=False, indent=2))
        elif verbosity > 0:
            self._write_totals(totals, briefs, dry_run)
        if totals["failed"]:
            raise CommandError(
                f"{totals['failed']} of {totals.total()} files failed to import.", returncode=1
            )

    def _style(self, status):
        return {
            "created": self.style.SUCCESS,
            "updated": self.style.WARNING,
            "failed": self.style.ERROR,
        }.get(status, str)

    def _write_line(self, report, verbosity):
        name = _shown(report.name)
        if report.status == "failed":
            self.stdout.write(self._style("failed")(f"{'failed':<10} {name}: {report.error}"))
        elif verbosity > 1:
            detail = f" ({', '.join(report.changes)})" if report.changes else ""
            if report.left_alone:
                detail += f"; kept as an editor left them: {', '.join(report.left_alone)}"
            self.stdout.write(self._style(report.status)(f"{report.status:<10} {name}{detail}"))

    def _write_totals(self, totals, briefs, dry_run):
        self.stdout.write(f"{'':<10}{'articles':>10}{'briefs':>10}")
        for status in STATUSES:
            self.stdout.write(
                self._style(status)(f"{status:<10}{totals[status]:>10}{briefs.get(status, ''):>10}")
            )
        if dry_run:
            self.stdout.write(self.style.NOTICE("Dry run: nothing was written."))


def _shown(name):
    """File names relative to the working folder when they are inside it."""
    try:
        return str(Path(name).relative_to(Path.cwd()))
    except ValueError:
        return name
