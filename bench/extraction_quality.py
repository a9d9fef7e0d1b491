"""
How right the knowledge extractor is on the development corpus: precision
and recall of agreements, events and agencies, the share of matched
agreements and events whose facts are right, duplicates, and how long
extraction takes.

    .venv/bin/python bench/extraction_quality.py                   # bench/corpus/, figures and every miss
    .venv/bin/python bench/extraction_quality.py --quiet           # figures only
    .venv/bin/python bench/extraction_quality.py --page xinhua-en  # pages whose name starts so
    .venv/bin/python bench/extraction_quality.py bench/corpus/holdout4 --quiet

Each page is read as the importer reads it and its text extracted as the
importer's worker does; the result is compared with the page's gold file
(format: bench/corpus/README.md). A gold item is found when an extracted
item's name contains its accentless ``match`` phrase (agencies: and has its
country); an optional gold item counts neither way. Each gold item takes at
most one extracted item: another one matching it is a duplicate, counted as
wrong. Facts are compared on the matched items: an agreement's kind, signed
date (at the gold's precision: "2024", "2024-05", "2024-05-14", "" for
none), party countries (international organisations left out), place and
signatories; an event's start, end and place.
"""

import argparse
import os
import statistics
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from django_countries import countries  # noqa: E402

from agreements.extraction import extract_page  # noqa: E402
from agreements.extraction.results import DAY, MONTH, YEAR  # noqa: E402
from agreements.services import file_gazetteer  # noqa: E402
from articles.importer.files import HTML_SUFFIXES, PAGE_SUFFIXES, decode_page  # noqa: E402
from articles.importer.parsing import PageError, parse_page  # noqa: E402
from articles.text.folding import match_key  # noqa: E402

KINDS = ("agreements", "events", "agencies")
AGREEMENT_FACTS = ("kind", "signed", "parties", "place", "signatories")
EVENT_FACTS = ("start", "end", "place")


def partial(value):
    """A PartialDate as the gold writes it."""
    if value is None or value.value is None:
        return ""
    formats = {DAY: "%Y-%m-%d", MONTH: "%Y-%m", YEAR: "%Y"}
    return value.value.strftime(formats[value.precision]) if value.precision in formats else ""


def event_end(event):
    dates = event.dates
    return dates.end.strftime("%Y-%m-%d") if dates and dates.end else ""


def same_place(gold, found):
    gold, found = match_key(gold), match_key(found)
    return gold == found or bool(gold and found and (gold in found or found in gold))


def same_names(gold, found):
    gold = [match_key(name) for name in gold]
    found = [match_key(name) for name in found if name]
    return len(gold) == len(found) and all(any(g in f or f in g for f in found) for g in gold)


def name_of(kind, item, known=None):
    if kind == "agencies":
        # "Bộ An ninh" of LA is the gold's "Bộ An ninh Lào"; a known agency answers to its aliases too
        # ("Ministry of Public Security" is the Bộ Công an record).
        agency = item.agency
        country = COUNTRY_NAMES.get(agency.country, "")
        named = country and match_key(country) in match_key(agency.name)
        aliases = ()
        if known is not None and (entry := known.scoped_index.get((match_key(agency.name), agency.country))):
            aliases = entry.aliases
        return " | ".join([f"{agency.name}{'' if named else ' ' + country} {agency.short_name}", *aliases])
    if kind == "agreements":
        return f"{item.title} {item.acronym}"
    return f"{item.name} {item.acronym} {item.ordinal or ''}"


def country_of(kind, item):
    return item.agency.country if kind == "agencies" else ""


def facts(kind, gold, item):
    """(fact, expected, found, right) for a matched agreement or event."""
    if kind == "agreements":
        return [
            ("kind", gold.get("kind", ""), item.kind, gold.get("kind", "") == item.kind),
            (
                "signed",
                gold.get("signed", ""),
                partial(item.signed),
                gold.get("signed", "") == partial(item.signed),
            ),
            (
                "parties",
                sorted(c for c in gold.get("parties", []) if c),
                sorted(item.countries),
                {c for c in gold.get("parties", []) if c} == set(item.countries),
            ),
            ("place", gold.get("place", ""), item.place, same_place(gold.get("place", ""), item.place)),
            (
                "signatories",
                gold.get("signatories", []),
                list(item.signatories),
                same_names(gold.get("signatories", []), list(item.signatories)),
            ),
        ]
    if kind == "events":
        start = partial(item.dates)
        return [
            ("start", gold.get("start", ""), start, gold.get("start", "") == start),
            ("end", gold.get("end", ""), event_end(item), gold.get("end", "") == event_end(item)),
            ("place", gold.get("place", ""), item.place, same_place(gold.get("place", ""), item.place)),
        ]
    return []


