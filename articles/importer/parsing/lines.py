"""
What each line of a page is, read from the line alone: a date line, a view
count, a byline, a source credit, a tags line, a picture, a read-more
pointer, portal chrome, or text — and, for text, how much it reads like
prose. The page reader (``page.py``) decides the article from these.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache

from ...text.folding import fold, fold_aligned, match_key
from .dates import find_dates
from .vocabulary import label_pattern, vocabulary

# A line of at least this many words is prose that can open an article body.
PARAGRAPH_MIN_WORDS = 15
# A picture's placeholder ("[Hình ảnh]") is at most this long.
IMAGE_MARKER_MAX_CHARS = 20
# A metadata line never runs longer than this.
META_MAX_CHARS = 160

_SEPARATORS = re.compile(r"\s*(?:\||·|•)\s*")
_FILLER = re.compile(r"^[\s,|\-–—:()/.·•]*$")
_WEEKDAY = re.compile(
    r"^(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|t[2-7]|cn|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|fri|sat|sun)\b"
)
_ZONE_WORDS = re.compile(
    r"\(?\s*(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?00)?\s*\)?|\b(?:sa|ch|am|pm|ict|cest|cet|bst|est)\b"
)
_NUMBER = r"(\d[\d.,]*\s?[k]?)"
_IMAGE_FILE = re.compile(
    # "7-1.jpg -0", "[amp-img] dan-do-1715812345.jpg", "<img> hero.webp"
    r"^(?:[\[<][\w -]{1,20}[\]>]\s*)?(?P<name>[\w.%-]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|avif))(?:\s*-\s*\d+)?$",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^(?:tags?|tu khoa|the|chu de|topics?|keywords?)\s*:\s*", re.IGNORECASE)
# "#Viện kiểm sát #tương trợ tư pháp": two or more hashtags, each of a few words.
_HASHTAGS = re.compile(r"^#[^#\s][^#]{0,40}(?:\s+#[^#\s][^#]{0,40})+$")
# The rank or degree before an author's name: "Thượng úy Nguyễn Minh Tuấn", "ThS. Nguyễn Thị Lan".
_RANK = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:úy|uý|tá|tướng)|Binh nhất|Binh nhì|Hạ sĩ|Trung sĩ|Thượng sĩ"
    r"|(?:(?:GS|PGS|TS|ThS|TSKH|CN|LS|NCS|Dr|Prof)\.\s?)+)\s*",
    re.IGNORECASE,
)
# "Xinhua writer Vu Long": the outlet and the role before the name.
_WRITER = re.compile(r"^(?:[A-Z][\w.]*\s+)?(?:staff\s+)?(?:writers?|reporters?|correspondents?)\s+")
# "Thu Hằng/VOV.VN": the outlet after a slash is not part of the name.
_OUTLET_SUFFIX = re.compile(r"\s*/\s*[A-Z0-9][A-Za-z0-9.+-]*$")
_INITIALS = re.compile(r"^[A-ZĐ]{1,4}(?:\.[A-ZĐ]{1,4})*\.?$")
_ABBREVIATED_NAME = re.compile(r"^[A-ZĐ]\.\s?[A-ZĐ][\wÀ-ỹ]+$")
_PLAYER_TIME = re.compile(r"^[▶►⏵\s]*\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$")
_TEXT_SIZE = re.compile(r"^(?:co chu\s*:?\s*)?(?:a-?\s+a\s+a\+?|a-\s+a\+)(?:\s*\|.*)?$")
_COMMENT_COUNT = re.compile(r"^\(?\d+\)?\s*(?:binh luan|comments?)$")
# A code-like token ("sharebox", "banner_top"), not a capitalised word such as a section name.
_CHROME_TOKEN = re.compile(r"^(?![A-Z][a-z]+$|[A-Z]+$)[A-Za-z][A-Za-z0-9_]{5,}$")
# "[2] Hiệp định tương trợ tư pháp …": a footnote under a journal article.
_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s")
# "[In trang] [Đóng cửa sổ]": a row of bracketed buttons.
_BUTTONS = re.compile(r"^(?:\s*\[[^\[\]]{1,30}\])+\s*$")
_DIGIT = re.compile(r"\d")
_LEADING_SYMBOLS = re.compile(r"^[^\w(\[“\"]+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# What may follow a paragraph's last sentence: its credit, an agency's end mark.
_CLOSING_CREDIT = re.compile(r"\s*(?:\([^()]{1,40}\)|Enditem|\(END\))$")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '."', ".”", '!"', '?"', ".'", ".)")


def words_of(text):
    return len(text.split())


@lru_cache(maxsize=1)
def _views_patterns():
    labels = label_pattern(vocabulary().views_labels)
    return re.compile(rf"(?:^|\b)(?:{labels})\s*:?\s*{_NUMBER}"), re.compile(rf"{_NUMBER}\s*(?:{labels})\b")


def parse_views(text):
    """ "Lượt xem: 1.234" → 1234, "3,4K lượt xem" → 3400, "Views: 1,204" → 1204; else None."""
    key = match_key(text)
    labelled, counted = _views_patterns()
    match = labelled.search(key) or counted.search(key)
    return _count(match[1]) if match else None


def _count(raw):
    raw = raw.strip().lower()
    thousands = raw.endswith("k")
    raw = raw.rstrip("k ").rstrip(".,")
    if thousands:
        return round(float(raw.replace(",", ".")) * 1000)
    # "1.234" and "1,234" group thousands; "2.7" without K would not be a count.
    digits = re.sub(r"[.,](?=\d{3}(?:\D|$))", "", raw)
    return int(digits) if digits.isdigit() else None


@dataclass(frozen=True)
class DateInLine:
    when: datetime
    precision: str
    kind: str  # published | updated | clock | plain


@dataclass(frozen=True)
class Meta:
    """What a metadata line says: dates, a view count, a byline, a source, a category."""

    dates: tuple = ()
    views: int | None = None
    byline: str = ""
    source: str = ""
    category: str = ""
    weekday: bool = False


@lru_cache(maxsize=1)
def _kind_patterns():
    vocab = vocabulary()
    return [
        (kind, re.compile(rf"(?:^|\s)(?:{label_pattern(labels)})\s*:?\s*(?:luc|ngay|on|at)?\s*$"))
        for kind, labels in (
            ("updated", vocab.updated_labels),
            ("published", vocab.published_labels),
            ("clock", vocab.clock_labels),
        )
    ]


def _label_kind(before):
    """Whether the words before a date say it was published, updated, or is today's clock."""
    tail = match_key(before)[-40:]
    return next((kind for kind, pattern in _kind_patterns() if pattern.search(tail)), "plain")


