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

_NAME = rf"((?:[{UPPERCASE}][{LOWERCASE}{UPPERCASE}]*(?:-[{LOWERCASE}{UPPERCASE}]+)?\s?){{2,4}})"
_TITLES = trie_pattern(PERSON_TITLES)
_TITLED_NAME = re.compile(rf"({_TITLES})\s+{_NAME}")
_NAME_AFTER = re.compile(rf"\s+{_NAME}")
_TITLE_BEFORE = re.compile(rf"({_TITLES})\s+$")
_APPOSITION_END = re.compile(rf"\s(?:{alternation(APPOSITION_ENDS_BEFORE)})\s|[.;“]")


class Person(NamedTuple):
    start: int
    end: int
    name: str
    title: str
    agency: AgencyRef | None


def find_persons(document, agencies):
    """Each titled person, in the order found: titled names first, then names after an agency."""
    text = document.text
    people = [*_titled_names(text), *_names_after_agencies(text, agencies)]
    people = [_with_apposition(text, person, agencies) for person in people]
    return _filled_from_other_mentions(people)


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
