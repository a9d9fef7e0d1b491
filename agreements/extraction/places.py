"""
Where a sentence says something happened: "tại Hà Nội" → ("Hà Nội", "VN");
"tại TP Liên Vân Cảng (tỉnh Giang Tô, Trung Quốc)" → ("Liên Vân Cảng, Giang
Tô", "CN"). The country comes from a country named there, else from the
gazetteer's countries and places.
"""

import re

from articles.text.folding import UPPERCASE

from .matching import alternation
from .vocabulary import PLACE_PREFIXES, STATE_PREFIXES

_AT = re.compile(
    rf"tại ((?:(?:{alternation(PLACE_PREFIXES + STATE_PREFIXES)})\s)?(?:[{UPPERCASE}]\w*\s?){{1,4}})"
    r"(?:\s*\(([^()]{2,60})\))?"
)
_PREFIX = re.compile(rf"^(?:{alternation(PLACE_PREFIXES + STATE_PREFIXES)})\s")
_DETAIL_PREFIX = re.compile(rf"^(?:{alternation(PLACE_PREFIXES)})\s")


def place_of(document, sentence, countries, gazetteer):
    """(place, country) of the sentence's first "tại …", or ("", "")."""
    match = _AT.search(sentence.text)
    if not match:
        return "", ""
    place = _PREFIX.sub("", match.group(1).strip())
    if place.split()[0].isupper() and len(place.split()[0]) > 1:
        return "", ""  # "tại UNGASS 2016" names a meeting, not a place
    start = sentence.start + match.start(1) + match.group(1).find(place)
    country = next((c.code for c in countries if c.start == start), "")
    country = country or gazetteer.countries.get(place, "")
    if match.group(2):
        place, country = _with_detail(place, country, match.group(2), gazetteer)
    if not country and place in gazetteer.places:
        country = gazetteer.places[place]
    return place, country


def _with_detail(place, country, detail, gazetteer):
    """ "(tỉnh Giang Tô, Trung Quốc)": a country in the parentheses wins; the rest adds to the place."""
    parts = [_DETAIL_PREFIX.sub("", p.strip()) for p in detail.split(",")]
    inner = [p for p in parts if p in gazetteer.countries]
    country = gazetteer.countries[inner[0]] if inner else country
    place = ", ".join([place, *[p for p in parts if p not in gazetteer.countries]])
    return place, country


def without_state_prefix(place):
    """ "Cộng hòa Italy" → "Italy"."""
    for prefix in STATE_PREFIXES:
        place = place.replace(f"{prefix} ", "")
    return place
