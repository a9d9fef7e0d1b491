"""Where sentences end in Vietnamese (and English) news prose."""

import re
import tomllib
from functools import cache
from pathlib import Path

from .folding import UPPERCASE

# The stop is matched, not looked behind for: a leading lookbehind would make
# the regex engine try every character of the text.
_SENTENCE_END = re.compile(rf"[.!?…](?P<gap>[\"”’)]?\s+)(?=[\"“‘(\[]?[{UPPERCASE}0-9])")


@cache
def _abbreviations():
    data = tomllib.loads((Path(__file__).with_name("vocabulary.toml")).read_text("utf-8"))
    return frozenset(data["sentence_abbreviations"])


def sentence_spans(text):
    """
    (start, end) of each sentence of ``text``: a full stop (or ! ? …) then a
    capital, except after an abbreviation ("TP.") or an initial.
    """
    abbreviations = _abbreviations()
    start = 0
    for match in _SENTENCE_END.finditer(text):
        stop = match.start("gap")
        last_word = text[start:stop].rstrip('.!?…"”’) ').rsplit(" ", 1)[-1]
        if last_word in abbreviations or (len(last_word) == 1 and last_word.isupper()):
            continue
        yield start, stop + len(match.group("gap").rstrip())
        start = match.end()
    if text[start:].strip():
        yield start, len(text.rstrip())


def split_sentences(text):
    """The sentences of ``text``, stripped."""
    return [text[start:end].strip() for start, end in sentence_spans(text)]
