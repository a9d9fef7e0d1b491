"""
Vietnamese text rules shared by the whole newsroom: NFC storage, accent
folding for search and slugs.

Pure functions, no database.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def nfc(text):
    """Return text in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """Strip Vietnamese diacritics and đ → d, keeping case: "Đà Nẵng" → "Da Nang"."""
    # NFD plus one regex is the fastest fold in CPython (folding runs on every
    # line of every imported page). đ/Đ are letters of their own, not d with
    # a combining mark, so they are replaced by hand.
    decomposed = unicodedata.normalize("NFD", text or "")
    return _COMBINING_MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


_NO_ASCII_BASE = re.compile("[^\x00-\x7f\u0300-\u036f]")


def fold_aligned(text):
    """
    Folded, lower-case text of the same length as ``text``, so that a match
    found in one is at the same place in the other: "Đà Nẵng “A”" → "da nang \x1aa\x1a".
    Characters without an ASCII letter at their base (quotes, dashes, other
    scripts) become \x1a. Twice as fast as ``fold(text).lower()``: the marks
    are dropped by the ASCII encoder instead of a regex that matches each one.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = _NO_ASCII_BASE.sub("\x1a", decomposed).encode("ascii", "ignore").decode("ascii").lower()
    if len(folded) != len(text):  # marks that compose with nothing, Hangul…: one character at a time
        folded = "".join(_fold_char(char) for char in text)
    return folded


def _fold_char(char):
    folded = fold(char).lower()
    return folded if len(folded) == 1 and folded.isascii() else "\x1a"


def _letters(case):
    letters = (chr(c) for c in range(0xC0, 0x1EFA))
    return "".join(ch for ch in letters if ch.isalpha() and fold(ch).isascii() and getattr(ch, case)())


# Vietnamese letters by case, for regex classes: a range such as À-Ỹ mixes both cases.
UPPERCASE = "A-Z" + _letters("isupper")
LOWERCASE = "a-z" + _letters("islower")


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
