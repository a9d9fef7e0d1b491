"""
Read one scraped news-portal page (plain text) and find its article.

A portal page is one article wrapped in chrome: the site header, navigation,
prompts, widgets and lists of other news. The parser gives every line a
role, takes the longest run of prose as the article body, reads the title,
date, byline and breadcrumbs from the lines just above it and the source line
just below it, and reads the lists of other news as briefs. Known phrases
live in ``vocabulary/portal_pages.toml``, not here.

Pure functions: text in, ``ParsedPage`` out, no database.
"""

import hashlib
import html
import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import cache, cached_property, lru_cache
from pathlib import Path

from ..text.dates import PORTAL_TIME_ZONE
from ..text.folding import fold, match_key
from ..text.sentences import split_sentences

# A line of at least this many words is prose that can open an article body.
PARAGRAPH_MIN_WORDS = 15
# A caption shown alone (its picture not scraped) is at most this long.
CAPTION_MAX_WORDS = 12
# A picture's caption line, when it follows the picture's placeholder.
IMAGE_CAPTION_MAX_WORDS = 60
# A line this long with many sentences is a page flattened to one line.
FLATTENED_MIN_CHARS = 1200
FLATTENED_MIN_SENTENCES = 8


class PageError(ValueError):
    """A page that cannot be imported, with a reason a person understands."""

    # ``code`` has a default so that the error survives pickling on its way
    # back from a worker process.
    def __init__(self, message, *, code="invalid"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ParsedImage:
    original_filename: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ParsedBrief:
    """An item from a list of other news: title, time, summary, category."""

    title: str
    published_at: datetime | None
    summary: str = ""
    category: str = ""
    portal: str = ""

    @cached_property
    def key(self):
        return identity_key(self.portal, self.title, self.published_at)

    @cached_property
    def fingerprint(self):
        return fingerprint([self.title, self.published_at, self.summary, self.category, self.portal])


@dataclass(frozen=True)
class ParsedPage:
    title: str
    paragraphs: tuple[str, ...]
    lead: str = ""
    published_at: datetime | None = None
    page_date: datetime | None = None
    byline: str = ""
    source: str = ""
    portal: str = ""
    category_path: tuple[str, ...] = ()
    view_count: int | None = None
    images: tuple[ParsedImage, ...] = ()
    tags: tuple[str, ...] = ()
    briefs: tuple[ParsedBrief, ...] = field(default=())
    # What other apps' analysers made of the page during the import (by name).
    analyses: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self):
        """Title, lead and paragraphs, one a line: what an article's readers read."""
        return "\n".join([self.title, self.lead, *self.paragraphs])

    @property
    def outlet(self):
        """Who published the article: the credited source, else the portal."""
        return self.source or self.portal

    @cached_property
    def key(self):
        """Outlet, title and day: a re-scraped page has the same key."""
        return identity_key(self.outlet, self.title, self.published_at)

    @cached_property
    def alternate_key(self):
        """For a different article that happens to share outlet, title and day."""
        return identity_key(self.outlet, f"{self.title} {self.lead[:200]}", self.published_at)

    @cached_property
    def body_html(self):
        return "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in self.paragraphs)

    @cached_property
    def fingerprint(self):
        """Changes whenever anything the article shows changes."""
        return fingerprint(
            [
                self.title,
                self.lead,
                self.paragraphs,
                self.published_at,
                self.byline,
                self.source,
                self.portal,
                self.category_path,
                self.view_count,
                [(i.original_filename, i.caption, i.credit) for i in self.images],
                sorted(self.tags),
            ]
        )

    def identify(self):
        """Work out keys and fingerprints now (in a worker process, say) rather than later."""
        for item in (self, *self.briefs):
            item.key, item.fingerprint  # noqa: B018
        self.body_html  # noqa: B018
        return self


