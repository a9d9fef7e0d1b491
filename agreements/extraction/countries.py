"""
Countries named in the text, and the country a visit or a meeting is in.
A capitalised word before a country's name usually makes it part of
another name ("Lào Cai", a person's name), unless it is a cue ("nước Lào").
"""

import re
from typing import NamedTuple

from articles.text.folding import UPPERCASE

from .gazetteer import HOME_COUNTRY
from .matching import alternation, word_starts
from .vocabulary import COUNTRY_CUES, FOLDED_VISIT_COUNTRY_WORDS, FOLDED_VISIT_MANNERS, FOLDED_VISIT_VERBS

_CAPITALISED_RUN = re.compile(rf"(?:\s+[{UPPERCASE}][\w-]*)*")


class Country(NamedTuple):
    start: int
    end: int
    code: str


# In folded text, what leads in to a visit's destination: "tại Cộng hòa", "thăm chính thức".
_VISIT_LEAD_IN = re.compile(
    rf"(?:{alternation(FOLDED_VISIT_VERBS)})"
    rf"(?: (?:{alternation(FOLDED_VISIT_MANNERS)})|,)*"
    rf"(?: (?:{alternation(FOLDED_VISIT_COUNTRY_WORDS)}))* ?$"
)


def find_countries(document, gazetteer):
    text, found = document.text, []
    for match in word_starts(gazetteer.country_pattern, text):
        before = text[max(0, match.start() - 20) : match.start()].rstrip().rsplit(" ", 1)[-1]
        cue = before in COUNTRY_CUES
        if before[:1].isupper() and not cue and not before.endswith((",", ".")):
            continue  # inside a person's or a place's name
        if (
            " " not in match.group(1)
            and not cue
            and len(_CAPITALISED_RUN.match(text, match.end()).group().split()) == 1
        ):
            continue  # "Lào Cai" is a province, not Laos; "Malaysia Abdul Hamid Bador" is Malaysia and a name
        found.append(Country(match.start(), match.end(), gazetteer.matched_country_names[match.group(1)]))
    return found


def host_country(document, sentence, countries, *, exclude=(HOME_COUNTRY,)):
    """The country a visit is to: "tại Cộng hòa Italy", "thăm chính thức Trung Quốc"."""
    for scope in (sentence, *reversed([s for s in document.sentences if s.end <= sentence.start][-2:])):
        for country in countries:
            if scope.start <= country.start < scope.end and country.code not in exclude:
                lead_in = document.folded[max(scope.start, country.start - 40) : country.start]
                if _VISIT_LEAD_IN.search(lead_in):
                    return country.code
    return ""