def unique(kind, items):
    seen, kept = set(), []
    for item in items:
        key = item.agency.key if kind == "agencies" else item.key
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


class Score:
    def __init__(self):
        self.found = Counter()  # extracted items that count (not matching an optional gold item)
        self.right = Counter()  # of those, matching a gold item first
        self.gold = Counter()  # non-optional gold items
        self.recalled = Counter()
        self.duplicates = Counter()
        self.facts = {kind: Counter() for kind in KINDS}
        self.facts_right = {kind: Counter() for kind in KINDS}
        self.timings = []
        self.refused = []

    def page(self, name, gold, extraction, report, known=None):
        for kind in KINDS:
            golds = gold.get(kind, [])
            items = unique(kind, getattr(extraction, kind))
            taken = {}
            for item in items:
                text, country = match_key(name_of(kind, item, known)), country_of(kind, item)
                hits = [
                    i
                    for i, g in enumerate(golds)
                    if match_key(g["match"]) in text
                    and (kind != "agencies" or g.get("country", "") == country)
                ]
                fresh = [i for i in hits if i not in taken]
                if fresh:
                    taken[fresh[0]] = item
                    if not golds[fresh[0]].get("optional"):
                        self.found[kind] += 1
                        self.right[kind] += 1
                    continue
                if hits:
                    self.duplicates[kind] += 1
                    report(f"{name:<24} duplicate {kind[:-1]}: {name_of(kind, item)[:90]}")
                self.found[kind] += 1
                if not hits:
                    report(f"{name:<24} extra     {kind[:-1]}: {name_of(kind, item)[:90]}")
            for i, g in enumerate(golds):
                if g.get("optional"):
                    continue
                self.gold[kind] += 1
                if i not in taken:
                    report(f"{name:<24} missed    {kind[:-1]}: {g['match']}")
                    continue
                self.recalled[kind] += 1
                for fact, expected, found, right in facts(kind, g, taken[i]):
                    self.facts[kind][fact] += 1
                    self.facts_right[kind][fact] += right
                    if not right:
                        report(
                            f"{name:<24} {kind[:-1]} {g['match'][:40]!r} {fact}: expected {expected!r}, found {found!r}"
                        )

    def print(self):
        print()
        for kind in KINDS:
            found, right, gold, recalled = (
                self.found[kind],
                self.right[kind],
                self.gold[kind],
                self.recalled[kind],
            )
            precision = right / found if found else 1.0
            recall = recalled / gold if gold else 1.0
            print(
                f"{kind:<11} precision {precision:.2f} ({right}/{found})  recall {recall:.2f} ({recalled}/{gold})"
                f"  duplicates {self.duplicates[kind]}"
            )
            for fact, total in self.facts[kind].items():
                print(
                    f"  {fact:<12} {self.facts_right[kind][fact] / total:6.1%}  ({self.facts_right[kind][fact]}/{total})"
                )
        if self.timings:
            print(
                f"extraction time per article: median {statistics.median(self.timings):.2f} ms,"
                f" max {max(self.timings):.2f} ms"
            )
        print(f"refused pages: {len(self.refused)}" + "".join(f"\n  {line}" for line in self.refused))


with translation.override("vi"):
    COUNTRY_NAMES = {code: str(name) for code, name in countries}


def measure(folder, page_prefix=None, report=lambda line: None, timing_runs=5):
    known = file_gazetteer()
    score = Score()
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in PAGE_SUFFIXES or (
            page_prefix and not path.name.startswith(page_prefix)
        ):
            continue
        gold = tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))
        is_html = True if path.suffix.lower() in HTML_SUFFIXES else None
        try:
            page = parse_page(decode_page(path.read_bytes(), max_bytes=10_000_000, is_html=is_html))
        except PageError as error:
            score.refused.append(f"{path.name}: {error}")
            continue
        extraction = extract_page(page, gazetteer=known)
        runs = []
        for _ in range(timing_runs):
            start = time.perf_counter()
            extract_page(page, gazetteer=known)
            runs.append(time.perf_counter() - start)
        if runs:
            score.timings.append(statistics.median(runs) * 1000)
        score.page(path.stem, gold, extraction, report, known)
    return score


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(ROOT / "bench" / "corpus"))
    parser.add_argument("--quiet", action="store_true", help="figures only, no per-page detail")
    parser.add_argument("--page", help="only pages whose name starts with this")
    args = parser.parse_args()
    score = measure(args.folder, args.page, report=(lambda line: None) if args.quiet else print)
    score.print()


if __name__ == "__main__":
    main()