def identity_key(outlet, title, published_at):
    """Who published what, and on which day, as a stable hash."""

    def norm(text):
        return " ".join(re.sub(r"[^\w\s]", " ", fold(text).lower()).split())

    day = published_at.astimezone(PORTAL_TIME_ZONE).date().isoformat() if published_at else ""
    return hashlib.sha256(f"{norm(outlet)}|{norm(title)}|{day}".encode()).hexdigest()


def fingerprint(values):
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode()).hexdigest()


# ---------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True)
class Vocabulary:
    chrome_lines: frozenset
    chrome_prefixes: tuple
    date_labels: tuple
    breadcrumb_roots: frozenset
    caption_openers: tuple
    paragraph_openers: tuple
    portals: tuple  # (name, domain, markers)


@cache
def vocabulary():
    data = tomllib.loads((Path(__file__).parent / "vocabulary" / "portal_pages.toml").read_text("utf-8"))
    return Vocabulary(
        chrome_lines=frozenset(match_key(line) for line in data["chrome_lines"]),
        chrome_prefixes=tuple(match_key(prefix) for prefix in data["chrome_prefixes"]),
        date_labels=tuple(sorted((match_key(label) for label in data["date_labels"]), key=len, reverse=True)),
        breadcrumb_roots=frozenset(match_key(root) for root in data["breadcrumb_roots"]),
        caption_openers=tuple(match_key(opener) for opener in data["caption_openers"]),
        paragraph_openers=tuple(data["paragraph_openers"]),
        portals=tuple((p["name"], p.get("domain", ""), tuple(p["markers"])) for p in data["portals"]),
    )


# ---------------------------------------------------------------------------
# Line patterns

_DATE = r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
_TIME = r"(?P<hour>\d{1,2})[:hg](?P<minute>\d{2})(?:'|\s*phút)?"
_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile(_TIME)
_WEEKDAY_RE = re.compile(r"^(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat)\b", re.IGNORECASE)
_ZONE_RE = re.compile(r"\(?\s*(?:GMT|UTC)\s*\+\s*0?7(?::00)?\s*\)?", re.IGNORECASE)
_DATELINE_FILLER_RE = re.compile(r"[\s,|\-–—:()]+")
_VIEWS_RE = re.compile(r"^luot xem\s*:?\s*(?P<count>\d[\d.,]*)$")
_IMAGE_PLACEHOLDER_RE = re.compile(
    r"^(?P<name>[\w.-]+\.(?:jpe?g|png|gif|webp|bmp|tiff?))(?:\s*-\s*\d+)?$", re.IGNORECASE
)
_SOURCE_RE = re.compile(r"^(?:theo|nguon)\s*:?\s+(?P<source>\S.{0,60}?)\s*\.?$", re.IGNORECASE)
_BYLINE_SOURCE_RE = re.compile(
    r"^(?P<byline>[^()]{1,40}?)\s*\(\s*(?:theo|nguon)\s*:?\s*(?P<source>[^()]{2,60}?)\s*\)\s*\.?$",
    re.IGNORECASE,
)
_TAGS_RE = re.compile(r"^(?:tags|tu khoa|the)\s*:\s*(?P<tags>.+)$", re.IGNORECASE)
_INITIALS_RE = re.compile(r"^[A-ZĐ]{1,4}(?:\.[A-ZĐ]{1,4})*\.?$")
_PORTAL_CODE_RE = re.compile(r"^\((?P<code>[^()\s]{2,15})\)\s*[-–—]\s*")
_RELATED_LINK_RE = re.compile(r"\s*\[[^\[\]]{8,300}\]\s*")
_PHOTO_CREDIT_RE = re.compile(r"\(\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa)\s*:\s*(?P<credit>[^()]{2,100}?)\s*\)")
_END_MARK_RE = re.compile(r"\s*\./\.\s*$")
_CHROME_TOKEN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{5,}$")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[›»>/]\s*")


def _words(line):
    return len(line.split())


@dataclass(frozen=True)
class DateLine:
    """A line that is a date (and perhaps a time, and a category before it)."""

    when: datetime | date
    category: str = ""
    weekday: bool = False

    @property
    def has_time(self):
        return isinstance(self.when, datetime)