@lru_cache(maxsize=1)
def _date_labels():
    labels = tuple(sorted(set(vocabulary().date_labels), key=len, reverse=True))
    return re.compile(rf"(^|[\s(])(?:{label_pattern(labels)})(?=[\s:)]|$)")


def _strip_known(segment):
    """What is left of a segment once date words, labels, weekdays and zones are removed."""
    key = match_key(segment)
    key = _ZONE_WORDS.sub(" ", key)
    key = _date_labels().sub(" ", key)
    key = key.strip(" ,:-–—")
    weekday = _WEEKDAY.match(key)
    if weekday:
        key = key[weekday.end() :]
    return key, bool(weekday)


@lru_cache(maxsize=1)
def _label_starts():
    vocab = vocabulary()
    labels = label_pattern((*vocab.views_labels, "in bai", "print"))
    bylines = label_pattern(vocab.byline_labels)
    # Not between a count and its label ("3,4K lượt xem"); a byline label
    # only after a date or a time zone, not inside a phrase ("Share this story:").
    return re.compile(
        rf"(?<=\S)(?<![\d.,])(?<!\d[km])\s+(?=(?:{labels})\b)|(?<=[\d)])\s+(?=(?:{bylines})\s*:)"
    )


@lru_cache(maxsize=1)
def _other_role():
    return re.compile(rf"(?:{label_pattern(vocabulary().other_role_labels)})\s*:")


