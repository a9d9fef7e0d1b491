"""
People with a title, who may sign an agreement or host talks: "Bộ trưởng
Tô Lâm", "Bộ trưởng Bộ Nội vụ Cộng hòa Belarus Kubrakov Ivan Vladimirovich",
with the agency they speak for when the text says it.
"""

import re
from typing import NamedTuple

from articles.text.folding import LOWERCASE, UPPERCASE, match_key

from .agencies import agency_head_before
from .matching import WORD, alternation, trie_pattern, word_starts
from .results import AgencyRef
from .vocabulary import APPOSITION_ENDS_BEFORE, FOLDED_NOT_NAME_STARTS, PERSON_TITLES

_NAME_WORD = rf"[{UPPERCASE}][{LOWERCASE}{UPPERCASE}'’]*(?:-[{LOWERCASE}{UPPERCASE}]+)*"
# Two to five capitalised words, with the particles some names carry: "Cristina Fernández de Kirchner".
_NAME = rf"((?:{_NAME_WORD}\s?(?:(?:de|da|del|bin|binti|van|der)\s)?){{2,5}})"
_TITLES = trie_pattern(PERSON_TITLES)
_TITLED_NAME = re.compile(rf"({_TITLES})\s+{_NAME}")
_NAME_AFTER = re.compile(rf"\s+{_NAME}")
_TITLE_BEFORE = re.compile(rf"({_TITLES})\s+$")
# A title opening the role a country ends: "Bộ trưởng Tư pháp [Argentina]", "Minister of Justice of [Belgium]".
_TITLE_BEFORE_ROLE = re.compile(rf"({_TITLES})\b[^.,;:()“”]*$")
_APPOSITION_END = re.compile(rf"\s(?:{alternation(APPOSITION_ENDS_BEFORE)})\s|[.;“]")


class Person(NamedTuple):
    start: int
    end: int
    name: str
    title: str
    agency: AgencyRef | None
    country: str = (
        ""  # the country the text names before the person: "Bộ trưởng Tư pháp Argentina Martín Soria"
    )


def find_persons(document, agencies, countries=()):
    """Each titled person, in the order found: titled names, names after an agency, names after a country."""
    text = document.text
    people = [
        *_titled_names(text),
        *_names_after_agencies(text, agencies),
        *_names_after_countries(text, countries),
    ]
    people = [p for p in people if _looks_like_a_name(p.name)]
    people = [_with_apposition(text, person, agencies) for person in _first_per_span(people)]
    return _filled_from_other_mentions(people)


def _looks_like_a_name(name):
    """Not an acronym ("ASEAN", "UBND TP") nor an organisation's or a document's opening word."""
    words = name.split()
    if len(words) < 2 or any(len(w) > 1 and w.isupper() and "-" not in w for w in words):
        return False
    return match_key(words[0]) not in FOLDED_NOT_NAME_STARTS


def _first_per_span(people):
    """One person per place in the text: the first finder's (titled names come first)."""
    kept, taken = [], []
    for person in people:
        if any(s < person.end and person.start < e for s, e in taken):
            continue
        taken.append((person.start, person.end))
        kept.append(person)
    return sorted(kept, key=lambda p: p.start)


def _names_after_countries(text, countries):
    """ "Bộ trưởng Tư pháp Argentina Martín Soria", "Minister of Justice of Belgium Maxime Prévot"."""
    for country in countries:
        after = _NAME_AFTER.match(text, country.end)
        title = _TITLE_BEFORE_ROLE.search(text, max(0, country.start - 70), country.start)
        if after and title:
            name = after.group(1).strip()
            start = after.start(1)
            yield Person(start, start + len(name), name, title.group(1), None, country.code)


def _titled_names(text):
    """ "Bộ trưởng Tô Lâm"; not "Bộ trưởng Bộ Công an", which names an agency."""
    for match in word_starts(_TITLED_NAME, text, after=WORD):
        name = match.group(2).strip()
        if agency_head_before(name, 0, len(name)) or match_key(name.split()[0]) in FOLDED_NOT_NAME_STARTS:
            continue
        yield Person(match.start(2), match.start(2) + len(name), name, match.group(1), None)


def _names_after_agencies(text, agencies):
    """ "Bộ trưởng Bộ Nội vụ Cộng hòa Belarus Kubrakov Ivan Vladimirovich": a name right after an agency is its."""
    for mention in agencies:
        after = _NAME_AFTER.match(text, mention.end)
        if after and not agency_head_before(after.group(1), 0, len(after.group(1))):
            name = after.group(1).strip()
            start = after.start(1)
            title = _TITLE_BEFORE.search(text, max(0, mention.start - 15), mention.start)
            yield Person(start, start + len(name), name, title.group(1) if title else "", mention.agency)


def _with_apposition(text, person, agencies):
    """An apposition gives a person's agency: "Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an"."""
    if person.agency is not None:
        return person
    tail = text[person.end : person.end + 160]
    stop = _APPOSITION_END.search(tail)
    tail_end = person.end + (stop.start() if stop else len(tail))
    inside = [
        m
        for m in agencies
        if person.end <= m.start < tail_end and text[person.end : tail_end].startswith(",")
    ]
    if not inside:
        return person
    role = _TITLE_BEFORE.search(text, person.end, inside[0].start)
    return person._replace(title=role.group(1) if role else person.title, agency=inside[0].agency)


def _filled_from_other_mentions(people):
    """A name said once with its agency has that agency (and title, if it lacks one) wherever it is said."""
    known = {}
    for person in people:
        if person.agency is not None:
            known.setdefault(person.name, person)
    filled = []
    for person in people:
        other = known.get(person.name)
        filled.append(
            person._replace(
                title=person.title or (other.title if other else ""),
                agency=person.agency or (other.agency if other else None),
            )
        )
    return filled