def parse_dateline(line):
    """
    Read a line such as "Thứ Năm, ngày 30/09/2021 | 08:20", "08:23 26/06/2025"
    or "Văn hóa 12/01/2026". Returns None when the line is anything else.
    """
    if len(line) > 80:
        return None
    date_match = _DATE_RE.search(line)
    if not date_match:
        return None
    try:
        day = date(int(date_match["year"]), int(date_match["month"]), int(date_match["day"]))
    except ValueError:
        return None
    rest = line[: date_match.start()] + " " + line[date_match.end() :]
    time_match = _TIME_RE.search(rest)
    when = day
    if time_match:
        hour, minute = int(time_match["hour"]), int(time_match["minute"])
        if hour > 23 or minute > 59:
            return None
        when = datetime.combine(day, time(hour, minute), tzinfo=PORTAL_TIME_ZONE)
        rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    rest = _ZONE_RE.sub(" ", rest)
    folded = fold(rest)
    weekday = _WEEKDAY_RE.search(folded.strip())
    if weekday:
        rest = rest.strip()[weekday.end() :]
    rest_key = match_key(rest)
    for label in vocabulary().date_labels:
        rest_key = re.sub(rf"(^|\s){re.escape(label)}(\s|$)", " ", rest_key)
    if not _DATELINE_FILLER_RE.sub("", rest_key):
        return DateLine(when=when, weekday=bool(weekday))
    # What is left may be a category printed with the date: "Thế giới 12/01/2026".
    category = _DATELINE_FILLER_RE.sub(" ", rest).strip()
    if weekday or not category or _words(category) > 4 or any(ch.isdigit() for ch in category):
        return None
    return DateLine(when=when, category=category)


def as_datetime(when):
    """A listing that gives only a day is placed at midnight of that day, Vietnam time."""
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time(0, 0), tzinfo=PORTAL_TIME_ZONE)


def is_chrome(line):
    if not line:
        return False
    vocab = vocabulary()
    # Chrome is short, or opens with a known phrase: a long line is only
    # compared by its opening words.
    if len(line) <= 80 and match_key(line).rstrip(" :!.") in vocab.chrome_lines:
        return True
    if match_key(line[:40]).startswith(vocab.chrome_prefixes):
        return True
    if line.startswith("•") and (_words(line) <= 7 or ":" in line):
        return True
    return bool(_CHROME_TOKEN_RE.match(line))


def parse_views(line):
    if len(line) > 40:
        return None
    match = _VIEWS_RE.match(match_key(line))
    return int(re.sub(r"[.,]", "", match["count"])) if match else None


def parse_source_line(line):
    """ "Theo CAND" → ("", "CAND"); "BL(theo tiengchuong.vn)" → ("BL", "tiengchuong.vn")."""
    if len(line) > 120 or _words(line) > 10:
        return None
    folded = fold(line)
    match = _BYLINE_SOURCE_RE.match(folded)
    if match:
        # Spans are the same in the folded and the original text: fold() keeps
        # one character for one character on NFC text.
        return line[match.start("byline") : match.end("byline")].strip(), line[
            match.start("source") : match.end("source")
        ].strip()
    match = _SOURCE_RE.match(folded)
    if match:
        return "", line[match.start("source") : match.end("source")].strip().rstrip(".")
    return None


def is_byline(line):
    """Initials ("BT", "T.H") or a short name where every word is capitalised."""
    if _INITIALS_RE.match(line):
        return True
    words = line.split()
    return (
        2 <= len(words) <= 4
        and all(word[0].isupper() for word in words)
        and not any(ch.isdigit() or ch in ',.:;!?()"“”-–' for ch in line)
    )


def _is_headline(line):
    words = line.split()
    if len(words) < 3 or len(line) < 15 or line.endswith(":"):
        return False
    # Vietnamese headlines are in sentence case; a line of Capitalised Words
    # is a slogan or a menu ("Nhân Văn - Tin Cậy - Kịp Thời - Hấp dẫn").
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) < 4 or capitalised / len(words) < 0.75


