"""
Agencies the text names, three ways, in this order (a name inside one
found earlier is not found again):

1. "<head word> … <country>": "Bộ Công an Trung Quốc", "Bộ Nội vụ nước
   Cộng hòa Belarus", "cảnh sát Campuchia", "Bộ trưởng Tư pháp nước chủ nhà";
2. acronyms defined in parentheses: "Cơ quan PCMT và tội phạm của Liên Hợp
   Quốc (UNODC)";
3. the gazetteer's names and acronyms anywhere else.

A name found in the text becomes the gazetteer's agency when it knows one.
"""

import re
from typing import NamedTuple

from articles.text.folding import LOWERCASE, UPPERCASE, match_key

from .countries import host_country
from .document import Spans
from .gazetteer import HOME_COUNTRY
from .matching import WORD, alternation, trie_pattern, word_starts
from .results import AgencyMention, AgencyRef
from .titles import starts_with_keyword
from .vocabulary import (
    AGENCY_HEADS,
    AGENCY_NAME_ENDS,
    AGENCY_NAME_WORDS,
    CLAUSE_WORDS,
    COUNTRY_LEAD_IN_PHRASES,
    COUNTRY_LEAD_INS,
    DOMESTIC_HEADS,
    EVENT_HEADS,
    MINISTER_TITLES,
    NOT_AGENCY_ACRONYMS,
    NOT_AGENCY_HEADS,
    PERSON_TITLES,
    SURNAMES,
)

# What "<agency> hai nước" and "<agency> nước chủ nhà" stand for, to be
# resolved to countries from the visit the sentence tells of.
BOTH_COUNTRIES = "hai nước"
HOST_COUNTRY = "nước chủ nhà"

_AGENCY_HEAD = re.compile(r"(" + trie_pattern(AGENCY_HEADS) + r")(?!\w)")
_ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*(?:\s\d{1,4})?)\s*\)")
_CLAUSE_WORDS = re.compile(rf"\s(?:{alternation(CLAUSE_WORDS)})\s")
_CLAUSE_JOINS = re.compile(rf",\s+(?!chống)[{LOWERCASE}]|\bvà\s+[{LOWERCASE}]")
_TRAILING_COMMAS = re.compile(r"[\s,]+$")
# A trailing lead-in phrase goes first ("… nước Cộng hòa"), then one lead-in word before it ("… của").
_COUNTRY_LEAD_INS = re.compile(rf"\s+(?:{alternation(COUNTRY_LEAD_INS + COUNTRY_LEAD_IN_PHRASES)})+$")
_COUNTRY_LEAD_IN = re.compile(rf"\s+(?:{alternation(COUNTRY_LEAD_INS)})$")
_ROLE_BEFORE = re.compile(
    rf"(?:{alternation(MINISTER_TITLES)}) ([{UPPERCASE}]\w*(?: [{LOWERCASE}]+){{0,3}}) $"
)
_COUNTRY_WORD = re.compile(r"nước(?: chủ nhà)?")
# A province's or a city's name after a body's: "… tỉnh Quảng Trị", "… TP Hồ Chí Minh", "… thành phố Đà Nẵng".
_TERRITORY_AFTER = re.compile(
    rf"\s+(?:tỉnh|thành phố|TP\.?|Thành phố)\s+[{UPPERCASE}][\w.]*(?:\s[{UPPERCASE}][\w.]*){{0,3}}"
)
# A name does not run across these: "<head> … <country>" looks after the last one.
_CLAUSE_MARKS = ("“", "”", ";", ":", "(", ")", ".")
# The name an acronym in parentheses stands for starts after the last of these.
_DEFINITION_MARKS = (";", ":", "(", "“", "”")


class Head(NamedTuple):
    """A head word ("Bộ", "Hội nghị") found in the text, and where."""

    start: int
    word: str


class _Target(NamedTuple):
    """Where a country is named: an ISO code, or BOTH_COUNTRIES / HOST_COUNTRY."""

    start: int
    end: int
    country: str


class _NameBefore(NamedTuple):
    start: int
    name: str
    kind: str


def agency_head_before(text, start, end):
    """The last organisation head word in text[start:end]."""
    best = None
    for match in word_starts(_AGENCY_HEAD, text, start, end, after=WORD):
        if not text.startswith(NOT_AGENCY_HEADS, match.start()):
            best = Head(match.start(), match.group(1))
    return best


def is_clause(text, max_words=14):
    """Whether text between a head word and what follows reads as a clause rather than one name."""
    return bool(_CLAUSE_JOINS.search(text) or _CLAUSE_WORDS.search(text) or len(text.split()) > max_words)


def clean_agency_name(name):
    name = _TRAILING_COMMAS.sub("", name)
    name = _COUNTRY_LEAD_IN.sub("", _COUNTRY_LEAD_INS.sub("", name))
    return name[0].upper() + name[1:] if name else name


