"""
Where a sentence says something happened: "tại Hà Nội" → ("Hà Nội", "VN");
"tại TP Liên Vân Cảng (tỉnh Giang Tô, Trung Quốc)" → ("Liên Vân Cảng, Giang
Tô", "CN"); "tại thủ đô Viêng Chăn" → ("Viêng Chăn", "LA"); "tại Trung
tâm Hội nghị Quốc gia (Hà Nội)" → ("Hà Nội", "VN"); "in Phnom Penh".
Of several places the sentence names, a city wins over a country. The
country comes from a country named there, else from the gazetteer.
"""

import re

from articles.text.folding import UPPERCASE

from .matching import alternation
from .vocabulary import PLACE_PREFIXES, STATE_PREFIXES, VENUE_WORDS

_WORDS = rf"[{UPPERCASE}][\w.'’-]*(?:\s(?:[{UPPERCASE}][\w.'’-]*|de|da|del))*"
# "tại …" up to where the place's phrase ends; "in/at …" in English.
_AT = re.compile(r"\btại\s+([^,;.()]{2,80})(?:\s*\(([^()]{2,60})\))?")
_IN = re.compile(rf"\b(?:in|at)\s+(?:the\s+)?({_WORDS})")
_PREFIX = re.compile(rf"^(?:{alternation(PLACE_PREFIXES + STATE_PREFIXES)})\s+")
_DETAIL_PREFIX = re.compile(rf"^(?:{alternation(PLACE_PREFIXES)})\s")
_VENUE = re.compile(rf"^(?:{alternation(VENUE_WORDS)})\b")
_CAPITALISED = re.compile(_WORDS)
_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def place_of(document, sentence, countries, gazetteer):
    """(place, country) the sentence names, a city before a country, or ("", "")."""
    candidates = [*_vietnamese_places(sentence, gazetteer), *_english_places(sentence, gazetteer)]
    if not candidates:
        return "", ""
    place, hint = min(candidates, key=lambda c: (c[3], c[2], c[4]))[:2]
    head = place.split(",")[0]
    country = hint or gazetteer.countries.get(head, "") or gazetteer.places.get(head, "")
    if not country:
        start = sentence.start + sentence.text.find(place)
        country = next((c.code for c in countries if c.start == start), "")
    if not country:
        inner = [c.code for c in countries if sentence.start <= c.start < sentence.end]
        country = inner[0] if len(inner) == 1 and place not in gazetteer.countries else ""
    return place, country


def _vietnamese_places(sentence, gazetteer):
    """(place, country, rank, level, position): level 0 for a city, 1 for a venue, 2 for a country."""
    for match in _AT.finditer(sentence.text):
        phrase = match.group(1).strip()
        detail = match.group(2)
        place = _place_in(phrase, gazetteer)
        hint = ""
        if detail:
            hint = next(
                (
                    gazetteer.countries[p.strip()]
                    for p in detail.split(",")
                    if p.strip() in gazetteer.countries
                ),
                "",
            )
            inner = _place_in(detail, gazetteer) if not place or _level(place, gazetteer) > 0 else ""
            if inner and _level(inner, gazetteer) < _level(place, gazetteer):
                place = inner
            elif place and _level(place, gazetteer) == 0:
                extra = [
                    _DETAIL_PREFIX.sub("", p.strip())
                    for p in detail.split(",")
                    if _DETAIL_PREFIX.sub("", p.strip()) not in gazetteer.countries
                ]
                place = ", ".join([place, *[e for e in extra if e and e[0].isupper()]])
        if place:
            yield place, hint, 0, _level(place.split(",")[0], gazetteer), match.start()


def _english_places(sentence, gazetteer):
    for match in _IN.finditer(sentence.text):
        place = match.group(1)
        if place.split()[0] in _NOT_PLACES or place.isupper():
            continue
        if place in gazetteer.countries or place in gazetteer.places or len(place.split()) <= 3:
            yield place, "", 1, _level(place, gazetteer), match.start()


def _place_in(phrase, gazetteer):
    """The place a "tại" phrase names: after a prefix ("thủ đô Viêng Chăn"), past a venue, or the venue itself."""
    phrase = _PREFIX.sub("", phrase)
    if _VENUE.match(phrase):
        # "trụ sở Bộ Tư pháp", "Trung tâm Hội nghị Quốc gia": a known place inside wins, else the venue.
        known = [p for p in (*gazetteer.places, *gazetteer.countries) if len(p) > 3 and p in phrase]
        return max(known, key=len) if known else phrase.strip()
    match = _CAPITALISED.match(phrase)
    if not match:
        return ""
    place = match.group()
    if place.split()[0].isupper() and len(place.split()[0]) > 1 and place not in gazetteer.countries:
        return ""  # "tại UNGASS 2016" names a meeting, not a place
    return place


def _level(place, gazetteer):
    if place in gazetteer.countries:
        return 2
    if _VENUE.match(place):
        return 1
    return 0


def without_state_prefix(place):
    """ "Cộng hòa Italy" → "Italy"."""
    for prefix in STATE_PREFIXES:
        place = place.replace(f"{prefix} ", "")
    return place
