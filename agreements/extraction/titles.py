"""
Where agreements' titles are: quoted ones that open with an agreement
keyword ("Bản ghi nhớ …"), capitalised unquoted ones that name a party or a
proper noun, and the documents a meeting "thông qua" (adopted). Agencies
and events ask ``starts_with_keyword`` too: a name they find must not open
as an agreement's title does.
"""

import re
from typing import NamedTuple

from articles.text.folding import UPPERCASE, match_key

from .matching import CAPITALISED, alternation, trie_pattern, word_starts
from .vocabulary import AGREEMENT_KEYWORDS, GENERIC_DETERMINERS, TITLE_ENDS_BEFORE

_FOLDED_KEYWORDS = sorted(
    ((match_key(k), kind) for k, kind in AGREEMENT_KEYWORDS.items()), key=lambda i: -len(i[0])
)
_QUOTED = re.compile(r"“([^”]{4,300})”|\"([^\"]{4,300})\"")
_ADOPTED = re.compile(r"thông qua (?:\d+ |các )?văn kiện (?:gồm|là):? ")
_ADOPTED_ITEM_SEPARATOR = re.compile(r"\svà\s|;\s")
_TRAILING_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
_UNQUOTED_KEYWORDS = re.compile(
    r"(?:" + trie_pattern(k[0].upper() + k[1:] for k in AGREEMENT_KEYWORDS) + r")\b"
)
_WORD_OR_QUOTE = re.compile(r"[\w“\"]")
_GENERIC_BEFORE = re.compile(rf"(?:{alternation(GENERIC_DETERMINERS)})\s$|\($")
# A comma ends a title, except in "phòng, chống …"; "và" or "với" before a capital starts another.
_TITLE_STOP = re.compile(
    r"\s?[()]|[;:!?…\n]|\.(?!\d)|,\s(?!chống)"
    rf"|\s(?:{alternation(TITLE_ENDS_BEFORE)})\s"
    rf"|\s(?:và|với)\s(?=[{UPPERCASE}“])"
)


class TitleSpan(NamedTuple):
    start: int
    end: int
    quoted: bool


def agreement_kind(title):
    """The kind of agreement a title's opening keyword says, or None if it opens with none."""
    head = match_key(title[:40])
    return next((kind for keyword, kind in _FOLDED_KEYWORDS if head.startswith(keyword)), None)


def starts_with_keyword(text):
    return agreement_kind(text) is not None


def title_spans(document):
    """The agreements' titles in the text, in order; where spans overlap, the longest wins."""
    spans = [*_quoted_titles(document.text), *_adopted_titles(document), *_unquoted_titles(document)]
    kept = []
    for span in sorted(spans, key=lambda s: s.start - s.end):
        if not any(s < span.end and span.start < e for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def _quoted_titles(text):
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) else 2
        if agreement_kind(match.group(group).strip()):
            yield TitleSpan(match.start(group), match.end(group), True)


def _adopted_titles(document):
    """What a meeting "thông qua 3 văn kiện gồm: A, B và C" adopted: each item of four words or more."""
    text = document.text
    for match in _ADOPTED.finditer(text):
        sentence = document.sentence_at(match.end())
        for item in _ADOPTED_ITEM_SEPARATOR.split(text[match.end() : sentence.end].rstrip(".")):
            item = _TRAILING_PARENTHESES.sub("", item).strip()
            position = text.find(item, match.end())
            if position >= 0 and len(item.split()) >= 4:
                yield TitleSpan(position, position + len(item), False)


def _unquoted_titles(document):
    """
    Capitalised keywords inside a sentence ("… ký Kế hoạch hợp tác ASEAN về
    PCMT"), up to where the title stops, if it is long enough and names
    parties ("giữa") or a proper noun after its keyword.
    """
    text = document.text
    for match in word_starts(_UNQUOTED_KEYWORDS, text, after=_WORD_OR_QUOTE):
        start = match.start()
        before = text[max(0, start - 6) : start].lower()
        if _GENERIC_BEFORE.search(before) or start == document.sentence_at(start).start:
            continue
        title = _unquoted_title_at(text, start)
        words = title.split()
        if len(words) >= 6 and ("giữa" in words or any(CAPITALISED.match(w) for w in words[2:])):
            yield TitleSpan(start, start + len(title), False)


def _unquoted_title_at(text, start):
    rest = text[start : start + 260]
    stop = _TITLE_STOP.search(rest)
    # "giữa A và B" names the parties: its "và" does not end the title.
    while stop and stop.group().strip() == "và" and "giữa" in rest[: stop.start()].split():
        stop = _TITLE_STOP.search(rest, stop.end())
    return (rest[: stop.start()] if stop else rest).rstrip(" ,")
