"""
What extraction and linking cost a first import: the same files imported
with them and without them (page analysers and pages_imported receivers
removed), each into a fresh database, in this process.

    .venv/bin/python bench/make_corpus.py 10000 /tmp/corpus10k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch .venv/bin/python bench/linking_cost.py /tmp/corpus10k

DATABASE_URL names an empty database (default: a temporary SQLite file).
It is migrated, imported into with linking (the gazetteer comes from the
migrations' data), flushed, and imported into again without. Times exclude
Django's start-up.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(folder):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/linking_cost.sqlite3")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.importer import signals
    from articles.importer.services import import_paths

    call_command("migrate", verbosity=0)
    for label, linking in (("with extraction and linking", True), ("without", False)):
        if not linking:
            call_command("flush", interactive=False, verbosity=0)
            signals.page_analysers.clear()
            signals.pages_imported.receivers.clear()
        start = time.perf_counter()
        count = sum(1 for _ in import_paths([folder], workers=max((os.cpu_count() or 1) - 1, 0)))
        print(f"{label:<28} {count / (time.perf_counter() - start):5.0f} files/s")


if __name__ == "__main__":
    main(sys.argv[1])