def _opens_body(line):
    """
    Prose that can open an article: long enough, and a sentence rather than
    a headline (headlines carry no full stop, however long they are).
    """
    return line.words >= PARAGRAPH_MIN_WORDS and (
        line.text.rstrip('"”’)').endswith((".", "!", "?", "…", ":", ";")) or line.words >= 40
    )


# ---------------------------------------------------------------------------
# Roles


@dataclass(frozen=True)
class Line:
    text: str
    words: int = 0
    views: int | None = None
    dateline: DateLine | None = None
    source: tuple | None = None
    tags: tuple = ()
    chrome: bool = False
    image: str = ""

    @property
    def blank(self):
        return not self.text

    @property
    def breaks_prose(self):
        """Lines that cannot belong to an article body run."""
        return bool(self.chrome or self.views is not None or self.dateline or self.source or self.tags)


# Portal chrome repeats from page to page; a line's role is worked out once.
@lru_cache(maxsize=8192)
def _classify(text):
    words = _words(text)
    if not text:
        return Line(text)
    image = _IMAGE_PLACEHOLDER_RE.match(text)
    image = image["name"] if image else ""
    views = parse_views(text)
    if views is not None:
        return Line(text, words, views=views, image=image)
    dateline = parse_dateline(text)
    if dateline:
        return Line(text, words, dateline=dateline, image=image)
    source = parse_source_line(text)
    tags = () if source else parse_tags_line(text)
    chrome = not (source or tags) and is_chrome(text)
    return Line(text, words, source=source, tags=tags, chrome=chrome, image=image)