def _cut_at_labels(text):
    """A separator before each label run together with what precedes it: "19:45 Lượt đọc: 2.384 In bài"."""
    cuts = [match.start() for match in _label_starts().finditer(fold_aligned(text))]
    for cut in reversed(cuts):
        text = f"{text[:cut]} |{text[cut:]}"
    return text


def _leftover_words(segment, key):
    """
    The words of ``segment`` that ``key`` (the segment stripped of dates and
    labels) still holds, in their printed form: "(Last updated ) in ASEAN
    Secretariat News" → "ASEAN Secretariat News".
    """
    words = [word for word in key.split() if not _FILLER.match(word)]
    if words[:1] == ["in"]:
        words = words[1:]
    if not words:
        return ""
    printed = segment.strip(" ,|-–—:()").split()
    return " ".join(printed[-len(words) :])


def _is_views_only(text):
    """ "Lượt xem: 1.234", "3,4K lượt xem", "Views: 1,204" and nothing else."""
    rest = _views_patterns()[0].sub("", match_key(text), count=1)
    rest = _views_patterns()[1].sub("", rest, count=1)
    return not rest.strip(" ,.:()")


def read_meta(text):
    """
    A line made only of metadata — "16:45 | 10/12/2024 | Tác giả: Hải Lâm |
    Lượt xem: 2.718", "Ngày đăng: 20/10/2023 | Cập nhật: 21/10/2023",
    "Thế giới 12/01/2026" — read into a Meta; None for any other line.
    """
    if len(text) > META_MAX_CHARS:
        return None
    dates = find_dates(text)
    if not dates and not _SEPARATORS.search(text):
        # Without a date, only a view count stands alone; a lone byline or credit is read as such.
        views = parse_views(text)
        return Meta(views=views) if views is not None and _is_views_only(text) else None
    rest, cursor = [], 0
    found = []
    for printed in dates:
        found.append(DateInLine(printed.when, printed.precision, _label_kind(text[cursor : printed.start])))
        rest.append(text[cursor : printed.start])
        cursor = printed.end
    rest.append(text[cursor:])
    meta = {"views": None, "byline": "", "source": "", "category": "", "weekday": False}
    leftovers = []
    for position, segment in enumerate(_SEPARATORS.split(_cut_at_labels(" ".join(rest)))):
        if not segment.strip():
            continue
        if position == 0 and segment.rstrip().endswith(",") and is_name(segment.strip(" ,")):
            continue  # the place of a dateline: "Hà Nội, ngày 20 tháng 6 năm 2024"
        if (views := parse_views(segment)) is not None:
            meta["views"] = views
            continue
        if _other_role().match(match_key(segment)):
            continue
        if byline := labelled_byline(segment):
            meta["byline"] = byline
            continue
        if credit := parse_source_line(segment):
            meta["byline"] = meta["byline"] or clean_byline(credit[0])
            meta["source"] = credit[1]
            continue
        key, weekday = _strip_known(segment)
        meta["weekday"] |= weekday
        if _FILLER.match(key) or _COMMENT_COUNT.match(key.strip()) or is_chrome(segment.strip()):
            continue
        if leftover := _leftover_words(segment, key):
            leftovers.append(leftover)
    if not (found or meta["views"] is not None or meta["byline"] or meta["source"]):
        return None
    if leftovers:
        # Left over beside a date may be its category ("Thế giới 12/01/2026").
        category = " ".join(leftovers)
        if not found or len(leftovers) > 1 or words_of(category) > 4 or any(c.isdigit() for c in category):
            return None
        if meta["weekday"] or meta["views"] is not None:
            return None
        meta["category"] = category
    return Meta(dates=tuple(found), **meta)


@lru_cache(maxsize=1)
def _byline_label_re():
    labels = label_pattern(vocabulary().byline_labels)
    return re.compile(rf"^(?:(?:{labels})\s*:|(?:by|written by|story by)\s)\s*", re.IGNORECASE)


