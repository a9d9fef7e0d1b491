"""
Find the article in one page of text.

The body is the stretch of the page where prose outweighs everything else:
each line counts for or against it (a paragraph by its words, a caption or
a box of related titles a little against, chrome more, and a date, credit or
tags line ends it), and the best-scoring stretch wins, so that a
related-news box or a picture inside the article does not cut it in two.
The title is the headline-like line above the body that best fits it
(nearest, sharing its words, not a menu, a widget or a caption); the date,
byline, views and category come from the lines around the title and just
below the body, each read for what it says rather than for where a portal
happens to put it.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime, time

from ...text.dates import PORTAL_TIME_ZONE
from ...text.folding import match_key
from ...text.sentences import split_sentences
from .briefs import find_briefs
from .dates import DAY, MINUTE, date_in_address, find_dates, is_relative_time
from .flattened import recover_lines
from .lines import (
    clean_byline,
    ends_sentence,
    function_word_share,
    is_name,
    prepare_lines,
)
from .results import LIST_ITEM, PageError, ParsedImage, ParsedPage
from .text import (
    content_words,
    dateline,
    is_headline,
    is_vietnamese,
    next_filled,
    previous_filled,
    strip_dateline,
)
from .vocabulary import vocabulary

# How much of the article's opening text tells its language.
LANGUAGE_SAMPLE_CHARS = 600
# How far above the body the title may be, in filled lines.
TITLE_REACH = 14
# How far below the body its byline, source and tags may be.
TAIL_REACH = 8
# A body of one paragraph is an article only when it is at least this long.
ARTICLE_MIN_WORDS = 60
# A caption shown alone (its picture not scraped) is at most this long.
CAPTION_MAX_WORDS = 14
# A heading of a box ("Tin liên quan:", "Related stories") is at most this long.
HEADING_MAX_CHARS = 40
# A byline printed as the body's last line is at most this long ("Minh Châu (tổng hợp)").
TRAILING_BYLINE_MAX_CHARS = 80
# A related article's teaser under its title, inside the body.
TEASER_MAX_WORDS = 30
# A picture's caption line, when it follows the picture's placeholder.
IMAGE_CAPTION_MAX_WORDS = 60

_BULLET = re.compile(r"^(?:[•·▪◦●\-–+*]|\d{1,2}[.)]|[a-zđ][.)])\s+")
_PHOTO_CREDIT = re.compile(r"\(\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Photo)\s*:\s*(?P<credit>[^()]{2,100}?)\s*\)")
# "… tại hội đàm. Ảnh: Bộ Công an", "… in Tay Ninh. Photo: UNODC", "… (Ảnh: TTXVN)".
_CREDIT_TAIL = re.compile(
    r"^(?P<caption>.*?)[\s.]*\(?\s*(?:Ảnh|ẢNH|Nguồn ảnh|Photo|PHOTO)\s*:\s*(?P<credit>[^()]{2,60}?)\s*\)?\s*\.?$"
)
# "Ảnh: Cán bộ hai bên tuần tra song phương." — a caption under its label.
_CAPTION_LABEL = re.compile(r"^(?:Ảnh|ẢNH|Hình|Photo|PHOTO|Ảnh minh họa)\s*:\s*")
_CREDIT_WORDS = ("Ảnh", "ẢNH", "Hình", "Photo", "PHOTO")
# "… Da Nang, Vietnam, March 29, 2024. (Xinhua/VNA)"
_SLASH_CREDIT = re.compile(r"^(?P<caption>.+?)\s*\((?P<credit>[A-Z][\w.+-]*\s?/\s?[^()/]{2,40})\)\.?$")
# "To Lam (C)", "Sar Sokha (2nd R)": who stands where in a picture.
_POSITION_MARK = re.compile(r"\((?:\d(?:st|nd|rd|th)\s)?[CLR]\)")
# The mark that ends a news agency's story: "./.", "Enditem", "(END)".
_END_MARK = re.compile(r"\s*(?:\./\.|Enditem|\(END\))\s*$")
_BREADCRUMB_SPLIT = re.compile(r"\s*[›»>]\s*|\s+/\s+")
_MARKUP = re.compile(r"\*\*|__")
_CATEGORY_LABEL = re.compile(r"^(?P<label>[^:]{3,20}):\s*")
_CLOCK_ONLY = re.compile(r"^\d{1,2}[:h]\d{2}(?:\s?(?:am|pm|SA|CH))?$", re.IGNORECASE)


@dataclass
class Extent:
    start: int
    end: int  # exclusive


def _caption_lines(lines):
    """
    Lines that are captions: the line under a picture, and a line that ends
    with its photographer's credit ("… tại hội đàm. Ảnh: Bộ Công an").
    """
    captions = set()
    for index, line in enumerate(lines):
        if line.blank or line.breaks_prose:
            continue
        if line.image is not None:
            after = next_filled(lines, index)
            if after is not None and _could_caption(lines[after]):
                captions.add(after)
        elif line.words <= IMAGE_CAPTION_MAX_WORDS and _has_credit(line.text):
            captions.add(index)
    return captions


def _entry_headers(lines):
    """
    Day headers of a live blog's entries ("19/10/2023" over "17:35" over the
    entry): a date line that does not end the body.
    """
    headers = set()
    for index, line in enumerate(lines):
        meta = line.meta
        if meta is None or len(meta.dates) != 1 or meta.dates[0].kind != "plain" or meta.byline or meta.views:
            continue
        after = next_filled(lines, index)
        if after is not None and _CLOCK_ONLY.match(lines[after].text):
            headers.add(index)
    return headers


def _has_credit(text):
    """
    A caption by its label or credit: "… tại hội đàm. Ảnh: Bộ Công an",
    "Ảnh: Cán bộ hai bên tuần tra…", "Photo taken on … (Xinhua/Cao Ngoc)".
    """
    if text.endswith((")", ").")) and _is_wire_caption(text):
        return True
    if not any(word in text for word in _CREDIT_WORDS):
        return False
    return bool(_CREDIT_TAIL.match(text) or _CAPTION_LABEL.match(text))


def _is_wire_caption(text):
    """
    "… (Xinhua/Cao Ngoc)": a credit of agency and photographer ends the line,
    and the line reads as a picture's (a photographer named, "(C)" / "(R)"
    for who stands where, or a caption's opening) — a paragraph may end with
    "(TTXVN/Vietnam+)" too.
    """
    match = _SLASH_CREDIT.match(text)
    if not match:
        return False
    photographer = match["credit"].split("/", 1)[1].strip()
    named = is_name(photographer) and len(photographer.split()) >= 2
    opens = match_key(text[:30]).startswith(vocabulary().caption_openers)
    return named or opens or bool(_POSITION_MARK.search(match["caption"]))


def _could_caption(line):
    if line.image is not None or line.breaks_prose or line.words > IMAGE_CAPTION_MAX_WORDS:
        return False
    text = _CREDIT_TAIL.match(line.text)
    sentences = split_sentences(text["caption"] if text else line.text)
    return len(sentences) <= 2 or line.words <= 25


def _weight(line, caption, entry_header=False):
    """How much a line speaks for being inside the article body."""
    if line.blank:
        return 0
    if entry_header:
        return -1
    if line.meta or line.source or line.tags or line.byline:
        # A date, credit or tags line never sits inside an article's body.
        return float("-inf")
    if caption or line.image is not None:
        return -1
    if line.prose:
        return line.words
    if line.chrome:
        return -8 if "|" not in line.text else -4
    if line.short_prose or _BULLET.match(line.text) and line.words >= 4:
        return line.words * 0.6
    return -3


def _body_extent(lines, captions):
    """The best-scoring stretch of lines, starting and ending on prose (Kadane's algorithm)."""
    entry_headers = _entry_headers(lines)
    best, best_extent = 0.0, None
    running, start, paragraphs = 0.0, None, 0
    for index, line in enumerate(lines):
        caption = index in captions
        prose = line.prose and not caption
        if start is None:
            if not prose:
                continue
            start, running, paragraphs = index, 0.0, 0
        running += _weight(line, caption, index in entry_headers)
        paragraphs += prose
        if running <= 0:
            start, running = None, 0.0
            continue
        # One short paragraph alone may be a teaser's summary, not an article.
        if (
            prose
            and running > best
            and (paragraphs > 1 or running >= ARTICLE_MIN_WORDS or not _is_teaser_summary(lines, start))
        ):
            best, best_extent = running, Extent(start, index + 1)
    if best_extent is not None:
        # The body may end on a short sentence right under its last paragraph ("Đoàn đã về nước an toàn.").
        after = next_filled(lines, best_extent.end - 1)
        if (
            after is not None
            and lines[after].short_prose
            and after not in captions
            and ends_sentence(lines[after].text)
        ):
            best_extent.end = after + 1
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


class _TitleFinder:
    """The headline-like line above the body that fits it best."""

    def __init__(self, lines, extent, captions):
        self.lines, self.extent, self.captions = lines, extent, captions
        self.lead_words = set()
        for index in range(extent.start, extent.end):
            if lines[index].prose:
                self.lead_words |= content_words(lines[index].text)
                if len(self.lead_words) > 80:
                    break

    def find(self):
        best, best_index = None, None
        index, seen = self.extent.start, 0
        while (index := previous_filled(self.lines, index)) is not None and seen < TITLE_REACH:
            seen += 1
            score = self.score(index, distance=seen - 1)
            if score is not None and (best is None or score > best):
                best, best_index = score, index
        return best_index

    def score(self, index, *, distance):
        line = self.lines[index]
        text = _MARKUP.sub("", line.text).strip()
        if not self.could_be_title(line, text) or index in self.captions:
            return None
        score = 10 - distance * 0.8
        words = content_words(text)
        score += 12 * len(words & self.lead_words) / max(len(words), 1)
        if ends_sentence(text) and not text.endswith(("?", "!")):
            score -= 4
        if text.isupper() and is_vietnamese(text):
            score -= 6
        if function_word_share(text) >= 0.08 or line.words >= 6:
            score += 2
        if line.words <= 5:
            score -= 3
        return score

    @staticmethod
    def could_be_title(line, text):
        return not (
            line.breaks_prose
            or line.byline
            or line.image is not None
            or line.read_more
            or line.words > 45
            or not is_headline(text)
            or match_key(text) in vocabulary().related_headings
            or _BREADCRUMB_SPLIT.search(text)
        )


def _head_lines(lines, title_index, body_start):
    """The title's neighbours that may describe the article: below it to the body, and just above it."""
    below = [i for i in range(title_index + 1, body_start) if not lines[i].blank]
    above, index = [], title_index
    while (index := previous_filled(lines, index)) is not None and len(above) < 3:
        line = lines[index]
        # Above the breadcrumb is the site's header, not the article's.
        if line.chrome or line.prose or line.read_more or _BREADCRUMB_SPLIT.search(line.text):
            break
        above.append(index)
    return below, above


def _tail_lines(lines, end):
    found, index = [], end - 1
    while (index := next_filled(lines, index)) is not None and len(found) < TAIL_REACH:
        line = lines[index]
        if line.prose or line.key.rstrip(" :") in vocabulary().related_headings:
            break
        found.append(index)
    return found


@dataclass
class DateChoice:
    when: datetime | None = None
    precision: str = ""


_DATE_PREFERENCE = {"published": 0, "plain": 1, "updated": 3}


def _choose_date(lines, below, above, tail, addresses, lead):
    """
    The article's publication time: a date labelled as published before an
    unlabelled one, both before an "updated" one; the title's neighbourhood
    before the lines under the body; then the lead's dateline ("Hanoi, 13
    March 2025 –"); a date in the page's address last. A site clock ("Hôm
    nay: …") never.
    """
    candidates = []
    for rank, indexes in ((0, below), (1, above), (2, tail)):
        for order, index in enumerate(indexes):
            meta = lines[index].meta
            if meta is None:
                continue
            for printed in meta.dates:
                # "Thế giới 12/01/2026" is as often a teaser's line as the article's, but not under the title.
                if printed.kind != "clock" and (
                    not meta.category or rank == 0 or printed.kind == "published"
                ):
                    candidates.append((_DATE_PREFERENCE[printed.kind] * 3 + rank, order, printed))
    if candidates:
        printed = min(candidates, key=lambda item: (item[0], item[1]))[2]
        if printed.precision == DAY:
            # The same day printed with its time elsewhere ("16:40 | 24/12/2024" under the body) is the same date, told better.
            timed = [c[2] for c in candidates if c[2].precision == MINUTE and c[2].kind != "updated"]
            printed = next((c for c in timed if c.when.date() == printed.when.date()), printed)
        return DateChoice(printed.when, printed.precision)
    if printed := find_dates(dateline(lead))[:1]:
        return DateChoice(printed[0].when, printed[0].precision)
    if day := date_in_address(addresses):
        return DateChoice(datetime.combine(day, time(0), PORTAL_TIME_ZONE), DAY)
    return DateChoice()


def _addresses(lines, below):
    return "\n".join(
        line.text for line in lines[:below] if "://" in line.text or line.text.startswith("www.")
    )


def _page_date(lines, below):
    """When the page was scraped, as the header's clock shows: the first timed date above the article."""
    for line in lines[:below]:
        if line.meta and line.meta.dates and line.meta.dates[0].precision == MINUTE:
            return line.meta.dates[0].when
    return None


# How many short lines above the title may be a stacked breadcrumb.
CRUMB_REACH = 6


def _breadcrumbs(lines, title_index, above):
    """
    The category path: a breadcrumb line above the title ("Thời sự > Chính
    trị"), else section names stacked one per line just above it, else the
    section label over the title ("Politics", "Chuyên mục: Sự kiện").
    """
    roots = vocabulary().breadcrumb_roots
    crumbs = (
        _crumb_line(lines, title_index) or _crumb_stack(lines, title_index) or _section_labels(lines, above)
    )
    path = []
    for crumb in crumbs:
        crumb = _CATEGORY_LABEL.sub("", crumb, count=1) if _is_category_label(crumb) else crumb
        if match_key(crumb) not in roots and (not path or path[-1] != crumb):
            path.append(crumb)
    return tuple(path)


def _is_category_label(text):
    label = _CATEGORY_LABEL.match(text)
    return bool(label) and match_key(label["label"]) in vocabulary().category_labels


def _crumb_line(lines, title_index):
    roots = vocabulary().breadcrumb_roots
    for index in range(title_index - 1, max(title_index - 9, -1), -1):
        line = lines[index]
        if line.blank or line.meta or line.prose or "://" in line.text:
            continue
        parts = [part for part in _BREADCRUMB_SPLIT.split(line.text) if part]
        if len(parts) >= 2 and all(len(part.split()) <= 8 for part in parts):
            if match_key(parts[0]) in roots or len(parts) <= 4:
                return parts
    return []


def _is_crumb(line):
    return (
        0 < line.words <= 6
        and not (line.meta or line.byline or line.prose or line.read_more or line.image is not None)
        and not any(c.isdigit() for c in line.text)
        and not line.text.endswith((".", ":", "|"))
        and "|" not in line.text
    )


def _crumb_stack(lines, title_index):
    """
    Section names one per line above the title, from the site's root ("Home")
    or from the first one that repeats an item of the menu above it.
    """
    stack, index = [], title_index
    while (index := previous_filled(lines, index)) is not None and len(stack) < CRUMB_REACH:
        if not _is_crumb(lines[index]):
            break
        stack.insert(0, index)
    if len(stack) < 2:
        return []
    roots = vocabulary().breadcrumb_roots
    keys = [lines[index].key for index in stack]
    start = None
    if any(key in roots for key in keys):
        start = max(position for position, key in enumerate(keys) if key in roots) + 1
    else:
        menu = set()
        for line in lines[: stack[0]]:
            menu.update(match_key(item) for item in re.split(r"\s*\|\s*", line.text) if item)
        start = next((position for position, key in enumerate(keys) if key in menu), None)
    if start is None:
        return []
    return [lines[index].text for index in stack[start:] if not lines[index].chrome]


def _section_labels(lines, above):
    crumbs = []
    for index in sorted(above):
        line = lines[index]
        words = len([word for word in line.text.split() if word.isalnum()])
        if line.meta or line.byline or line.chrome or words > 5 or any(c.isdigit() for c in line.text):
            continue
        if _is_category_label(line.text):
            crumbs.append(line.text)
            continue
        # A name beside the date is its byline; otherwise it names the section ("International Cooperation").
        if (
            line.text.endswith((".", ":"))
            or is_name(line.text)
            and not line.text.isupper()
            and _beside_date(lines, index)
        ):
            continue
        crumbs.append(line.text)
    return crumbs


def _lead_pictures(lines, below, captions):
    """The pictures between the title and the body: the article's lead photo."""
    pictures = []
    for index in below:
        line = lines[index]
        if line.image is not None:
            after = next_filled(lines, index)
            caption = lines[after].text if after in captions else ""
            pictures.append(_caption_image(caption, line.image))
        elif index in captions and lines[previous_filled(lines, index)].image is None:
            pictures.append(_caption_image(line.text))
    return pictures


def _marked_caption(text):
    """ "[Ảnh] Bộ trưởng tiếp ông Watanabe Kenji." → the caption after a picture's marker, else None."""
    if not text.startswith(("[", "(")):
        return None
    close = text.find("]" if text[0] == "[" else ")")
    if close < 0 or match_key(text[: close + 1]) not in vocabulary().image_markers:
        return None
    return text[close + 1 :].strip()


def _is_lone_caption(text, *, first, last):
    if first or last or len(text.split()) > CAPTION_MAX_WORDS:
        return False
    key = match_key(text)
    if key.startswith(vocabulary().caption_openers):
        return True
    return text.endswith(".") and len(split_sentences(text)) == 1 and not text.endswith(":")


def _caption_image(text, name=""):
    """A caption line as a picture: its credit, inline or at the end, taken apart."""
    if (wire := _SLASH_CREDIT.match(text)) and _is_wire_caption(text):
        return ParsedImage(name, wire["caption"].strip(), wire["credit"].strip())
    if label := _CAPTION_LABEL.match(text):
        return ParsedImage(name, text[label.end() :].strip())
    tail = _CREDIT_TAIL.match(text)
    if tail:
        return ParsedImage(name, tail["caption"].strip(), tail["credit"].strip())
    return ParsedImage(name, text)


def _split_photo_credits(paragraph):
    """
    "Caption text. (Ảnh: Doãn Tấn/TTXVN) Body text…" → pictures, remaining
    text. The caption is what stands between the previous sentence and the
    credit; every credit in the paragraph is taken out.
    """
    images, kept, cursor = [], [], 0
    for match in _PHOTO_CREDIT.finditer(paragraph):
        before = paragraph[cursor : match.start()].strip()
        sentences = split_sentences(before)
        caption = sentences[-1] if sentences else ""
        # The caption is all that precedes the credit, or an unpunctuated line
        # run into the prose; after a sentence of prose only the credit goes.
        if len(caption.split()) > IMAGE_CAPTION_MAX_WORDS or len(sentences) > 1 and ends_sentence(caption):
            caption = ""
        images.append(ParsedImage(caption=caption, credit=match["credit"].strip()))
        kept.append(before[: len(before) - len(caption)].strip() if caption else before)
        cursor = match.end()
    if not images:
        return [], paragraph
    kept.append(paragraph[cursor:].strip())
    return images, " ".join(part for part in kept if part)


def _related_box(lines, index, end):
    """
    Indexes of a box of related titles that starts at ``index`` inside the
    body, or (). Under a bare heading the first line is a title whatever it
    reads like, and a short paragraph right under a title is its teaser.
    """
    text = lines[index].text
    headings = vocabulary().related_headings
    colon = text.find(":", 0, HEADING_MAX_CHARS)
    inline = colon > 0 and match_key(text[:colon]) in headings
    if not inline and (len(text) > HEADING_MAX_CHARS or match_key(text).rstrip(" :") not in headings):
        return ()
    box, cursor, after_title = [index], index, False
    while (cursor := next_filled(lines, cursor, upper=end)) is not None:
        line = lines[cursor]
        first = len(box) == 1 and not inline
        if not first and line.prose and not _BULLET.match(line.text) and ends_sentence(line.text):
            if not (after_title and not inline and line.words <= TEASER_MAX_WORDS):
                break
            after_title = False
        else:
            after_title = True
        box.append(cursor)
    return box


def _summary_box(lines, extent):
    """The key points printed above the article under a heading ("Đọc nhanh"): their indexes, or ()."""
    heading = previous_filled(lines, extent.start)
    if heading is None or lines[heading].key.rstrip(" :") not in vocabulary().summary_headings:
        return ()
    box, cursor = [], heading
    while (cursor := next_filled(lines, cursor, upper=extent.end)) is not None:
        line = lines[cursor]
        if line.prose and not _BULLET.match(line.text):
            break
        box.append(cursor)
    return box


def _linked_title(lines, index, end):
    """A related article's title followed by a bare "Xem thêm" / "Read more" link: both lines, or ()."""
    after = next_filled(lines, index, upper=end)
    if after is None or lines[index].prose or not lines[after].read_more:
        return ()
    return (index, after) if lines[after].key.rstrip(" :.»>") in vocabulary().related_headings else ()


class _Body:
    """The article's paragraphs and pictures, read from the lines of its extent."""

    def __init__(self, lines, extent, title, captions):
        self.lines, self.extent, self.captions = lines, extent, captions
        self.title_key = match_key(title)
        self.paragraphs, self.images = [], []

    def read(self):
        lines, end = self.lines, self.extent.end
        skip = set(_summary_box(lines, self.extent))
        for index in range(self.extent.start, end):
            line = lines[index]
            if index in skip or line.blank:
                continue
            if box := _related_box(lines, index, end) or _linked_title(lines, index, end):
                skip.update(box)
            elif line.image is not None:
                after = next_filled(lines, index, upper=end)
                if after in self.captions:
                    skip.add(after)
                    self.images.append(_caption_image(lines[after].text, line.image))
                else:
                    self.images.append(ParsedImage(line.image))
            elif index in self.captions:
                self.images.append(_caption_image(line.text))
            else:
                self._text(line, index)
        if self.paragraphs:
            last = self.paragraphs[-1]
            if _END_MARK.search(last):
                last = _END_MARK.sub("", last)
                self.paragraphs[-1] = last if last.endswith((".", "!", "?", "…", '"', "”")) else last + "."
        return self.paragraphs, self.images

    def _in_table(self, index):
        """A row between bars with a neighbour of as many cells: a table's, not a row of buttons."""
        cells = _cell_count(self.lines[index])
        neighbours = (previous_filled(self.lines, index), next_filled(self.lines, index))
        return cells >= 2 and any(i is not None and _cell_count(self.lines[i]) == cells for i in neighbours)

    def _text(self, line, index):
        if line.chrome and not self._in_table(index) or line.read_more or line.breaks_prose:
            return
        text = _MARKUP.sub("", line.text).strip()
        if not text or _CLOCK_ONLY.match(text):
            return
        if abs(len(text) - len(self.title_key)) <= 10 and match_key(text) == self.title_key:
            return
        caption = _marked_caption(text)
        if caption is not None:
            self.images.append(_caption_image(caption))
            return
        images, text = _split_photo_credits(text)
        self.images.extend(images)
        if not text:
            return
        last = next_filled(self.lines, index, upper=self.extent.end) is None
        if bullet := _BULLET.match(text):
            self.paragraphs.append(LIST_ITEM + text[bullet.end() :])
        elif not line.prose and _is_lone_caption(text, first=not self.paragraphs, last=last):
            self.images.append(ParsedImage(caption=text))
        else:
            self.paragraphs.append(text)


def _cell_count(line):
    return len(line.text.split(" | ")) if " | " in line.text else 0


def _byline_from(lines, indexes, *, bare_names=True, chrome_ends_names=False):
    """
    The first byline among ``indexes``: labelled, in a meta or credit line,
    or (with ``bare_names``) a lone name — under the body, only before the
    share buttons and contact boxes (``chrome_ends_names``).
    """
    for index in indexes:
        line = lines[index]
        if line.byline:
            return line.byline
        if line.meta and line.meta.byline:
            return line.meta.byline
        if line.source and line.source[0]:
            return clean_byline(line.source[0])
        if line.chrome:
            bare_names = bare_names and not chrome_ends_names
            continue
        text = _MARKUP.sub("", line.text).strip()
        if (
            bare_names
            and not line.breaks_prose
            and line.image is None
            and not line.chrome
            and is_name(clean_byline(text))
        ):
            return clean_byline(text)
    return ""


def _byline_over_tags(lines, end):
    """A name right over the tags line, past a box of related news inside the article."""
    index, seen = end - 1, 0
    while (index := next_filled(lines, index)) is not None and seen < 2 * TAIL_REACH:
        seen += 1
        if lines[index].tags:
            above = previous_filled(lines, index)
            return _byline_from(lines, [above]) if above is not None and above >= end else ""
    return ""


def _beside_date(lines, index):
    neighbours = (previous_filled(lines, index), next_filled(lines, index))
    return any(i is not None and lines[i].meta is not None and lines[i].meta.dates for i in neighbours)


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


def _trailing_byline(paragraphs):
    """A byline printed as the body's last line: "Minh Châu (tổng hợp)", "HỒNG HẠNH"."""
    if len(paragraphs) > 1 and len(paragraphs[-1]) <= TRAILING_BYLINE_MAX_CHARS:
        text = paragraphs[-1]
        name = clean_byline(text)
        if is_name(name) and (not text.rstrip().endswith((".", "!", "?")) or len(name) <= 4):
            paragraphs.pop()
            return name
    return ""


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


def parse_page(text):
    """Find the article (and the briefs around it) in one page of text."""
    lines = prepare_lines(recover_lines(text))
    if not any(not line.blank for line in lines):
        raise PageError("The page is empty.", code="empty")
    captions = _caption_lines(lines)
    extent = _body_extent(lines, captions)
    if extent is None:
        raise PageError(
            "No article found: the page has no paragraph of prose, only portal chrome.", code="no_article"
        )
    title_index = _TitleFinder(lines, extent, captions).find()
    if title_index is None:
        # Never refuse a page that has an article: its first sentence names it.
        title = split_sentences(lines[extent.start].text)[0].rstrip(".")
        title_index, below, above = extent.start, [], []
    else:
        title = _MARKUP.sub("", lines[title_index].text).strip()
        below, above = _head_lines(lines, title_index, extent.start)
    tail = _tail_lines(lines, extent.end)

    paragraphs, images = _Body(lines, extent, title, captions).read()
    images = _lead_pictures(lines, below, captions) + images
    if not paragraphs:
        raise PageError("No article found: nothing is left once the chrome is removed.", code="no_article")
    trailing = _trailing_byline(paragraphs)
    byline = _byline_from(lines, below) or _byline_from(lines, tail, chrome_ends_names=True) or trailing
    # Above the title a lone name is more likely a menu item than the author,
    # unless it sits beside the date.
    category = _breadcrumbs(lines, title_index, above)
    beside_date = [i for i in above if _beside_date(lines, i) and lines[i].text not in category]
    byline = byline or _byline_from(lines, beside_date) or _byline_over_tags(lines, extent.end)
    byline = byline or _byline_from(lines, above, bare_names=False)
    # A news agency's name alone under an article credits it as the source.
    agency = byline if match_key(byline) in vocabulary().news_agencies else ""
    byline = "" if agency else byline
    source = _source_from(lines, tail) or _source_from(lines, below) or agency
    raw_lead = paragraphs.pop(0)
    date = _choose_date(lines, below, above, tail, _addresses(lines, extent.start), raw_lead)
    if date.when is None and any(is_relative_time(lines[i].text) for i in below + above):
        date = DateChoice()
    first = min([title_index, *above])
    portal = _portal(text, raw_lead)
    lead = strip_dateline(raw_lead)
    language = "vi" if is_vietnamese(" ".join([lead, *paragraphs[:3]])[:LANGUAGE_SAMPLE_CHARS]) else "en"
    return ParsedPage(
        title=title,
        lead=lead,
        paragraphs=tuple(paragraphs),
        published_at=date.when,
        published_precision=date.precision,
        page_date=_page_date(lines, first),
        byline=byline,
        source=source,
        portal=portal,
        category_path=category,
        view_count=_views_from(lines, below + above + tail),
        images=tuple(images),
        tags=next((line.tags for line in lines[extent.end :] if line.tags), ()),
        language=language,
        briefs=tuple(
            replace(brief, language=language)
            for brief in find_briefs(lines, set(range(first, extent.end)) | set(tail), portal)
        ),
    )