def known_or(gazetteer, ref, printed=""):
    """The gazetteer's agency for a name found in the text (or for the words printed, country and all), if it knows one."""
    key = match_key(ref.name)
    known = (
        gazetteer.scoped_index.get((key, ref.country))
        or gazetteer.alias_index.get(key)
        or (printed and gazetteer.alias_index.get(match_key(printed)))
    )
    if known and (not known.country or known.country == ref.country):
        return known.ref
    return ref


class _Mentions:
    """The agency mentions found so far; a span inside one of them is taken."""

    def __init__(self, document):
        self.document, self.found, self._taken = document, [], Spans()

    def add(self, start, end, ref):
        if self._taken.cover(start, end):
            return
        self._taken.add(start, end)
        self.found.append(AgencyMention(start, end, self.document.sentence_at(start).text, ref))


def find_agencies(document, gazetteer, countries):
    mentions = _Mentions(document)
    _add_agencies_of_countries(mentions, document, gazetteer, countries)
    _add_defined_acronyms(mentions, document, gazetteer)
    _add_known_names(mentions, document, gazetteer)
    _add_domestic_bodies(mentions, document, gazetteer)
    return sorted(mentions.found, key=lambda m: m.start)


_DOMESTIC_HEAD = re.compile("(" + trie_pattern(DOMESTIC_HEADS) + r")(?!\w)")
# Heads that are also common words ("Phòng chống", "Vụ việc"): a body only before a capital.
_STRICT_HEADS = frozenset({"Cục", "Tổng cục", "Vụ", "Phòng", "Học viện"})
_NAME_END = re.compile(
    rf"\s*[,;:.()“”\"–]|\s(?:{alternation(AGENCY_NAME_ENDS)})(?!\w)"
    rf"|\s(?=(?:{alternation(PERSON_TITLES)})\s)"
)
# A Vietnamese person's name right after a body's: "VKSND tối cao Lê Minh Trí".
_PERSON_AFTER = re.compile(rf"\s(?=(?:{alternation(SURNAMES)})\s[{UPPERCASE}][\w-]*)")
_PLACE_WORDS = ("tỉnh", "thành phố", "TP", "TP.", "Thành phố", "quận", "huyện", "khu tự trị", "tại")
DOMESTIC_NAME_MAX_WORDS = 10


def _add_domestic_bodies(mentions, document, gazetteer):
    """
    A Vietnamese body the text names by its head word and no country:
    "Cục Cảnh sát điều tra tội phạm về ma túy", "Công an tỉnh Quảng Trị",
    "Đại sứ quán Việt Nam tại Thái Lan"; the name ends where what it does,
    or a person's name, begins. A country inside it makes it that country's.
    """
    text = document.text
    for match in word_starts(_DOMESTIC_HEAD, text, after=WORD):
        start, head = match.start(), match.group(1)
        if text.startswith(NOT_AGENCY_HEADS, start):
            continue
        if head in _STRICT_HEADS and not re.match(rf"\s[{UPPERCASE}\d]", text[match.end() : match.end() + 2]):
            continue
        name = _domestic_name(text, match.end(), start)
        if len(name.split()) < 2 and not head.isupper():
            continue
        if name.endswith(_PLACE_WORDS) or name.split()[-1] in ("bạn", "nhà", "đó", "này"):
            continue  # "Công an tỉnh bạn", "Công an tỉnh": no body named
        country, name = _country_inside(gazetteer, name, head)
        ref = known_or(gazetteer, AgencyRef(name, country, kind=DOMESTIC_HEADS[head]), name)
        mentions.add(start, start + len(name), ref)


def _domestic_name(text, head_end, start):
    rest = text[head_end : head_end + 160]
    ends = [m.start() for m in (_NAME_END.search(rest), _PERSON_AFTER.search(rest)) if m]
    end = head_end + min(ends, default=len(rest))
    words = text[start:head_end].split()
    for word in text[head_end:end].split()[:DOMESTIC_NAME_MAX_WORDS]:
        # Capitalised words, numbers ("Vụ 13") and the words bodies' names are made of; not "cũng", "đăng"…
        if not (word[:1].isupper() or word[:1].isdigit() or word in AGENCY_NAME_WORDS):
            break
        words.append(word)
    name = " ".join(words)
    # "Đại sứ quán Việt Nam tại Thái Lan": where an embassy or an office is belongs to its name.
    at = re.match(
        rf"\s+tại\s+([{UPPERCASE}][\w-]*(?:\s[{UPPERCASE}][\w-]*){{0,2}})", text[start + len(name) :]
    )
    if at and name.startswith(("Đại sứ quán", "Tổng Lãnh sự quán", "Văn phòng")):
        name += at.group()
    return name


