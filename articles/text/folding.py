"""
NFC storage and accent folding: "Đà Nẵng" is "Da Nang" to search, slugs
and name matching, and one key says when two names are the same.
"""

import re
import unicodedata

_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_NO_ASCII_BASE = re.compile("[^\x00-\x7f\u0300-\u036f]")


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


def match_key(text):
    """
    How two names or phrases are compared: folded, lower case, single
    spaces. "Bộ  Công an" and "bo cong an" have the same key. The importer's
    vocabulary, the extractor, the linker and the alias table all use it.
    """
    return " ".join(fold(text).lower().split())


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