def _prepare_lines(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return [_classify(" ".join(raw.split())) for raw in text.split("\n")]


# ---------------------------------------------------------------------------
# Lists of other news


def _previous(lines, index, *, lower=0):
    """Index of the nearest non-blank line before ``index``, or None."""
    index -= 1
    while index >= lower and lines[index].blank:
        index -= 1
    return index if index >= lower else None


def _next(lines, index):
    index += 1
    while index < len(lines) and lines[index].blank:
        index += 1
    return index if index < len(lines) else None


def _find_briefs(lines, skip):
    """
    Teasers: a title (sometimes printed twice), a time or "category date"
    line, then a one-line summary. ``skip`` holds indexes that belong to the
    article and cannot be teasers.
    """
    briefs, used = [], set()
    for index, line in enumerate(lines):
        if index in skip or not line.dateline or line.dateline.weekday:
            continue
        title_index = _previous(lines, index)
        if title_index is None or title_index in skip or title_index in used:
            continue
        title_line = lines[title_index]
        if title_line.breaks_prose or title_line.image or not _is_headline(title_line.text):
            continue
        owned = {index, title_index}
        twin = _previous(lines, title_index)
        if (
            twin is not None
            and twin not in skip
            and match_key(lines[twin].text) == match_key(title_line.text)
        ):
            owned.add(twin)
        summary = ""
        after = _next(lines, index)
        if after is not None and after not in skip and not lines[after].breaks_prose:
            following = _next(lines, after)
            next_is_teaser_title = following is not None and lines[following].dateline is not None
            if not next_is_teaser_title and lines[after].words >= 6:
                summary = lines[after].text
                owned.add(after)
        used |= owned
        briefs.append(
            ParsedBrief(
                title=title_line.text,
                published_at=as_datetime(line.dateline.when),
                summary=_PORTAL_CODE_RE.sub("", summary),
                category=line.dateline.category,
            )
        )
    return briefs, used


# ---------------------------------------------------------------------------
# The article


def _prose_runs(lines):
    """Maximal runs of lines that may be article body, as (start, end) pairs."""
    runs, start = [], None
    for index, line in enumerate([*lines, Line("", chrome=True)]):
        if line.breaks_prose:
            if start is not None:
                runs.append((start, index))
            start = None
        elif start is None and not line.blank:
            start = index
    return runs


def _run_words(lines, run):
    return sum(lines[i].words for i in range(*run) if lines[i].words >= 8)


def _is_teaser_run(lines, run):
    """A run that is just a teaser's summary (and perhaps the next teaser's title)."""
    before = _previous(lines, run[0])
    if before is None or not lines[before].dateline or lines[before].dateline.weekday:
        return False
    title = _previous(lines, before)
    filled = [i for i in range(*run) if not lines[i].blank]
    return title is not None and _is_headline(lines[title].text) and len(filled) <= 2


def _recover_paragraphs(text):
    """
    Split a page flattened to one line back into paragraphs: at inline
    related-article links, and before a sentence that opens a new topic once
    the current paragraph is long enough.
    """
    openers = vocabulary().paragraph_openers
    paragraphs = []
    for block in _RELATED_LINK_RE.split(text):
        current, words = [], 0
        for sentence in split_sentences(block):
            opens = sentence.lstrip('"“').startswith(openers)
            if current and ((opens and words >= 35) or words >= 110):
                paragraphs.append(" ".join(current))
                current, words = [], 0
            current.append(sentence)
            words += _words(sentence)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def _is_flattened(text):
    return len(text) >= FLATTENED_MIN_CHARS and len(split_sentences(text)) >= FLATTENED_MIN_SENTENCES


def _is_lone_caption(text, *, first, last):
    if first or last or _words(text) > CAPTION_MAX_WORDS:
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
    match = _PHOTO_CREDIT_RE.search(paragraph)
    if not match:
        return None, paragraph
    before, after = paragraph[: match.start()].strip(), paragraph[match.end() :].strip()
    credit = match["credit"].strip()
    if _words(before) <= IMAGE_CAPTION_MAX_WORDS:
        return ParsedImage(caption=before, credit=credit), after
    return ParsedImage(credit=credit), f"{before} {after}".strip()


def _body(lines, start, end, title):
    """Paragraphs and pictures between ``start`` and ``end``, chrome and repeats removed."""
    paragraphs, images = [], []
    texts = [line for line in lines[start:end] if not line.blank]
    title_key = match_key(title)
    index = 0
    while index < len(texts):
        line = texts[index]
        index += 1
        if line.image:
            caption = ""
            if index < len(texts) and not texts[index].image:
                candidate = texts[index].text
                if _words(candidate) <= IMAGE_CAPTION_MAX_WORDS:
                    caption = candidate
                    index += 1
            image, caption = _split_photo_credit(caption) if caption else (None, "")
            if image:
                image = ParsedImage(line.image, image.caption, image.credit)
            images.append(image or ParsedImage(line.image, caption))
            continue
        text = _RELATED_LINK_RE.sub(" ", line.text).strip() if not _is_flattened(line.text) else line.text
        if not text or (len(text) <= 2 * len(title) and match_key(text) == title_key):
            continue
        image, text = _split_photo_credit(text)
        if image:
            images.append(image)
        if not text:
            continue
        if _is_flattened(text):
            paragraphs.extend(_recover_paragraphs(text))
        elif _is_lone_caption(text, first=not paragraphs, last=index == len(texts)):
            images.append(ParsedImage(caption=text))
        else:
            paragraphs.append(text)
    if paragraphs:
        paragraphs[-1] = _END_MARK_RE.sub(".", paragraphs[-1])
    return paragraphs, images


def _head(lines, body_start, lower):
    """Title, date, byline, views and breadcrumbs in the lines above the body."""
    found = {"title": "", "date": None, "byline": "", "views": None, "title_index": None}
    index = body_start
    while (index := _previous(lines, index, lower=lower)) is not None:
        line = lines[index]
        if line.views is not None:
            found["views"] = line.views
        elif line.dateline:
            found["date"] = found["date"] or line.dateline
        elif line.chrome or line.source:
            break
        elif not found["byline"] and is_byline(line.text):
            found["byline"] = line.text
        elif _is_headline(line.text):
            found["title"], found["title_index"] = line.text, index
            break
    return found


def _breadcrumbs(lines, title_index):
    crumbs, index = [], title_index
    while (index := _previous(lines, index)) is not None:
        text = lines[index].text
        if (
            lines[index].breaks_prose
            or lines[index].words > 4
            or len(text) > 40
            or any(c.isdigit() for c in text)
        ):
            break
        if " - " in text or text.endswith((".", ":")):
            break
        crumbs.insert(0, text)
        if len(crumbs) == 3:
            break
    if len(crumbs) == 1 and _BREADCRUMB_SPLIT_RE.search(crumbs[0]):
        crumbs = _BREADCRUMB_SPLIT_RE.split(crumbs[0])
    roots = vocabulary().breadcrumb_roots
    return tuple(crumb for crumb in crumbs if match_key(crumb) not in roots)


def _page_date(lines, below):
    for line in lines[:below]:
        if line.dateline and line.dateline.has_time:
            return line.dateline.when
    return None


def _portal(text, lead):
    code = _PORTAL_CODE_RE.match(lead)
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


def parse_tags_line(line):
    """ "Từ khóa: dẫn độ, Interpol" → ("dẫn độ", "Interpol")."""
    match = _TAGS_RE.match(fold(line[:12]) + line[12:]) if line[:1] in "Tt" else None
    if not match:
        return ()
    return tuple(tag.strip() for tag in re.split(r"[,;|]", line[match.start("tags") :]) if tag.strip())


def _tags(lines, start):
    return next((line.tags for line in lines[start:] if line.tags), ())


def parse_page(text):
    """Find the article (and the briefs around it) in one page of text."""
    lines = _prepare_lines(text)
    if not any(not line.blank for line in lines):
        raise PageError("The page is empty.", code="empty")

    candidates = [
        run
        for run in _prose_runs(lines)
        if not _is_teaser_run(lines, run) and any(_opens_body(lines[i]) for i in range(*run))
    ]
    if not candidates:
        raise PageError(
            "No article found: the page has no paragraph of prose, only portal chrome.", code="no_article"
        )
    run_start, run_end = max(candidates, key=lambda run: _run_words(lines, run))
    body_start = next(i for i in range(run_start, run_end) if _opens_body(lines[i]))

    head = _head(lines, body_start, lower=0)
    if not head["title"]:
        raise PageError("No article found: the page has prose but no title above it.", code="no_title")
    title_index = head["title_index"]

    # The source line closes the article: "Theo CAND", "BL(theo tiengchuong.vn)".
    byline, source = head["byline"], ""
    after = _next(lines, run_end - 1) if run_end <= len(lines) else None
    if after is not None and lines[after].source:
        source_byline, source = lines[after].source
        byline = byline or source_byline

    paragraphs, images = _body(lines, body_start, run_end, head["title"])
    if not paragraphs:
        raise PageError("No article found: nothing is left once the chrome is removed.", code="no_article")
    if not byline and len(paragraphs) > 1 and is_byline(paragraphs[-1]):
        byline = paragraphs.pop()
    lead = paragraphs.pop(0)

    article_lines = set(range(title_index, run_end + (1 if source else 0)))
    briefs, _ = _find_briefs(lines, skip=article_lines)
    portal = _portal(text, lead)
    date_line = head["date"]
    return ParsedPage(
        title=head["title"],
        lead=_PORTAL_CODE_RE.sub("", lead),
        paragraphs=tuple(paragraphs),
        published_at=as_datetime(date_line.when) if date_line else None,
        page_date=_page_date(lines, title_index),
        byline=byline,
        source=source,
        portal=portal,
        category_path=_breadcrumbs(lines, title_index),
        view_count=head["views"],
        images=tuple(images),
        tags=_tags(lines, run_end),
        briefs=tuple(replace(brief, portal=portal) for brief in _dedupe_briefs(briefs)),
    )


def _dedupe_briefs(briefs):
    seen = set()
    for brief in briefs:
        key = (match_key(brief.title), brief.published_at)
        if key not in seen:
            seen.add(key)
            yield brief
