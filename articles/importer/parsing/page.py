"""
Find the article in one page of text.

The body is the stretch of the page where prose outweighs everything else:
each line counts for or against it (a paragraph by its words, a caption or
a box of related titles a little against, chrome more, a date or credit line
so much that the body never runs across it), and the best-scoring stretch
wins, so that a related-news box or a picture inside the article does not
cut it in two. The title is the headline-like line above the body that best
fits it (nearest, sharing its words, not a menu or a widget); the date,
byline, views and category come from the lines around the title and just
below the body, each by what it says rather than where a portal puts it.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time

from ...text.dates import PORTAL_TIME_ZONE
from ...text.folding import match_key
from ...text.sentences import split_sentences
from .briefs import find_briefs
from .dates import DAY, MINUTE, date_in_address, is_relative_time
from .flattened import recover_lines
from .lines import (
    clean_byline,
    ends_sentence,
    function_word_share,
    is_name,
    prepare_lines,
)
from .results import LIST_ITEM, PageError, ParsedImage, ParsedPage
from .text import content_words, is_headline, is_vietnamese, next_filled, previous_filled, strip_dateline
from .vocabulary import vocabulary

# How far above the body the title may be, in filled lines.
TITLE_REACH = 14
# How far below the body its byline, source and tags may be.
TAIL_REACH = 8
# A body of one paragraph is an article only when it is at least this long.
ARTICLE_MIN_WORDS = 60
# A caption shown alone (its picture not scraped) is at most this long.
CAPTION_MAX_WORDS = 14
# A picture's caption line, when it follows the picture's placeholder.
IMAGE_CAPTION_MAX_WORDS = 60

_BULLET = re.compile(r"^(?:[•·▪◦●\-–+*]|\d{1,2}[.)]|[a-zđ][.)])\s+")
_PHOTO_CREDIT = re.compile(r"\(\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Photo)\s*:\s*(?P<credit>[^()]{2,100}?)\s*\)")
_CAPTION_CREDIT = re.compile(r"^(?P<caption>.*?)[\s.]*\((?:Ảnh|Photo)\s*:\s*(?P<credit>[^()]{2,80})\)\s*\.?$")
_END_MARK = re.compile(r"\s*\./\.\s*$")
_BREADCRUMB_SPLIT = re.compile(r"\s*[›»>/]\s*")
_MARKUP = re.compile(r"\*\*|__")
_CLOCK_ONLY = re.compile(r"^\d{1,2}[:h]\d{2}(?:\s?(?:am|pm|SA|CH))?$", re.IGNORECASE)


@dataclass
class Extent:
    start: int
    end: int  # exclusive


def _weight(line):
    """How much a line speaks for being inside the article body."""
    if line.blank:
        return 0
    if line.meta or line.source or line.tags or line.byline:
        # A date, credit or tags line never sits inside an article's body.
        return float("-inf")
    if line.prose:
        return line.words
    if line.chrome:
        return -8 if "|" not in line.text else -4
    if line.short_prose or _BULLET.match(line.text) and line.words >= 4:
        return line.words * 0.6
    if line.image is not None:
        return -1
    return -3


def _body_extent(lines):
    """The best-scoring stretch of lines, starting and ending on prose (Kadane's algorithm)."""
    best, best_extent = 0.0, None
    running, start, paragraphs = 0.0, None, 0
    for index, line in enumerate(lines):
        weight = _weight(line)
        if start is None:
            if not line.prose:
                continue
            start, running, paragraphs = index, 0.0, 0
        running += weight
        paragraphs += line.prose
        if running <= 0:
            start, running = None, 0.0
            continue
        # One short paragraph alone may be a teaser's summary, not an article.
        alone_ok = paragraphs > 1 or running >= ARTICLE_MIN_WORDS or not _is_teaser_summary(lines, start)
        if line.prose and running > best and alone_ok:
            best, best_extent = running, Extent(start, index + 1)
    return best_extent


def _is_teaser_date(line):
    meta = line.meta
    return bool(meta and len(meta.dates) == 1 and not meta.weekday and meta.views is None and not meta.byline)


def _is_teaser_summary(lines, index):
    """A line under "title / date" that another such teaser follows: a list of other news."""
    date_index = previous_filled(lines, index)
    if date_index is None or not _is_teaser_date(lines[date_index]):
        return False
    title_index = previous_filled(lines, date_index)
    if title_index is None or not is_headline(lines[title_index].text):
        return False
    following = next_filled(lines, index)
    if following is None:
        return True
    after = next_filled(lines, following)
    return after is not None and _is_teaser_date(lines[after])


def _title_score(lines, index, extent, lead_words):
    line = lines[index]
    text = _MARKUP.sub("", line.text).strip()
    if (
        line.breaks_prose
        or line.byline
        or line.image is not None
        or line.read_more
        or not is_headline(text)
        or line.words > 45
        or match_key(text) in vocabulary().related_headings
        or _BREADCRUMB_SPLIT.search(text)
        and line.words <= 12
        and len(_BREADCRUMB_SPLIT.split(text)) >= 3
    ):
        return None
    distance = sum(1 for i in range(index + 1, extent.start) if not lines[i].blank)
    score = 10 - distance * 0.8
    overlap = content_words(text) & lead_words
    score += 12 * len(overlap) / max(len(content_words(text)), 1)
    if ends_sentence(text) and not text.endswith(("?", "!")):
        score -= 4
    if text.isupper() and is_vietnamese(text):
        score -= 6
    if function_word_share(text) >= 0.08 or line.words >= 6:
        score += 2
    if 3 <= line.words <= 5:
        score -= 3
    return score


def _find_title(lines, extent):
    lead_words = set()
    for index in range(extent.start, extent.end):
        if lines[index].prose:
            lead_words |= content_words(lines[index].text)
            if len(lead_words) > 80:
                break
    best, best_index = None, None
    index, seen = extent.start, 0
    while (index := previous_filled(lines, index)) is not None and seen < TITLE_REACH:
        seen += 1
        score = _title_score(lines, index, extent, lead_words)
        if score is not None and (best is None or score > best):
            best, best_index = score, index
    return best_index


def _head_lines(lines, title_index, body_start):
    """The title's neighbours that may describe the article: below it to the body, and just above it."""
    below = [i for i in range(title_index + 1, body_start) if not lines[i].blank]
    above, index = [], title_index
    while (index := previous_filled(lines, index)) is not None and len(above) < 3:
        line = lines[index]
        if line.chrome or line.prose or line.read_more:
            break
        above.append(index)
    return below, above


def _tail_lines(lines, end):
    found, index = [], end - 1
    while (index := next_filled(lines, index)) is not None and len(found) < TAIL_REACH:
        line = lines[index]
        if line.prose or match_key(line.text).rstrip(" :") in vocabulary().related_headings:
            break
        found.append(index)
    return found


@dataclass
class DateChoice:
    when: object = None
    precision: str = ""


_DATE_PREFERENCE = {"published": 0, "plain": 1, "updated": 3}


def _choose_date(lines, below, above, tail, text):
    """
    The article's publication time: a date labelled as published before an
    unlabelled one, both before an "updated" one; the title's neighbourhood
    before the lines under the body; a date in the page's address last. A
    site clock ("Hôm nay: …") never.
    """
    candidates = []
    for rank, indexes in ((0, below), (1, above), (2, tail)):
        for order, index in enumerate(indexes):
            meta = lines[index].meta
            if meta is None or (meta.weekday and not meta.dates[0:1]) or meta.category:
                continue
            for printed in meta.dates:
                if printed.kind == "clock":
                    continue
                preference = _DATE_PREFERENCE[printed.kind] * 3 + rank
                candidates.append((preference, order, printed))
    if candidates:
        candidates.sort(key=lambda item: (item[0], item[1]))
        printed = candidates[0][2]
        return DateChoice(printed.when, printed.precision)
    day = date_in_address(text)
    if day:
        return DateChoice(datetime.combine(day, time(0), PORTAL_TIME_ZONE), DAY)
    return DateChoice()


def _address_lines(lines, below):
    return "\n".join(
        line.text for line in lines[:below] if "://" in line.text or line.text.startswith("www.")
    )


def _page_date(lines, below):
    """When the page was scraped, as the header's clock shows: the first timed date above the article."""
    for line in lines[:below]:
        if line.meta and line.meta.dates and line.meta.dates[0].precision == MINUTE:
            return line.meta.dates[0].when
    return None


def _breadcrumbs(lines, title_index, above):
    vocab = vocabulary()
    for index in range(title_index - 1, max(title_index - 9, -1), -1):
        text = lines[index].text
        if not text or lines[index].meta:
            continue
        parts = [part for part in _BREADCRUMB_SPLIT.split(text) if part]
        if len(parts) >= 2 and all(len(part.split()) <= 8 for part in parts) and not lines[index].prose:
            keyed = [match_key(part) for part in parts]
            if keyed[0] in vocab.breadcrumb_roots or len(parts) <= 4:
                return tuple(
                    part for part, key in zip(parts, keyed, strict=True) if key not in vocab.breadcrumb_roots
                )
    crumbs = []
    for index in sorted(above):
        line = lines[index]
        if line.meta or line.byline or line.chrome or line.words > 4 or any(c.isdigit() for c in line.text):
            continue
        if line.text.endswith((".", ":")) or is_name(line.text) and not line.text.isupper():
            continue
        crumbs.append(line.text)
    return tuple(crumb for crumb in crumbs if match_key(crumb) not in vocab.breadcrumb_roots)


def _is_lone_caption(text, *, first, last):
    if first or last or len(text.split()) > CAPTION_MAX_WORDS:
        return False
    key = match_key(text)
    if key.startswith(vocabulary().caption_openers):
        return True
    return text.endswith(".") and len(split_sentences(text)) == 1 and not text.endswith(":")


def _split_photo_credit(paragraph):
    """
    "Caption text. (Ảnh: Doãn Tấn/TTXVN) Body text…" → image, remaining text.
    A credit after a long stretch of prose is only taken out of the text.
    """
    match = _PHOTO_CREDIT.search(paragraph)
    if not match:
        return None, paragraph
    before, after = paragraph[: match.start()].strip(), paragraph[match.end() :].strip()
    credit = match["credit"].strip()
    if len(before.split()) <= IMAGE_CAPTION_MAX_WORDS:
        return ParsedImage(caption=before, credit=credit), after
    return ParsedImage(credit=credit), f"{before} {after}".strip()


def _related_box(lines, index, end):
    """Indexes of a box of related titles that starts at ``index`` inside the body, or ()."""
    heading = match_key(lines[index].text).rstrip(" :")
    inline = (
        ":" in lines[index].text
        and match_key(lines[index].text.split(":", 1)[0]) in vocabulary().related_headings
    )
    if heading not in vocabulary().related_headings and not inline:
        return ()
    box, cursor = [index], index
    while (cursor := next_filled(lines, cursor, upper=end)) is not None:
        line = lines[cursor]
        if line.prose and not _BULLET.match(line.text) and ends_sentence(line.text):
            break
        box.append(cursor)
    return box


class _Body:
    """The article's paragraphs and pictures, read from the lines of its extent."""

    def __init__(self, lines, extent, title):
        self.lines, self.extent, self.title_key = lines, extent, match_key(title)
        self.paragraphs, self.images = [], []

    def read(self):
        lines, end = self.lines, self.extent.end
        skip = set()
        index = self.extent.start
        while index < end:
            line = lines[index]
            if index in skip or line.blank:
                index += 1
                continue
            if box := _related_box(lines, index, end):
                skip.update(box)
                index += 1
                continue
            if line.image is not None:
                index = self._picture(index, end)
                continue
            self._text(line, index)
            index += 1
        if self.paragraphs:
            self.paragraphs[-1] = _END_MARK.sub(".", self.paragraphs[-1])
        return self.paragraphs, self.images

    def _picture(self, index, end):
        name = self.lines[index].image
        caption, after = "", next_filled(self.lines, index, upper=end)
        if after is not None and self.lines[after].image is None and not self.lines[after].breaks_prose:
            candidate = self.lines[after].text
            if len(candidate.split()) <= IMAGE_CAPTION_MAX_WORDS and not _is_paragraph(self.lines[after]):
                caption, index = candidate, after
        image, caption = _split_photo_credit(caption) if caption else (None, "")
        if image:
            image = ParsedImage(name, image.caption, image.credit)
        self.images.append(image or ParsedImage(name, caption))
        return index + 1

    def _text(self, line, index):
        if line.chrome and not _is_table_row(line) or line.read_more or line.breaks_prose:
            return
        text = _MARKUP.sub("", line.text).strip()
        if not text or _CLOCK_ONLY.match(text):
            return
        if len(text) <= 2 * len(self.title_key) + 10 and match_key(text) == self.title_key:
            return
        if caption := _CAPTION_CREDIT.match(text):
            if len(caption["caption"].split()) <= IMAGE_CAPTION_MAX_WORDS and not line.prose:
                self.images.append(
                    ParsedImage(caption=caption["caption"].strip(), credit=caption["credit"].strip())
                )
                return
        image, text = _split_photo_credit(text)
        if image:
            self.images.append(image)
        if not text:
            return
        last = next_filled(self.lines, index, upper=self.extent.end) is None
        if not line.prose and _is_lone_caption(text, first=not self.paragraphs, last=last):
            self.images.append(ParsedImage(caption=text))
        elif bullet := _BULLET.match(text):
            self.paragraphs.append(LIST_ITEM + text[bullet.end() :])
        else:
            self.paragraphs.append(text)


def _is_paragraph(line):
    return line.prose and len(line.sentences) > 1


def _is_table_row(line):
    return "|" in line.text or "\t" in line.text


def _byline_from(lines, indexes):
    for index in indexes:
        line = lines[index]
        if line.byline:
            return line.byline
        if line.meta and line.meta.byline:
            return line.meta.byline
        if line.source and line.source[0]:
            return line.source[0]
        text = _MARKUP.sub("", line.text).strip()
        if not line.breaks_prose and line.image is None and is_name(clean_byline(text)):
            return clean_byline(text)
    return ""


def _source_from(lines, indexes):
    for index in indexes:
        line = lines[index]
        if line.source:
            return line.source[1]
        if line.meta and line.meta.source:
            return line.meta.source
    return ""


def _views_from(lines, indexes):
    for index in indexes:
        meta = lines[index].meta
        if meta and meta.views is not None:
            return meta.views
    return None


def _language(paragraphs):
    sample = " ".join(paragraphs[:6])
    return "vi" if is_vietnamese(sample) else "en"


def _portal(text, lead):
    code = re.match(r"^\((?P<code>[^()\s]{2,15})\)\s*[-–—]\s*", lead)
    portals = vocabulary().portals
    if code:
        marker = f"({code['code']})"
        for name, _domain, markers in portals:
            if marker in markers:
                return name
        return code["code"]
    for name, _domain, markers in portals:
        if any(marker in text for marker in markers):
            return name
    return ""


def portal_domain(name):
    for portal_name, domain, _markers in vocabulary().portals:
        if portal_name == name:
            return domain
    return ""


def _tags(lines, start):
    return next((line.tags for line in lines[start:] if line.tags), ())


def _trailing_byline(paragraphs):
    """A byline printed as the body's last line: "Minh Châu (tổng hợp)", "HỒNG HẠNH"."""
    if len(paragraphs) > 1:
        last = clean_byline(paragraphs[-1])
        if (
            is_name(last)
            and not paragraphs[-1].rstrip().endswith((".", "!", "?"))
            or is_name(last)
            and len(last) <= 4
        ):
            paragraphs.pop()
            return last
    return ""


def parse_page(text):
    """Find the article (and the briefs around it) in one page of text."""
    lines = prepare_lines(recover_lines(text))
    if not any(not line.blank for line in lines):
        raise PageError("The page is empty.", code="empty")
    extent = _body_extent(lines)
    if extent is None:
        raise PageError(
            "No article found: the page has no paragraph of prose, only portal chrome.", code="no_article"
        )
    title_index = _find_title(lines, extent)
    body_start = extent.start
    if title_index is None:
        # Never refuse a page that has an article: its first sentence names it.
        title = split_sentences(lines[extent.start].text)[0].rstrip(".")
        title_index, below, above = extent.start, [], []
    else:
        title = _MARKUP.sub("", lines[title_index].text).strip()
        below, above = _head_lines(lines, title_index, body_start)
    tail = _tail_lines(lines, extent.end)

    paragraphs, images = _Body(lines, extent, title).read()
    if not paragraphs:
        raise PageError("No article found: nothing is left once the chrome is removed.", code="no_article")
    byline = _byline_from(lines, below) or _byline_from(lines, tail) or _trailing_byline(paragraphs)
    if not byline:
        byline = _byline_from(lines, above)
    else:
        _trailing_byline(paragraphs)
    source = _source_from(lines, tail) or _source_from(lines, below)
    raw_lead = paragraphs.pop(0)
    lead = strip_dateline(raw_lead)
    date = _choose_date(lines, below, above, tail, _address_lines(lines, extent.start))
    if date.when is None and any(is_relative_time(lines[i].text) for i in below + above):
        date = DateChoice()
    article = set(range(min(title_index, *above) if above else title_index, extent.end)) | set(tail)
    portal = _portal(text, raw_lead)
    return ParsedPage(
        title=title,
        lead=lead,
        paragraphs=tuple(paragraphs),
        published_at=date.when,
        published_precision=date.precision,
        page_date=_page_date(lines, min([title_index, *above])),
        byline=byline,
        source=source,
        portal=portal,
        category_path=_breadcrumbs(lines, title_index, above),
        view_count=_views_from(lines, below + above + tail),
        images=tuple(images),
        tags=_tags(lines, extent.end),
        language=_language([lead, *paragraphs]),
        briefs=tuple(find_briefs(lines, article, portal)),
    )
