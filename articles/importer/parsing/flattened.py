"""
Pages flattened to one line (a scraper that kept no line breaks): the
structure is recovered before the page is read — the metadata (dates, view
counts, credits) and the breadcrumb cut out onto lines of their own, the
prose split back into paragraphs at its sentences.
"""

import re

from ...text.folding import match_key
from ...text.sentences import split_sentences
from .dates import find_dates
from .vocabulary import label_pattern, vocabulary

# A line this long with many sentences is a page flattened to one line.
FLATTENED_MIN_CHARS = 1200
FLATTENED_MIN_SENTENCES = 8
# "[Việt Nam luôn chủ động …]": a link to a related article inside the text.
RELATED_LINK = re.compile(r"\s*\[[^\[\]]{8,300}\]\s*")
_BREADCRUMB = re.compile(r"(?:[^\s»›>]+(?:\s[^\s»›>]+){0,4}\s*[»›>]\s*){1,5}")
_UPPER_START = re.compile(r"^[A-ZÀ-ỸĐ]")


def is_flattened(text):
    return len(text) >= FLATTENED_MIN_CHARS and len(split_sentences(text)) >= FLATTENED_MIN_SENTENCES


def recover_lines(text):
    """``text`` with every flattened line split back into lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(is_flattened(line) for line in lines):
        return text
    recovered = []
    for line in lines:
        recovered.extend(_unflatten(line) if is_flattened(line) else [line])
    return "\n".join(recovered)


def _cuts(line):
    """Positions where metadata starts or ends, so that each lands on a line of its own."""
    vocab = vocabulary()
    folded = match_key(line) if len(match_key(line)) == len(line) else None
    cuts = set()
    for printed in find_dates(line):
        if not _is_printed_alone(line, printed):
            continue
        start = printed.start
        if folded is not None:
            labels = label_pattern((*vocab.published_labels, *vocab.updated_labels, *vocab.clock_labels))
            label = re.search(rf"(?:{labels})\s*:?\s*$", folded[max(0, start - 30) : start])
            if label:
                start = max(0, start - 30) + label.start()
        cuts.update((start, printed.end))
    if folded is not None:
        views = label_pattern(vocab.views_labels)
        for match in re.finditer(rf"(?:{views})\s*:?\s*\d[\d.,]*\s?k?", folded):
            cuts.update((match.start(), match.end()))
    return sorted(cut for cut in cuts if 0 < cut < len(line))


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
        piece = line[previous:cut].strip(" |")
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
    lines.extend(recover_paragraphs(" ".join(sentences)))
    return lines


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
