"""
Where agreements' titles are, in Vietnamese and English:

- quoted ones that open with an agreement keyword ("Bản ghi nhớ …");
- the cells of a table of documents ("3 | Hiệp định dẫn độ | Ấn Độ | 12/10/2011");
- the documents a meeting "thông qua" (adopted);
- unquoted ones: a capitalised keyword ("… ký Kế hoạch hợp tác năm 2024",
  "a Treaty on Extradition"), or one in lower case that a signing word
  comes just before or a specific complement follows ("ký hiệp định dẫn
  độ", "signed a memorandum of understanding on …");
- references to a title named before: the bare keyword, alone or with
  "này", "nói trên" ("Bản ghi nhớ này", "the MOU").

A keyword after "các", "những" or a number names a kind of document, not
one. Agencies and events ask ``starts_with_keyword`` too: a name they find
must not open as an agreement's title does.
"""

import re
from typing import NamedTuple

from articles.text.folding import UPPERCASE, match_key

from .matching import alternation, trie_pattern, word_starts
from .vocabulary import (
    AGREEMENT_KEYWORDS,
    ENGLISH_AGREEMENT_KEYWORDS,
    FOLDED_REFERENCE_WORDS,
    FOLDED_TREATY_TOPICS,
    GENERIC_DETERMINERS,
    SIGNING_PHRASES,
    SIGNING_WORDS,
    TITLE_ENDS_BEFORE,
)

_KEYWORDS = {match_key(k): kind for k, kind in {**AGREEMENT_KEYWORDS, **ENGLISH_AGREEMENT_KEYWORDS}.items()}
_FOLDED_KEYWORDS = sorted(_KEYWORDS.items(), key=lambda item: -len(item[0]))
_KEYWORD_AT = re.compile(r"(" + trie_pattern(_KEYWORDS) + r")(?![\w-])")
_ENGLISH = frozenset(match_key(k) for k in ENGLISH_AGREEMENT_KEYWORDS)
_QUOTED = re.compile(r"“([^”]{4,300})”|\"([^\"]{4,300})\"")
_ADOPTED = re.compile(r"thông qua (?:\d+ |các )?văn kiện (?:gồm|là):? ")
_ADOPTED_ITEM_SEPARATOR = re.compile(r"\svà\s|;\s")
_TRAILING_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
_GENERIC_BEFORE = re.compile(rf"(?:\b(?:{alternation(GENERIC_DETERMINERS)})|\d+|\()\s*$", re.IGNORECASE)
_SIGNING_BEFORE = re.compile(
    rf"(?:\b(?:{alternation(SIGNING_WORDS)})\b|{alternation(SIGNING_PHRASES)})"
    r"(?:\s+(?:kết|chính thức|thêm|lại|một|an?|the|two|three|một số|\d+ văn kiện[^,.;]{0,40}?,?\s*gồm:?))*\s*$",
    re.IGNORECASE,
)
_CELL = re.compile(r"[^|\n]+")
# A comma ends a title, except in "phòng, chống …"; "và" or "với" before a capital starts another.
_TITLE_STOP = re.compile(
    r"\s?[()“”\"]|[;:!?…\n|]|\.(?!\d)|,\s(?!chống|combating)"
    rf"|\s(?:{alternation(TITLE_ENDS_BEFORE)})\s"
    r"|\s(?:vào|ngày|nhằm|trong thời gian|với sự|dưới sự|sau khi|trước khi)\s"
    # "tại" goes on a title ("… tại Tam giác vàng") but not into where it was signed.
    r"|\stại (?=trụ sở|thủ đô|thành phố|TP|tỉnh|lễ|buổi|[Hh]ội|Hà Nội|Phnôm Pênh|Viêng Chăn|Bắc Kinh)"
    rf"|\s(?:và|với)\s(?=[{UPPERCASE}“])"
)
_ENGLISH_STOP = re.compile(
    r"\s?[()“”\"]|[;:!?…\n|]|\.(?!\d)|,\s"
    r"|\s(?:and (?:an?|the)|which|that|signed|was|were|is|are|will|at|in the presence|during|on (?:monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)|to (?:boost|enhance|strengthen|promote|step))\b",
    re.IGNORECASE,
)
# English words before a keyword that belong to the title: "ASEAN Plan of Action", "Mekong MOU Sub-regional".
_ENGLISH_PREFIX = re.compile(r"(?:(?:[A-Z][\w'’.-]*|–|-|of|the)\s+)*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{1,10}")
_ORDINAL = re.compile(r"\blần thứ\b|\b\d+(?:st|nd|rd|th)\b")
# "… in Hanoi", "… at Phnom Penh": where it was signed, not the title's.
_PLACE_AT_END = re.compile(r"\s+(?:in|at)\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)$")
_SPECIFIC = re.compile(r"\b(?:về|giữa|on|between|for|against|of|in|to)\b", re.IGNORECASE)


class TitleSpan(NamedTuple):
    start: int
    end: int
    quoted: bool
    kind: str
    reference: bool = False
    in_table: bool = False


def agreement_kind(title):
    """The kind of agreement a title's keyword says (refined by its subject), or None if it names none."""
    head = match_key(title[:60])
    kind = next((kind for keyword, kind in _FOLDED_KEYWORDS if head.startswith(keyword)), None)
    if kind is None:
        # English titles may open with their qualifiers: "ASEAN Plan of Action".
        found = _KEYWORD_AT.search(head)
        kind = _KEYWORDS[found.group(1)] if found and found.group(1) in _ENGLISH else None
    if kind == "cooperation" or (kind == "treaty" and "hop tac" in head[:30]):
        if any(topic in match_key(title) for topic in FOLDED_TREATY_TOPICS):
            return "treaty"
        return "cooperation"
    return kind