def _country_inside(gazetteer, name, head):
    """(country, name): a foreign country the name holds ("VKSND tối cao Trung Quốc"), a province's, else Vietnam."""
    if head.startswith(("Đại sứ quán", "Tổng Lãnh sự quán")):
        return HOME_COUNTRY, name
    for found in gazetteer.country_pattern.finditer(name):
        code, at = gazetteer.matched_country_names[found.group(1)], found.start()
        last = found.end() == len(name) or name[found.end() :].startswith((" -", " –"))
        if at > 0 and last and code != HOME_COUNTRY and not name[:at].rstrip().endswith(_PLACE_WORDS):
            return code, name[: found.end()]
    province = _TERRITORY_AFTER.search(name)
    if province:
        return gazetteer.places.get(province.group().split(None, 1)[-1], HOME_COUNTRY), name
    return HOME_COUNTRY, name


def _add_agencies_of_countries(mentions, document, gazetteer, countries):
    """ "Bộ Công an Trung Quốc", "Bộ Nội vụ nước Cộng hòa Belarus", "cảnh sát Campuchia"."""
    text = document.text
    for target in _country_targets(text, countries):
        sentence = document.sentence_at(target.start)
        named = _agency_name_before(text, sentence, target.start)
        if named is None or len(named.name.split()) < 2:
            continue
        for country in _target_countries(document, sentence, countries, target.country):
            printed = text[named.start : target.end]
            ref = known_or(gazetteer, AgencyRef(named.name, country, kind=named.kind), printed)
            mentions.add(named.start, target.end, ref)


def _country_targets(text, countries):
    """Where the text names a country, or both countries ("hai nước"), or the host country."""
    targets = [_Target(c.start, c.end, c.code) for c in countries]
    for match in _COUNTRY_WORD.finditer(text):
        if text.endswith("hai ", 0, match.start()):
            targets.append(_Target(match.start() - 4, match.start() + 4, BOTH_COUNTRIES))
        elif match.group() == HOST_COUNTRY:
            targets.append(_Target(*match.span(), HOST_COUNTRY))
    return sorted(targets)


def _agency_name_before(text, sentence, position):
    """
    The agency's name that ends where a country is named: from the nearest
    head word in the same clause, or, with none, from a minister's title
    ("Bộ trưởng Tư pháp" → "Bộ Tư pháp"). None if what lies between is a clause.
    """
    window_start = max(sentence.start, position - 90)
    cut = max([text.rfind(mark, window_start, position) for mark in _CLAUSE_MARKS])
    head = agency_head_before(text, max(cut + 1, window_start), position)
    if head is not None and head.word not in EVENT_HEADS:
        between = text[head.start : position]
        if is_clause(between):
            return None
        return _NameBefore(head.start, clean_agency_name(between), AGENCY_HEADS[head.word])
    role = _ROLE_BEFORE.search(text, window_start, position)
    if role is None:
        return None
    return _NameBefore(role.start(1), f"Bộ {role.group(1).strip()}", "ministry")


def _target_countries(document, sentence, countries, target):
    if len(target) == 2:
        return [target]
    host = host_country(document, sentence, countries)
    if target == BOTH_COUNTRIES:
        return [HOME_COUNTRY, host] if host else []
    return [host] if host else []


def _add_defined_acronyms(mentions, document, gazetteer):
    """ "Cơ quan PCMT và tội phạm của Liên Hợp Quốc (UNODC)", or a known acronym in parentheses."""
    text = document.text
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1)
        if " " in acronym or acronym in NOT_AGENCY_ACRONYMS:
            continue
        known = gazetteer.acronym_index.get(acronym)
        head = _defined_name_head(document, match)
        if head is not None:
            if known:
                ref = known.ref
            else:
                name = clean_agency_name(text[head.start : match.start()].strip())
                ref = known_or(gazetteer, AgencyRef(name, "", acronym, AGENCY_HEADS[head.word]))
            mentions.add(head.start, match.end(), ref)
        elif known is not None:
            mentions.add(match.start(1), match.end(1), known.ref)


def _defined_name_head(document, match):
    """The head word of the name an acronym in parentheses stands for, if what lies between reads as one name."""
    text, sentence = document.text, document.sentence_at(match.start())
    clause = max(text.rfind(mark, sentence.start, match.start()) for mark in _DEFINITION_MARKS)
    head = agency_head_before(text, max(clause + 1, sentence.start), match.start())
    if head is None or (
        starts_with_keyword(text[head.start :]) or is_clause(text[head.start : match.start()], max_words=20)
    ):
        return None
    return head


def _add_known_names(mentions, document, gazetteer):
    text = document.text
    for match in word_starts(gazetteer.alias_pattern, document.folded):
        known = gazetteer.aligned_aliases[match.group(1)].ref
        unit = _TERRITORY_AFTER.match(text, match.end())
        if unit:
            # "Bộ đội Biên phòng tỉnh Quảng Trị" is the province's unit, not the national force.
            name = text[match.start() : unit.end()]
            mentions.add(
                match.start(), unit.end(), AgencyRef(name, known.country or HOME_COUNTRY, kind=known.kind)
            )
            continue
        mentions.add(match.start(), match.end(), known)
    for match in word_starts(gazetteer.acronym_pattern, document.text):
        mentions.add(match.start(), match.end(), gazetteer.acronym_index[match.group(1)].ref)
