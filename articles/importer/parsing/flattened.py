"""
Pages flattened to one line (a scraper that kept no line breaks): the
structure is recovered before the page is read — the metadata (dates, view
counts, credits) and the breadcrumb cut out onto lines of their own, the
prose split back into paragraphs at its sentences.
"""

import re
from functools import lru_cache

from ...text.folding import UPPERCASE, fold_aligned, match_key
from ...text.sentences import split_sentences
from .dates import find_dates
from .vocabulary import label_pattern, vocabulary

# A line this long with many sentences is a page flattened to one line.
FLATTENED_MIN_CHARS = 1200
FLATTENED_MIN_SENTENCES = 8
RUN_TOGETHER_MIN_CHARS = 200
FLATTENED_MAX_LINES = 6
# How many of a flattened page's first words name the site, to be found again in its footer.
MASTHEAD_WORDS = 4
# "[Việt Nam luôn chủ động …]": a link to a related article inside the text.
RELATED_LINK = re.compile(r"\s*\[[^\[\]]{8,300}\]\s*")
_BREADCRUMB = re.compile(r"(?:[^\s»›>]+(?:\s[^\s»›>]+){0,4}\s*[»›>]\s*){1,5}")
_UPPER_START = re.compile(rf"^[{UPPERCASE}]")


def is_flattened(text):
    return len(text) >= FLATTENED_MIN_CHARS and len(split_sentences(text)) >= FLATTENED_MIN_SENTENCES


