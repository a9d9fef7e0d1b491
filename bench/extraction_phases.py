"""
Where the extractor's time goes, phase by phase, on a synthetic corpus.

    .venv/bin/python bench/make_corpus.py 2000 /tmp/corpus
    .venv/bin/python bench/extraction_phases.py /tmp/corpus [PAGES]
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from django_countries import countries  # noqa: E402

from agreements import extraction  # noqa: E402
from agreements.extraction import pipeline  # noqa: E402
from articles.importer.parsing import parse_page  # noqa: E402

PHASES = ["Document", "find_countries", "find_agencies", "find_persons", "find_events", "find_agreements"]


def main(folder, limit=300):
    with translation.override("vi"):
        names = {str(name): code for code, name in countries}
    gazetteer = extraction.Gazetteer.from_file(country_names=names)
    files = sorted(Path(folder).glob("*.txt"))[:limit]
    start = time.perf_counter()
    pages = [parse_page(path.read_text("utf-8")) for path in files]
    parse_ms = (time.perf_counter() - start) / len(pages) * 1000
    for page in pages[:5]:
        extraction.extract_page(page, gazetteer=gazetteer)  # build the gazetteer's patterns
    spent = dict.fromkeys(PHASES, 0.0)

    def timed(name, function):
        def run(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - begun

        return run

    for name in PHASES:  # extract looks its phases up in the pipeline module
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    start = time.perf_counter()
    for page in pages:
        extraction.extract_page(page, gazetteer=gazetteer)
    total_ms = (time.perf_counter() - start) / len(pages) * 1000
    print(f"{len(pages)} pages: parse {parse_ms:.2f} ms/page, extraction {total_ms:.2f} ms/page")
    for name, seconds in spent.items():
        print(f"  {name.strip('_'):<16} {seconds / len(pages) * 1000:.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:3]))
