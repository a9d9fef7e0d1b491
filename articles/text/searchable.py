"""
The words a search sees: text folded to lower-case ASCII words, and the
plain text of the stored HTML.
"""

import html
import re
import string
import unicodedata

_ALNUM = set(string.ascii_lowercase + string.digits)
_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]+")
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|li|ul|ol|h[1-6]|blockquote|table|tr|div|figure|figcaption|hr)\b[^>]*>", re.I
)
_CELL_TAG = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
# PostgreSQL cannot index longer words; to_tsvector skipped them, and so do we, on both databases.
MAX_WORD_LENGTH = 2047

# ASCII bytes → themselves when [a-z0-9], lower case when [A-Z], else a space.
_WORD_BYTES = bytes(
    byte if chr(byte) in _ALNUM else byte + 32 if chr(byte) in string.ascii_uppercase else 32
    for byte in range(256)
)


def index_text(*parts):
    """
    How text is stored for search: its folded words, space-separated.
    "Hợp tác, DẪN ĐỘ!" → "hop tac dan do".

    Marks are split off (NFD) and dropped, other non-ASCII characters (dashes,
    quotes, other scripts) become spaces, then one byte table lower-cases and
    blanks the rest: several times faster than a regex over every letter,
    and this runs on every article saved.
    """
    text = " ".join(part for part in parts if part).replace("đ", "d").replace("Đ", "D")
    decomposed = _NOT_ASCII_OR_MARK.sub(" ", unicodedata.normalize("NFD", text))
    data = decomposed.encode("ascii", "ignore")
    words = data.translate(_WORD_BYTES).split()
    if any(len(word) > MAX_WORD_LENGTH for word in words):
        words = [word for word in words if len(word) <= MAX_WORD_LENGTH]
    return b" ".join(words).decode("ascii")


def search_words(text):
    """The folded words of a text: "Hợp tác, dẫn độ!" → ["hop", "tac", "dan", "do"]."""
    return index_text(text).split()


def html_text(markup):
    """
    Plain text of the (sanitised) HTML the newsroom stores: a line for each
    paragraph, heading, list item or table row, cells apart, entities decoded.
    """
    text = _TAG.sub("", _CELL_TAG.sub(" ", _BLOCK_TAG.sub("\n", markup or "")))
    return "\n".join(" ".join(line.split()) for line in html.unescape(text).splitlines() if line.strip())
