"""The phrases of ``vocabulary/portal_pages.toml``, loaded once and keyed for matching."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ...text.folding import match_key

VOCABULARY_FILE = Path(__file__).parent / "vocabulary" / "portal_pages.toml"


@dataclass(frozen=True)
class Vocabulary:
    chrome_lines: frozenset
    chrome_prefixes: tuple
    published_labels: tuple
    updated_labels: tuple
    clock_labels: tuple
    date_words: tuple
    byline_labels: tuple
    photo_labels: tuple
    other_role_labels: tuple
    byline_notes: frozenset
    unit_words: tuple
    source_labels: tuple
    news_agencies: frozenset
    views_labels: tuple
    read_more_prefixes: tuple
    related_headings: frozenset
    summary_headings: frozenset
    breadcrumb_roots: frozenset
    category_labels: frozenset
    caption_openers: tuple
    image_markers: frozenset
    paragraph_openers: tuple
    function_words: frozenset
    portals: tuple  # (name, domain, markers)

    @property
    def date_labels(self):
        return (*self.published_labels, *self.updated_labels, *self.clock_labels, *self.date_words)


def _keys(phrases):
    """Keyed and longest first, so that "Cập nhật lúc" is tried before "Cập nhật"."""
    return tuple(sorted({match_key(phrase) for phrase in phrases}, key=len, reverse=True))


@cache
def vocabulary():
    data = tomllib.loads(VOCABULARY_FILE.read_text("utf-8"))
    return Vocabulary(
        chrome_lines=frozenset(match_key(line) for line in data["chrome_lines"]),
        chrome_prefixes=_keys(data["chrome_prefixes"]),
        published_labels=_keys(data["published_labels"]),
        updated_labels=_keys(data["updated_labels"]),
        clock_labels=_keys(data["clock_labels"]),
        date_words=_keys(data["date_words"]),
        byline_labels=_keys(data["byline_labels"]),
        photo_labels=_keys(data["photo_labels"]),
        other_role_labels=_keys(data["other_role_labels"]),
        byline_notes=frozenset(match_key(note) for note in data["byline_notes"]),
        unit_words=_keys(data["unit_words"]),
        source_labels=_keys(data["source_labels"]),
        news_agencies=frozenset(match_key(name) for name in data["news_agencies"]),
        views_labels=_keys(data["views_labels"]),
        read_more_prefixes=_keys(data["read_more_prefixes"]),
        related_headings=frozenset(match_key(heading) for heading in data["related_headings"]),
        summary_headings=frozenset(match_key(heading) for heading in data["summary_headings"]),
        breadcrumb_roots=frozenset(match_key(root) for root in data["breadcrumb_roots"]),
        category_labels=frozenset(match_key(label) for label in data["category_labels"]),
        caption_openers=_keys(data["caption_openers"]),
        image_markers=frozenset(match_key(marker) for marker in data["image_markers"]),
        paragraph_openers=tuple(data["paragraph_openers"]),
        function_words=frozenset(data["function_words_vi"]) | frozenset(data["function_words_en"]),
        portals=tuple((p["name"], p.get("domain", ""), tuple(p["markers"])) for p in data["portals"]),
    )


@cache
def label_pattern(labels):
    """A regex alternation of keyed labels (a tuple, longest first)."""
    return "|".join(re.escape(label) for label in labels)
