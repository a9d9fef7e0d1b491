"""
Precision and recall of the knowledge extractor on the seeds, per type,
against bench/extraction_gold.toml; and how long extraction takes.

    .venv/bin/python bench/extraction_quality.py
"""

import os
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from django_countries import countries  # noqa: E402

from agreements.extraction import Gazetteer, extract_page  # noqa: E402
from articles.importer.parsing import parse_page  # noqa: E402
from articles.text.folding import match_key  # noqa: E402


def label(kind, item):
    if kind == "agencies":
        return f"{item.agency.name} {item.agency.short_name}", item.agency.country
    if kind == "agreements":
        return item.title, set(item.countries)
    return f"{item.name} {item.acronym} {item.ordinal or ''}", item.country


def matches(gold, text, country):
    if match_key(gold["match"]) not in match_key(text):
        return False
    wanted = gold.get("country")
    return not wanted or wanted == country or (isinstance(country, set) and wanted in country)


def unique(kind, items):
    seen, kept = set(), []
    for item in items:
        key = item.agency.key if kind == "agencies" else item.key
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def main():
    with translation.override("vi"):
        names = {str(name): code for code, name in countries}
    gazetteer = Gazetteer.from_file(country_names=names)
    gold = tomllib.loads((ROOT / "bench" / "extraction_gold.toml").read_text("utf-8"))["seed"]
    totals = {kind: [0, 0, 0] for kind in ("agencies", "agreements", "events")}  # found, correct, gold
    timings = []
    for entry in gold:
        page = parse_page(next((ROOT / "seeds").glob(f"{entry['prefix']}_*.txt")).read_text("utf-8"))
        extract_page(page, gazetteer=gazetteer)  # warm the gazetteer's patterns
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            found = extract_page(page, gazetteer=gazetteer)
            runs.append(time.perf_counter() - start)
        timings.append(statistics.median(runs) * 1000)
        for kind in totals:
            items = unique(kind, getattr(found, kind))
            golds = entry[kind]
            used = set()
            for item in items:
                text, country = label(kind, item)
                hit = next(
                    (i for i, g in enumerate(golds) if i not in used and matches(g, text, country)), None
                )
                if hit is not None:
                    used.add(hit)
                else:
                    print(f"  {entry['prefix']} extra {kind[:-1]}: {text[:80]}")
            for i, g in enumerate(golds):
                if i not in used:
                    print(f"  {entry['prefix']} missed {kind[:-1]}: {g['match']}")
            totals[kind][0] += len(items)
            totals[kind][1] += len(used)
            totals[kind][2] += len(golds)
    for kind, (found, correct, expected) in totals.items():
        precision = correct / found if found else 1.0
        recall = correct / expected if expected else 1.0
        print(
            f"{kind:<11} precision {precision:.2f} ({correct}/{found})  recall {recall:.2f} ({correct}/{expected})"
        )
    print(f"extraction time per seed article, median of 20 runs: {', '.join(f'{t:.1f}' for t in timings)} ms")


if __name__ == "__main__":
    main()
