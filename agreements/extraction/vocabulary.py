"""
The words the extractor reads an article by (vocabulary.toml), read once.

Each table of the file becomes the constants below. Regex syntax stays in
the finders: the file holds plain words, and the finders escape them.
"""

import tomllib
from functools import cache
from pathlib import Path

from articles.text.folding import match_key

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")


@cache
def load_vocabulary(path=VOCABULARY_FILE):
    """The parsed vocabulary file; tables keep the file's order, which the finders rely on."""
    return tomllib.loads(Path(path).read_text("utf-8"))


def _folded(words):
    """Words as folded text spells them, for tables compared folded."""
    return tuple(match_key(word) for word in words)


_WORDS = load_vocabulary()

# Agreements
AGREEMENT_KEYWORDS = _WORDS["agreements"]["keywords"]
GENERIC_DETERMINERS = tuple(_WORDS["agreements"]["generic_determiners"])
TITLE_ENDS_BEFORE = tuple(_WORDS["agreements"]["title_ends_before"])
SIGNING_WORDS = tuple(_WORDS["agreements"]["signing_words"])
SIGNING_PHRASES = tuple(_WORDS["agreements"]["signing_phrases"])
ENGLISH_AGREEMENT_KEYWORDS = _WORDS["agreements"]["english_keywords"]
FOLDED_REFERENCE_WORDS = _folded(_WORDS["agreements"]["reference_words"])
FOLDED_TREATY_TOPICS = _folded(_WORDS["agreements"]["treaty_topics"])
FOLDED_WITNESS_WORDS = _folded(_WORDS["agreements"]["witness_words"])

# Agencies
AGENCY_HEADS = _WORDS["agencies"]["heads"]
NOT_AGENCY_HEADS = tuple(_WORDS["agencies"]["not_heads"])
NOT_AGENCY_ACRONYMS = tuple(_WORDS["agencies"]["not_acronyms"])
COUNTRY_LEAD_INS = tuple(_WORDS["agencies"]["country_lead_ins"])
COUNTRY_LEAD_IN_PHRASES = tuple(_WORDS["agencies"]["country_lead_in_phrases"])
MINISTER_TITLES = tuple(_WORDS["agencies"]["minister_titles"])
DOMESTIC_HEADS = _WORDS["agencies"]["domestic_heads"]
AGENCY_NAME_ENDS = tuple(_WORDS["agencies"]["name_ends_before"]["words"])
AGENCY_NAME_WORDS = frozenset(_WORDS["agencies"]["name_words"]["words"])
CLAUSE_WORDS = tuple(_WORDS["clauses"]["words"])

# Countries
COUNTRY_CUES = tuple(_WORDS["countries"]["cues"])
FOLDED_VISIT_VERBS = _folded(_WORDS["countries"]["visit_verbs"])
FOLDED_VISIT_MANNERS = _folded(_WORDS["countries"]["visit_manners"])
FOLDED_VISIT_COUNTRY_WORDS = _folded(_WORDS["countries"]["visit_country_words"])

# Dates
FOLDED_YEAR_TARGET_WORDS = _folded(_WORDS["dates"]["target_words"])

# People
PERSON_TITLES = tuple(_WORDS["people"]["titles"])
SURNAMES = tuple(_WORDS["people"]["surnames"])
FOLDED_NOT_NAME_STARTS = _folded(_WORDS["people"]["not_name_starts"])
APPOSITION_ENDS_BEFORE = tuple(_WORDS["people"]["apposition_ends_before"])

# Events
EVENT_HEADS = _WORDS["events"]["heads"]
NOT_EVENT_ACRONYMS = frozenset(_WORDS["events"]["not_acronyms"])
EVENT_NAME_ENDS_BEFORE = tuple(_WORDS["events"]["name_ends_before"])
NUMBER_WORDS = _WORDS["events"]["number_words"]
MEETING_PHRASES = _WORDS["events"]["meetings"]
OPERATION_PHRASES = _WORDS["events"]["operations"]
FOLDED_EVENT_CLAUSE_ENDS = _folded(_WORDS["events"]["clause_ends"]["words"])

# Places
PLACE_PREFIXES = tuple(_WORDS["places"]["prefixes"])
STATE_PREFIXES = tuple(_WORDS["places"]["state_prefixes"])
VENUE_WORDS = tuple(_WORDS["places"]["venue_words"])