def labelled_byline(text):
    """ "Tác giả: Nguyễn Hằng - Vụ 13" → "Nguyễn Hằng"; "Tin: A - Ảnh: B" → "A"; "By Thu Trang" → "Thu Trang"."""
    if len(text) > 120:
        return ""
    folded = fold(text).lower()
    match = _byline_label_re().match(folded)
    if not match:
        return _introduced_byline(text)
    value = clean_byline(text[match.end() :])
    if not value[:1].isupper() or len(value.split()) > 8:
        return ""
    if folded.startswith("by ") and not all(is_name(name) for name in value.split(", ")):
        return ""
    return value


def _introduced_byline(text):
    """
    A byline that its rank, degree or unit says is one without a label:
    "ĐẠI ÚY NGUYỄN VĂN HẢI - HỒNG NHUNG", "TS. Đỗ Thanh Hà - Vụ 13, VKSND tối
    cao", "Nguyễn Minh Đức - Vụ Hợp tác quốc tế", "Thu Hằng/VOV.VN".
    """
    parts = re.split(r"\s+[-–—]\s+", text, maxsplit=1)
    if len(text) > 120 or words_of(parts[0]) > 12 or ends_sentence(text):
        return ""
    introduced = (
        _RANK.match(text)
        or _OUTLET_SUFFIX.search(text)
        or len(parts) == 2
        and match_key(parts[1]).startswith(vocabulary().unit_words)
    )
    if not introduced:
        return ""
    value = clean_byline(text)
    names = value.split(", ")
    return value if value and len(names) <= 4 and all(is_name(name) for name in names) else ""


@lru_cache(maxsize=1)
def _photo_label():
    return re.compile(rf"[-–—|,]?\s*(?:{label_pattern(vocabulary().photo_labels)})\s*:")


def clean_byline(value):
    """A byline without photo credits, notes, units or markup: "A - Ảnh: B" → "A"; "A - B" → "A, B"."""
    vocab = vocabulary()
    value = value.strip().strip("*_").strip()
    photo = _photo_label().search(fold(value).lower())
    if photo:
        value = value[: photo.start()]
    value = re.sub(r"\s*\(([^()]*)\)\s*$", lambda m: "" if _is_note(m[1]) else m[0], value).strip()
    value = _WRITER.sub("", _OUTLET_SUFFIX.sub("", _RANK.sub("", value)))
    parts = [part.strip(" .,;") for part in re.split(r"\s+[-–—]\s+|\s*,\s*|\s+(?:và|and)\s+", value)]
    names = []
    for part in parts:
        if not part:
            continue
        if names and match_key(part).startswith(vocab.unit_words):
            break
        names.append(part)
    return ", ".join(names)


def _is_note(text):
    key = match_key(text)
    return (
        key in vocabulary().byline_notes
        or key.startswith(("theo ", "nguon"))
        or "/" in text
        or text.isupper()
        or key.startswith(vocabulary().unit_words)  # "(Công an tỉnh Sơn La)": the author's unit
    )


def is_name(text):
    """A person's or a team's name as bylines print it: "Minh Châu", "HỒNG HẠNH", "BT", "Q.Minh"."""
    if not text or len(text) > 60:
        return False
    if _INITIALS.match(text) or _ABBREVIATED_NAME.match(text):
        return True
    vocab = vocabulary()
    key = match_key(text)
    if key in vocab.chrome_lines or key in vocab.related_headings or key in vocab.breadcrumb_roots:
        return False
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if any(ch.isdigit() or ch in ':;!?"“”()[]' for ch in text):
        return False
    return all(word[0].isupper() or _ABBREVIATED_NAME.match(word) for word in words) and (
        len(words) > 1 or text.isupper()
    )