def recover_lines(text):
    """``text`` with every flattened line split back into lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [line for line in lines if line.strip()]
    # Flattened: one very long line, or the whole page on a handful of long lines.
    few_long_lines = len(filled) <= FLATTENED_MAX_LINES and sum(map(len, filled)) >= FLATTENED_MIN_CHARS * 2
    if not (few_long_lines or any(is_flattened(line) for line in lines)):
        return text
    recovered = []
    for line in lines:
        # On a flattened page the shorter run-together lines (a footer) are cut up too.
        recovered.extend(_unflatten(line) if len(line) >= RUN_TOGETHER_MIN_CHARS else [line])
    return "\n".join(recovered)


def _cuts(line):
    """
    Positions where a piece of chrome or metadata starts or ends, so that
    each lands on a line of its own: dates (with their weekday and label),
    view counts, labelled credits, addresses, rows of items between bars,
    menus in capitals, and the footer's usual openings.
    """
    vocab = vocabulary()
    folded = fold_aligned(line)
    cuts = set()
    dated = label_pattern((*vocab.published_labels, *vocab.updated_labels, *vocab.clock_labels))
    for printed in find_dates(line):
        if not _is_printed_alone(line, printed):
            continue
        start = printed.start
        label = re.search(
            rf"(?:(?:{dated})\s*:?\s*)?(?:{_WEEKDAYS}),?\s*$|(?:{dated})\s*:?\s*$",
            folded[max(0, start - 40) : start],
        )
        if label:
            start = max(0, start - 40) + label.start()
        cuts.update((start, printed.end))
    views = label_pattern(vocab.views_labels)
    for match in re.finditer(rf"(?:{views})\s*:?\s*\d[\d.,]*\s?k?", folded):
        cuts.update((match.start(), match.end()))
    for match in _labelled_starts().finditer(folded):
        if not line[match.start()].islower():
            cuts.add(match.start())
    # The footer (the page's last third) often repeats the masthead the page opens with.
    masthead = " ".join(folded[:200].split()[:MASTHEAD_WORDS])
    if len(masthead) >= 12:
        footer = len(line) * 2 // 3
        cuts.update(match.start() for match in re.compile(re.escape(masthead)).finditer(folded, footer))
    for pattern in (_URL, _CAPITALS_RUN):
        for match in pattern.finditer(line):
            cuts.update((match.start(), match.end()))
    for row in _bar_rows(line):
        cuts.update(row)
    for pattern in (_CRUMB_START, _LEAD_DATELINE):
        cuts.update(match.start() for match in pattern.finditer(line))
    return sorted(cut for cut in cuts if 0 < cut < len(line))


# Footer openings that are chrome wherever they stand in a flattened page.
_FOOTER_OPENINGS = (
    "©",
    "ban quyen",
    "copyright",
    "giay phep",
    "tong bien tap",
    "chiu trach nhiem",
    "ghi ro nguon",
    "dang truc tuyen",
    "tong luot truy cap",
    "thong ke truy cap",
    "all rights reserved",
)
_WEEKDAYS = (
    r"thu\s+(?:hai|ba|tu|nam|sau|bay)|chu\s+nhat|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
# "In bài viết | Gửi email | Quay lại", "English | Đăng nhập".
_BAR = re.compile(r"\s\|\s")
_FIRST_ITEM = re.compile(r"(?:[^\s|]+\s){0,2}[^\s|]+$")
# The last item stops before a capital, where the text after the row begins.
_LAST_ITEM = re.compile(rf"[^\s|]+(?:\s(?![{UPPERCASE}|])[^\s|]+){{0,2}}")
# An item of a row is a few words.
ITEM_MAX_WORDS = 3
# Where a breadcrumb starts ("Home › Politics") and where a lead opens with its dateline
# ("Hanoi (VNA) – ", "(PLVN) - ").
_CRUMB_START = re.compile(r"(?<!\S)(?:Home|Trang chủ|Trang nhất)\s*[›»>/]")
_LEAD_DATELINE = re.compile(rf"(?<!\S)(?:[{UPPERCASE}][\w.]*\s)?\([^()]{{2,20}}\)\s[–—-]\s")
# "TRANG CHỦ GIỚI THIỆU TIN TỨC - SỰ KIỆN": a menu in capitals.
_CAPITALS_RUN = re.compile(rf"(?<!\S)[{UPPERCASE}]{{2,}}(?:\s+(?:-\s+)?[{UPPERCASE}]{{2,}}){{3,}}(?!\S)")


def _bar_rows(line):
    """(start, end) of each row of short items between bars: "In bài viết | Gửi email | Quay lại"."""
    rows, first, previous = [], None, None
    for bar in _BAR.finditer(line):
        if previous is not None and len(line[previous.end() : bar.start()].split()) > ITEM_MAX_WORDS:
            rows.append(_row(line, first, previous))
            first = None
        first = first or bar
        previous = bar
    if previous is not None:
        rows.append(_row(line, first, previous))
    return [row for row in rows if row]


def _row(line, first_bar, last_bar):
    head = _FIRST_ITEM.search(line, max(0, first_bar.start() - 80), first_bar.start())
    tail = _LAST_ITEM.match(line, last_bar.end())
    if not head or not tail:
        return None
    return head.start(), tail.end()


@lru_cache(maxsize=1)
def _labelled_starts():
    """Where a labelled credit, a related box or a footer line opens: "Tác giả:", "Nguồn:", "Các tin khác"."""
    vocab = vocabulary()
    labelled = label_pattern((*vocab.byline_labels, *vocab.source_labels))
    others = label_pattern(
        (*vocab.related_headings, *(p for p in vocab.chrome_prefixes if ":" in p), *_FOOTER_OPENINGS)
    )
    return re.compile(rf"(?<![\w])(?:(?:{labelled})\s*:|(?:{others}))")


# Words before a date that make it part of a sentence ("Chiều 26/2/2024, tại Hà Nội").
_PROSE_BEFORE = {
    "ngay",
    "chieu",
    "sang",
    "toi",
    "trua",
    "hom",
    "tu",
    "den",
    "nam",
    "on",
    "since",
    "from",
    "to",
    "until",
}


def _is_printed_alone(line, printed):
    """A date printed as metadata, not one mentioned in a sentence."""
    after = line[printed.end : printed.end + 3].lstrip()
    if after.startswith((",", ";")):
        return False
    before = match_key(line[max(0, printed.start - 12) : printed.start]).split()
    return not (before and before[-1] in _PROSE_BEFORE)


def _split_breadcrumb(segment):
    """ "Trang chủ » Tương trợ tư pháp » Tin hoạt động Thúc đẩy …" → breadcrumb, title."""
    match = _BREADCRUMB.match(segment)
    if not match:
        return [segment]
    rest = segment[match.end() :].split()
    for taken in range(1, min(5, len(rest))):
        if _UPPER_START.match(rest[taken]) and all(not _UPPER_START.match(w) for w in rest[1:taken]):
            crumb = segment[: match.end()] + " ".join(rest[:taken])
            return [crumb, " ".join(rest[taken:])]
    return [segment]


def _unflatten(line):
    pieces, previous = [], 0
    for cut in [*_cuts(line), len(line)]:
        piece = line[previous:cut].strip(" |").removeprefix(")").removesuffix("(").strip()
        previous = cut
        if piece:
            pieces.append(piece)
    lines = []
    for piece in pieces:
        if is_flattened(piece) or len(piece.split()) > 60:
            lines.extend(_head_and_paragraphs(piece))
        else:
            lines.extend(_split_breadcrumb(piece))
    return lines


def _head_and_paragraphs(text):
    """A long stretch: chrome and headings before the prose, then the prose in paragraphs."""
    sentences = split_sentences(text)
    lines = []
    # What precedes the first full sentence (menus, a title) stays a line of its own.
    while sentences and not sentences[0].rstrip('"”’)').endswith((".", "!", "?", "…")):
        lines.extend(_split_breadcrumb(sentences.pop(0)))
    # What follows the last full sentence (a byline: "… ở Phnôm Pênh. PV") is a line of its own.
    trailing = []
    while sentences and not sentences[-1].rstrip('"”’)').endswith((".", "!", "?", "…")):
        trailing.insert(0, sentences.pop())
    lines.extend(recover_paragraphs(" ".join(sentences)))
    return lines + trailing


def recover_paragraphs(text):
    """
    Split prose flattened to one line back into paragraphs: at inline
    related-article links, and before a sentence that opens a new topic once
    the current paragraph is long enough.
    """
    openers = vocabulary().paragraph_openers
    paragraphs = []
    for block in RELATED_LINK.split(text):
        current, words = [], 0
        for sentence in split_sentences(block):
            opens = sentence.lstrip('"“').startswith(openers)
            if current and ((opens and words >= 35) or words >= 110):
                paragraphs.append(" ".join(current))
                current, words = [], 0
            current.append(sentence)
            words += len(sentence.split())
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs
