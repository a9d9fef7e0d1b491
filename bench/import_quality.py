"""
Per-field accuracy of the importer's page reader on the development corpus.

    .venv/bin/python bench/import_quality.py                  # bench/corpus/
    .venv/bin/python bench/import_quality.py bench/corpus/holdout --quiet
    .venv/bin/python bench/import_quality.py --page cand-mobile-2

Each page of the folder is read as the importer reads it (decode, then
parse) and compared with its gold file (format: bench/corpus/README.md):
title, publication time at its precision, byline, source, category path,
view count, language, the first and last words of the article text, that
no listed chrome line is in it, and the number of pictures. Prints each
wrong field with what was expected and found (unless --quiet), then the
accuracy per field and over all fields, and how many pages were refused.
"""

import argparse
import os
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from articles.importer.files import HTML_SUFFIXES, PAGE_SUFFIXES, decode_page  # noqa: E402
from articles.importer.parsing import PageError, parse_page  # noqa: E402
from articles.text.dates import PORTAL_TIME_ZONE  # noqa: E402

FIELDS = [
    "title", "published", "byline", "source", "category", "views", "language",
    "body_first", "body_last", "body_clean", "images",
]  # fmt: skip
_CLOSING = ' .…!?"”’)»'


def norm(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def same(expected, found):
    return norm(expected).casefold() == norm(found).casefold()


def published(page):
    if page.published_at is None:
        return ""
    local = page.published_at.astimezone(PORTAL_TIME_ZONE)
    if getattr(page, "published_precision", "minute") == "day":
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M")


def article_text(page):
    return norm(" ".join([page.lead, *page.paragraphs]))


def check(page, gold):
    """(field, expected, found) for every field; found is None when right."""
    article = gold["article"]
    text = article_text(page)
    results = {
        "title": (article["title"], page.title, same(article["title"], page.title)),
        "published": (article["published"], published(page), article["published"] == published(page)),
        "byline": (article.get("byline", ""), page.byline, same(article.get("byline", ""), page.byline)),
        "source": (article.get("source", ""), page.source, same(article.get("source", ""), page.source)),
        "category": (
            article.get("category", []),
            list(page.category_path),
            [norm(c).casefold() for c in article.get("category", [])]
            == [norm(c).casefold() for c in page.category_path],
        ),
        "views": (article.get("views"), page.view_count, article.get("views") == page.view_count),
        "language": (
            gold["page"].get("language", "vi"),
            getattr(page, "language", "vi"),
            gold["page"].get("language", "vi") == getattr(page, "language", "vi"),
        ),
        "body_first": (
            article["body_first"],
            text[:120],
            text.startswith(norm(article["body_first"]).rstrip(_CLOSING)),
        ),
        "body_last": (
            article["body_last"],
            text[-120:],
            text.rstrip(_CLOSING).endswith(norm(article["body_last"]).rstrip(_CLOSING)),
        ),
        "body_clean": (
            "none of body_excludes",
            [line for line in article.get("body_excludes", []) if norm(line) in text],
            not [line for line in article.get("body_excludes", []) if norm(line) in text],
        ),
        "images": (article.get("images", 0), len(page.images), article.get("images", 0) == len(page.images)),
    }
    return results


def read(path):
    data = path.read_bytes()
    is_html = True if path.suffix.lower() in HTML_SUFFIXES else None
    return parse_page(decode_page(data, max_bytes=10_000_000, is_html=is_html))


def measure(folder, page_prefix=None):
    """
    Read every page of ``folder`` and compare it with its gold file:
    (right per field, total per field, refused pages, wrong fields as
    (page, field, expected, found), number of pages).
    """
    right, total, refused, wrong, pages = Counter(), Counter(), [], [], 0
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in PAGE_SUFFIXES or (
            page_prefix and not path.name.startswith(page_prefix)
        ):
            continue
        gold = tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))
        pages += 1
        try:
            page = read(path)
        except PageError as error:
            refused.append(f"{path.name}: {error}")
            for field in FIELDS:
                total[field] += 1
            continue
        for field, (expected, found, ok) in check(page, gold).items():
            total[field] += 1
            right[field] += ok
            if not ok:
                wrong.append((path.stem, field, expected, found))
    return right, total, refused, wrong, pages


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(ROOT / "bench" / "corpus"))
    parser.add_argument("--quiet", action="store_true", help="figures only, no per-page detail")
    parser.add_argument("--page", help="only pages whose name starts with this")
    args = parser.parse_args()

    right, total, refused, wrong, pages = measure(args.folder, args.page)
    if not args.quiet:
        for name, field, expected, found in wrong:
            print(f"{name:<26} {field:<11} expected {expected!r}\n{'':<38}found    {found!r}")
    print()
    for field in FIELDS:
        print(f"{field:<11} {right[field] / total[field]:6.1%}  ({right[field]}/{total[field]})")
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{'all fields':<11} {all_right / all_total:6.1%}  ({all_right}/{all_total}) on {pages} pages")
    print(f"refused     {len(refused)} of {pages}" + "".join(f"\n  {line}" for line in refused))


if __name__ == "__main__":
    main()