@lru_cache(maxsize=1)
def _source_patterns():
    labels = label_pattern(vocabulary().source_labels)
    credited = (
        rf"^(?P<byline>[^()]{{1,40}}?)\s*\(\s*(?:{labels})\s*:?\s*(?P<source>[^()]{{2,60}}?)\s*\)\s*\.?$"
    )
    labelled = rf"^\(?\s*(?:{labels})\s*(?P<colon>:)?\s+(?P<source>\S.{{0,60}}?)\s*\)?\s*\.?$"
    return re.compile(credited, re.IGNORECASE), re.compile(labelled, re.IGNORECASE)


def parse_source_line(text):
    """ "Theo CAND" → ("", "CAND"); "BL(theo tiengchuong.vn)" → ("BL", "tiengchuong.vn"); else None."""
    if len(text) > 120 or words_of(text) > 10:
        return None
    credited, labelled = _source_patterns()
    folded = fold(text)
    # Spans are the same in the folded and the original text: fold() keeps one
    # character for one character on NFC text.
    match = credited.match(folded)
    if match:
        return text[match.start("byline") : match.end("byline")].strip(), _source_value(
            text[match.start("source") : match.end("source")]
        )
    match = labelled.match(folded)
    if match:
        source = _source_value(text[match.start("source") : match.end("source")])
        # "Theo kế hoạch đã thống nhất, …" is a sentence: a source names
        # someone, and only after a colon may it be printed in lower case.
        lower = source[:1].islower() and "." not in source and not match["colon"]
        if "," in source or words_of(source) > 6 or lower:
            return None
        return "", source
    return None


def _source_value(value):
    return value.strip().rstrip(".").strip()


def parse_tags_line(text):
    """ "Từ khóa: dẫn độ, Interpol" → ("dẫn độ", "Interpol"); "#Interpol #dẫn độ" → ("Interpol", "dẫn độ")."""
    if _HASHTAGS.match(text):
        return tuple(tag.strip() for tag in text.split("#") if tag.strip())
    match = _TAGS.match(fold(text[:14]).lower() + text[14:].lower()) if text[:1] in "TtCcKk" else None
    if not match:
        return ()
    return tuple(tag.strip() for tag in re.split(r"[,;|]", text[match.end() :]) if tag.strip())


def is_chrome(text):
    """Portal chrome that says so by itself: navigation, prompts, widgets, counters."""
    if not text:
        return False
    if not any(ch.isalnum() for ch in text):
        return True  # icons: "☰", "🔍", "▶"
    vocab = vocabulary()
    text = _LEADING_SYMBOLS.sub("", text)
    # Chrome is short, or opens with a known phrase: a long line is only
    # compared by its opening words.
    key = match_key(text if len(text) <= 80 else text[:50])
    if len(text) <= 80 and key.rstrip(" :!.") in vocab.chrome_lines:
        return True
    if key.startswith(vocab.chrome_prefixes):
        return True
    if _PLAYER_TIME.match(key) or _TEXT_SIZE.match(key) or _COMMENT_COUNT.match(key):
        return True
    if text.startswith("•") and (words_of(text) <= 7 or ":" in text):
        return True
    if _URL.match(text) or _BUTTONS.match(text) and image_name(text) is None or _FOOTNOTE.match(text):
        return True
    return bool(_CHROME_TOKEN.match(text)) or is_menu(text)


# A Vietnamese headline full of names and titles ("Phó Thủ tướng Trần Lưu
# Quang tiếp Bộ trưởng Bộ Tư pháp Lào") is well over half capitalised; a
# row of section names is almost wholly.
MENU_CAPITALISED = 0.85


def is_menu(text):
    """A row of navigation: several short items between bars, or a line of capitalised section names."""
    items = [item for item in re.split(r"\s*\|\s*", text) if item]
    if len(items) >= 3 and all(words_of(item) <= 5 for item in items):
        return True
    if len(items) == 2 and all(words_of(item) <= 2 for item in items):
        return True  # "Đăng nhập | Đăng ký", "Mới nhất | Cũ nhất"
    words = text.split()
    if len(words) >= 6 and not any(ch in text for ch in ".,;:!?") and not text.endswith((".", "…")):
        capitalised = sum(1 for word in words if word[:1].isupper())
        return capitalised / len(words) >= MENU_CAPITALISED and function_word_share(text) < 0.05
    return False


