"""
Find the agencies, agreements and events an article talks about.

Text and publication date in, typed mentions out (results.py), each with
its character span and the sentence that proves it. Pure functions, no
database: the known names (the gazetteer) are passed in. General rules
only, over the words in vocabulary.toml. ``extract`` (pipeline.py) runs
the finders in order, each reading what the ones before it found:

1. document.py   sentences, folded text, and each sentence's dates (dates.py):
                 "ngày 26/4", "hồi tháng 4" take their year from the nearest
                 explicit year before them, else from the article's date,
                 else stay unknown;
2. countries.py  country names from the gazetteer, not inside other names;
3. agencies.py   "<agency> <country>", acronyms in parentheses, known names;
4. people.py     titled people, and the agency each speaks for;
5. events.py     acronyms with a number, ordinals "lần thứ N", "… năm 2023",
                 operations, talks; with their place (places.py) and date;
6. agreements.py titles (titles.py: quoted ones that open with an agreement
                 keyword, unquoted ones, documents "thông qua"), their
                 parties ("giữa A và B", the signatories of "ký"), signing
                 date and place, and the meeting that adopted them.

gazetteer.py holds the known names (and reads gazetteer.toml, which the
data migration loads into the database); matching.py the regex helpers.
"""

from .gazetteer import HOME_COUNTRY, Gazetteer, KnownAgency, load_gazetteer_file
from .pipeline import extract, extract_page
from .results import (
    AgencyMention,
    AgencyRef,
    AgreementMention,
    EventMention,
    Extraction,
    PartialDate,
    Party,
)

__all__ = [
    "HOME_COUNTRY",
    "AgencyMention",
    "AgencyRef",
    "AgreementMention",
    "EventMention",
    "Extraction",
    "Gazetteer",
    "KnownAgency",
    "PartialDate",
    "Party",
    "extract",
    "extract_page",
    "load_gazetteer_file",
]
