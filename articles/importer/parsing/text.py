"""Small rules about lines and sentences that the parts of the page reader share."""

import re

from ...text.folding import UPPERCASE, fold

# "(ANTV) - ", "(Chinhphu.vn) - ": the portal's code opening a lead.
PORTAL_CODE = re.compile(r"^\((?P<code>[^()\s]{2,20}(?:\s[^()\s]{1,10})?)\)\s*[-–—]\s*")
# Datelines opening a lead: "HÀ NỘI — ", "Hanoi (VNA) – ", "Bangkok (TTXVN) –", "CAND.COM.VN - ",
# "NDO – ", "Hanoi, 13 March 2025 – ".
_PLACE = rf"[{UPPERCASE}][\w.]*(?:\s[{UPPERCASE}][\w.]*){{0,3}}"
_DATELINE = re.compile(
    r"^(?:"
    rf"(?P<upper>[{UPPERCASE}][{UPPERCASE}.\s]{{1,30}}?(?:,\s*{_PLACE})?)"  # HÀ NỘI, CAND.COM.VN, NDO, LYON, France
    rf"|(?P<place>{_PLACE})\s*\((?P<agency>[^()]{{2,25}})\)"  # Hanoi (VNA)
    rf"|(?P<placedate>{_PLACE}(?:\s*\([^()]{{2,25}}\))?,\s+(?:ngày\s+)?\d{{1,2}}[\s/.-]\w+[\s/.-]\d{{4}})"
    # "HANOI, Oct. 25 (Xinhua) --", "DA NANG, Vietnam, March 29 (Xinhua) --"
    rf"|(?P<wire>{_PLACE}(?:,\s*{_PLACE})?,\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\s*\([^()]{{2,25}}\))"
    r")\s*[-–—]+\s+"
)


def dateline(text):
    """The portal code or dateline that opens a lead ("HÀ NỘI — ", "Hanoi, 13 March 2025 – "), or ""."""
    if code := PORTAL_CODE.match(text):
        return code[0]
    match = _DATELINE.match(text)
    if not match:
        return ""
    upper = match["upper"]
    if upper and not (upper.split(",")[0].isupper() and len(upper.split()) <= 5):
        return ""
    return match[0]


def strip_dateline(text):
    """The lead without the portal code or dateline that opens it."""
    return text[len(dateline(text)) :]


_LETTER = re.compile(r"[^\W\d_]")
_MARKED_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def is_headline(text):
    """A title: a few words, no closing colon, in sentence case rather than a menu's Title Case."""
    words = text.split()
    if len(words) < 3 or len(text) < 15 or text.endswith(":"):
        return False
    # Vietnamese headlines are in sentence case; a line of Capitalised Words
    # is a slogan or a menu ("Nhân Văn - Tin Cậy - Kịp Thời - Hấp dẫn").
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) < 4 or capitalised / len(words) < 0.75 or not is_vietnamese(text)


def is_vietnamese(text):
    """Whether a text is Vietnamese rather than English: it carries Vietnamese marks."""
    letters = len(_LETTER.findall(text))
    marked = len(_MARKED_LETTER.findall(text))  # â, đ, ư, ộ… (English text has next to none)
    return bool(letters) and marked / letters >= 0.05


def previous_filled(lines, index, *, lower=0):
    """Index of the nearest non-blank line before ``index``, or None."""
    index -= 1
    while index >= lower and lines[index].blank:
        index -= 1
    return index if index >= lower else None


def next_filled(lines, index, *, upper=None):
    upper = len(lines) if upper is None else upper
    index += 1
    while index < upper and lines[index].blank:
        index += 1
    return index if index < upper else None


def content_words(text):
    """The words of a text that carry meaning, folded: for comparing a title with a lead."""
    return {word for word in re.findall(r"\w+", fold(text).lower()) if len(word) > 2 or word.isdigit()}