def image_name(text):
    """The file name of a picture placeholder ("7-1.jpg -0", "[Hình ảnh]" gives "")."""
    match = _IMAGE_FILE.match(text)
    if match:
        return match["name"]
    if len(text) > IMAGE_MARKER_MAX_CHARS:
        return None
    return None if match_key(text) not in vocabulary().image_markers else ""


def read_more(text):
    """A line pointing to another article from inside the body ("Xem thêm: …", "Read more: …")."""
    return match_key(text[:30]).startswith(vocabulary().read_more_prefixes) and (
        ":" in text[:30] or text.endswith((")", "»")) or words_of(text) <= 14
    )


def function_word_share(text):
    words = [word.strip('.,;:!?"“”()').lower() for word in text.split()]
    if not words:
        return 0.0
    common = vocabulary().function_words
    return sum(1 for word in words if word in common) / len(words)


def ends_sentence(text):
    """Whether ``text`` ends a sentence, after any closing credit or end mark ("… năm 2025. (TTXVN/Vietnam+)")."""
    text = text.rstrip("*_ ")
    if text.endswith((")", "Enditem")):
        text = _CLOSING_CREDIT.sub("", text)
    return text.endswith(_SENTENCE_END)


@dataclass(frozen=True)
class Line:
    """One line of a page and what it is. Lines are shared between pages (see ``classify``): never change one."""

    text: str
    words: int = 0
    meta: Meta | None = None
    source: tuple | None = None
    tags: tuple = ()
    chrome: bool = False
    image: str | None = None
    read_more: bool = False
    byline: str = ""

    @property
    def blank(self):
        return not self.text

    @cached_property
    def key(self):
        """The line's match key (folded, lower case), for comparing with the vocabulary."""
        return match_key(self.text)

    @cached_property
    def breaks_prose(self):
        """Lines that cannot belong to an article body."""
        return bool(self.chrome or self.meta or self.source or self.tags)

    @cached_property
    def prose(self):
        """Reads as running prose: long enough, and sentences rather than a headline or a menu."""
        if self.breaks_prose or self.image is not None or self.read_more:
            return False
        if self.words >= 40:
            return True
        if self.words >= 25 and function_word_share(self.text) >= 0.12:
            return True
        # Headlines carry no full stop, however long they are.
        return self.words >= PARAGRAPH_MIN_WORDS and ends_sentence(self.text)

    @cached_property
    def short_prose(self):
        """A short paragraph, list item or quote: a sentence of its own, under PARAGRAPH_MIN_WORDS."""
        return (
            not self.breaks_prose
            and self.image is None
            and not self.read_more
            and 5 <= self.words < PARAGRAPH_MIN_WORDS
            and ends_sentence(self.text)
        )


# Portal chrome repeats from page to page; a line's role is worked out once.
@lru_cache(maxsize=16384)
def classify(text):
    if not text:
        return Line(text)
    words = words_of(text)
    image = image_name(text)
    if image is not None:
        return Line(text, words, image=image)
    if (tags := parse_tags_line(text)) and words <= 40:
        return Line(text, words, tags=tags)
    # Metadata has a number (a date, a count) or is labelled.
    maybe_meta = len(text) <= META_MAX_CHARS and (_DIGIT.search(text) or ":" in text or "|" in text)
    meta = read_meta(text) if maybe_meta else None
    if meta is not None and not (meta.source and not meta.dates and meta.views is None and not meta.byline):
        return Line(text, words, meta=meta)
    source = parse_source_line(text)
    if source:
        return Line(text, words, source=source)
    byline = labelled_byline(text)
    if byline:
        return Line(text, words, byline=byline)
    if read_more(text):
        return Line(text, words, read_more=True)
    return Line(text, words, chrome=is_chrome(text))


def prepare_lines(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return [classify(" ".join(raw.split())) for raw in text.split("\n")]
