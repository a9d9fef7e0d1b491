"""
The regex helpers every finder uses: many literal names as one trie-shaped
pattern, a word list as an alternation, and matches that must start a word.
"""

import re

from articles.text.folding import UPPERCASE

WORD_OR_HYPHEN = re.compile(r"[\w-]")
WORD = re.compile(r"\w")
DIGIT = re.compile(r"\d")
CAPITALISED = re.compile(rf"^[{UPPERCASE}]")


def alternation(words):
    """The body of a regex group that matches any of ``words`` literally, tried in the order given."""
    return "|".join(re.escape(word) for word in words)


def trie_pattern(words):
    """
    One regex for many literal names, shaped as a trie ("Bộ (?:Công an|Nội
    vụ)"): the engine then tests each character once instead of every name
    in turn. Longer names still win, as with a plain alternation sorted by length.
    """
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    if not trie:
        return "(?!)"  # no names: a pattern that never matches, not one that matches ""
    return _trie_branches(trie)


def _trie_branches(node):
    ends = "" in node
    branches = [re.escape(char) + _trie_branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def word_starts(pattern, text, start=0, end=None, *, after=WORD_OR_HYPHEN):
    """
    ``pattern.finditer(text, start, end)``, keeping the matches that do not
    follow a character ``after`` matches: what a leading ``(?<![\\w-])``
    says, two to four times faster. A pattern opening with a lookbehind is
    tried at every character of the text; without one the regex engine skips
    to the characters a match can begin with. A match that follows a word
    character is dropped and the search goes on from the next character, so
    no match that a lookbehind would have kept is lost.
    """
    end = len(text) if end is None else end
    search, position = pattern.search, start
    while match := search(text, position, end):
        begin = match.start()
        if begin and after.match(text, begin - 1):
            position = begin + 1
            continue
        yield match
        position = max(match.end(), begin + 1)