def starts_with_keyword(text):
    head = match_key(text[:40])
    return any(head.startswith(keyword) for keyword, _ in _FOLDED_KEYWORDS)


def title_spans(document, places=frozenset()):
    """
    The agreements' titles and references in the text, in order; where
    spans overlap, the longest wins. ``places`` (names of countries and
    cities) end an English title: "a Treaty on … in Hanoi".
    """
    spans = [
        *_quoted_titles(document.text),
        *_table_titles(document.text),
        *_adopted_titles(document),
        *_unquoted_titles(document, places),
    ]
    kept = []
    for span in sorted(spans, key=lambda s: (s.reference, not s.quoted, s.start - s.end)):
        if not any(s < span.end and span.start < e for s, e, *_ in kept):
            kept.append(span)
    return sorted(kept)


def _quoted_titles(text):
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) else 2
        title = match.group(group).strip()
        if kind := agreement_kind(title):
            yield TitleSpan(match.start(group), match.end(group), True, kind)


def _table_titles(text):
    """A table's row of cells between bars whose cell opens with a keyword: "3 | Hiệp định dẫn độ | Ấn Độ | …"."""
    if "|" not in text:
        return
    offset = 0
    for line in text.split("\n"):
        if "|" in line:
            for cell in _CELL.finditer(line):
                value = cell.group().strip()
                if value and (kind := agreement_kind(value)) and len(value.split()) >= 2:
                    start = offset + cell.start() + cell.group().find(value)
                    yield TitleSpan(start, start + len(value), False, kind, in_table=True)
        offset += len(line) + 1


def _adopted_titles(document):
    """What a meeting "thông qua 3 văn kiện gồm: A, B và C" adopted: each item of four words or more."""
    text = document.text
    for match in _ADOPTED.finditer(text):
        sentence = document.sentence_at(match.end())
        for item in _ADOPTED_ITEM_SEPARATOR.split(text[match.end() : sentence.end].rstrip(".")):
            item = _TRAILING_PARENTHESES.sub("", item).strip()
            position = text.find(item, match.end())
            if position >= 0 and len(item.split()) >= 4:
                yield TitleSpan(position, position + len(item), False, agreement_kind(item) or "other")


def _unquoted_titles(document, places):
    """Keywords in running text, each a title, a reference or nothing (see the module's docstring)."""
    text, folded = document.text, document.folded
    for match in word_starts(_KEYWORD_AT, folded):
        start, keyword = match.start(), match.group(1)
        if _GENERIC_BEFORE.search(text[max(0, start - 12) : start]):
            continue
        english = keyword in _ENGLISH
        title_start, title = (
            _english_title_at(text, start, places) if english else (start, _title_at(text, start))
        )
        complement = title[match.end() - start :].strip() if title_start == start else title
        words = len(title.split())
        capital = text[start].isupper() or title_start < start
        sentence_start = start == document.sentence_at(start).start
        signed = bool(_SIGNING_BEFORE.search(text[max(0, title_start - 60) : title_start]))
        kind = agreement_kind(title) or _KEYWORDS[keyword]
        # "Bản ghi nhớ này", "Công ước UNTOC": the one named before, by its keyword or its acronym.
        if (
            not complement
            or match_key(complement) in FOLDED_REFERENCE_WORDS
            or _ACRONYM.fullmatch(complement)
        ):
            yield TitleSpan(title_start, title_start + len(title), False, kind, reference=True)
        elif _is_title(capital, sentence_start, signed, words, complement, english, kind):
            yield TitleSpan(title_start, title_start + len(title), False, kind)


def _is_title(capital, sentence_start, signed, words, complement, english, kind):
    treaty_topic = any(t in match_key(complement) for t in FOLDED_TREATY_TOPICS)
    specific = bool(_SPECIFIC.match(complement)) or treaty_topic
    if kind == "programme" and _ORDINAL.search(complement):
        return False  # "Chương trình giao lưu … lần thứ 2" is an event
    if capital and not sentence_start:
        return words >= (3 if english else 2)
    if capital:
        return words >= 4 and (specific or signed)
    # In lower case a keyword is often an ordinary word ("thỏa thuận về việc …"): a title only when signed.
    return (signed and words >= 2) or (english and specific and words >= 4) or (treaty_topic and words >= 3)


def _title_at(text, start):
    rest = text[start : start + 260]
    stop = _TITLE_STOP.search(rest)
    # "giữa A và B" names the parties: its "và" does not end the title.
    while stop and stop.group().strip() in ("và", "với") and "giữa" in rest[: stop.start()].split():
        stop = _TITLE_STOP.search(rest, stop.end())
    return (rest[: stop.start()] if stop else rest).rstrip(" ,")


def _english_title_at(text, start, places=frozenset()):
    """(start, title) of an English title whose keyword is at ``start``, with the capitalised words before it."""
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1) + 1
    prefix = _ENGLISH_PREFIX.search(text, max(line_start, start - 60), start)
    begin = prefix.start() if prefix else start
    # The title opens with a capital: "of the ASEAN Plan of Action" is "ASEAN Plan of Action".
    while begin < start and not text[begin].isupper():
        begin = text.find(" ", begin, start) + 1 or start
    rest = text[begin : begin + 260]
    stop = _ENGLISH_STOP.search(rest, start - begin)
    while stop and stop.group().strip().lower().startswith("and") and " between " in rest[: stop.start()]:
        stop = _ENGLISH_STOP.search(rest, stop.end())
    title = (rest[: stop.start()] if stop else rest).rstrip(" ,")
    where = _PLACE_AT_END.search(title)
    if where and where.group(1) in places:
        title = title[: where.start()]
    return begin, title
