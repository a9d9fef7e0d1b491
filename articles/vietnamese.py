"""
Vietnamese text rules shared by the whole newsroom: NFC storage, accent
folding for search and slugs.

Pure functions, no database.
"""

import re
import unicodedata

# đ/Đ are letters of their own, not d with a combining mark, so NFKD leaves
# them intact and a plain ASCII fold would drop them.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def nfc(text):
    """Return text in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """Strip Vietnamese diacritics and đ → d, keeping case: "Đà Nẵng" → "Da Nang"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text, max_length=200):
    """
    ASCII slug of a Vietnamese title: "Tăng cường hợp tác" → "tang-cuong-hop-tac".

    Long titles are cut at a word boundary so that the slug stays readable.
    """
    slug = _NON_WORD.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")
