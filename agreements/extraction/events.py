"""
Events the text names, found in this order (a later rule skips what an
earlier one found), then merged by key:

1. acronyms with a number: "Hội nghị … lần thứ 15 (AMMTC 15)", "ASOD 38", "UNGASS 2016";
2. head words with an ordinal: "Hội nghị cấp Bộ trưởng về … lần thứ 8 giữa …";
3. head words with a year: "Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023";
4. police operations: "Chuyên án 568P";
5. talks: "<person> … đã hội đàm với <agency>".

Each takes the place and the agencies of its sentence, and a date: the
year its name gives, else the sentence's most precise date.
"""

import re
from dataclasses import dataclass, field, replace

from articles.text.folding import UPPERCASE, match_key

from .agencies import Head, is_clause
from .dates import sentence_date, year_date
from .document import Document
from .gazetteer import Gazetteer
from .matching import WORD, alternation, trie_pattern, word_starts
from .places import place_of
from .results import DAY, MONTH, UNKNOWN, EventMention, PartialDate
from .titles import starts_with_keyword
from .vocabulary import (
    EVENT_HEADS,
    EVENT_NAME_ENDS_BEFORE,
    FOLDED_EVENT_CLAUSE_ENDS,
    MEETING_PHRASES,
    NOT_EVENT_ACRONYMS,
    NUMBER_WORDS,
    OPERATION_PHRASES,
)

_EVENT_HEAD = re.compile(r"(" + trie_pattern(EVENT_HEADS) + r")(?!\w)")
_ACRONYM_NUMBER = re.compile(r"([A-Z][A-Z]{2,9}(?:-[A-Z]+)?)\s(\d{1,4})(?![\w/.-])")
_NUMBER_WORD = rf"(?:{alternation(sorted(NUMBER_WORDS, key=len, reverse=True))}|mươi|mốt|lăm|tư)"
# "lần thứ 15", "lần thứ tư", "lần thứ mười hai", "lần thứ hai mươi ba".
_ORDINAL = re.compile(rf"lần thứ (\d{{1,3}}|{_NUMBER_WORD}(?: {_NUMBER_WORD}){{0,2}})(?![\w])")
_NAMED_YEAR = re.compile(r"năm (19\d\d|20\d\d)")
_CLAUSE_PUNCTUATION = re.compile(r"[;:“”()]")
# What an ordinal's name may go on with: "… lần thứ 8 năm 2023", "… lần thứ 8 giữa Bộ Công an hai nước".
_NAME_TAIL = re.compile(
    rf"\s+(?:năm (?:19|20)\d\d|giữa [^,;.]+?)(?=[,;.]|\s(?:{alternation(EVENT_NAME_ENDS_BEFORE)})\s)"
)
_YEAR_NAMED_EVENTS = [
    (re.compile(rf"{re.escape(head)} [{UPPERCASE}][^,;:.()“”]{{3,120}}? năm (19\d\d|20\d\d)"), kind)
    for head, kind in EVENT_HEADS.items()
]
_OPERATION = re.compile(r"[Cc]huyên án\s+([0-9A-Z][0-9A-Za-z-]{1,15})")
_TALKS = re.compile(r"hội đàm với")
_CONFERENCE = "Hội nghị "


def event_head_before(text, start, end):
    """The last meeting head word in text[start:end]."""
    best = None
    for match in word_starts(_EVENT_HEAD, text, start, end, after=WORD):
        best = Head(match.start(), match.group(1))
    return best


def _ordinal_number(words):
    """The number an ordinal says: "15" → 15, "tư" → 4, "mười hai" → 12, "hai mươi ba" → 23."""
    if words.isdigit():
        return int(words)
    tens, units = 0, 0
    parts = words.split()
    if "mươi" in parts:
        tens = NUMBER_WORDS.get(parts[0], 0) * 10
        parts = parts[parts.index("mươi") + 1 :]
    elif parts[0] == "mười":
        tens, parts = 10, parts[1:]
    if parts:
        units = {"mốt": 1, "lăm": 5}.get(parts[0]) or NUMBER_WORDS.get(parts[0], 0)
    return (tens + units) or None


@dataclass
class _Events:
    """The events found so far in a document, and what each new one takes from its sentence."""

    document: Document
    gazetteer: Gazetteer
    agencies: list
    countries: list
    found: list = field(default_factory=list)

    def add(self, start, end, name, kind, **fields):
        sentence = self.document.sentence_at(start)
        place, country = place_of(self.document, sentence, self.countries, self.gazetteer)
        self.found.append(
            EventMention(
                start,
                end,
                sentence.text,
                name=re.sub(r"\s+", " ", name).strip(" ,"),
                kind=kind,
                place=fields.pop("place", place),
                country=fields.pop("country", country),
                participants=_participants(self.agencies, sentence),
                **fields,
            )
        )

    def cover(self, position):
        return any(e.start <= position < e.end for e in self.found)


def find_events(document, gazetteer, agencies, persons, countries):
    events = _Events(document, gazetteer, agencies, countries)
    _add_acronym_events(events)
    _add_ordinal_events(events)
    _add_year_named_events(events)
    _add_operations(events)
    _add_talks(events, persons)
    _add_happenings(events)
    return _merge_events(_merge_happenings(events.found))


_MEETINGS = {match_key(phrase): kind for phrase, kind in MEETING_PHRASES.items()}
_OPERATIONS = {match_key(phrase): kind for phrase, kind in OPERATION_PHRASES.items()}
_HAPPENING_AT = re.compile("(" + trie_pattern({**_MEETINGS, **_OPERATIONS}) + r")(?![\w])")
_HAPPENING_END = re.compile(r"\s?[,;:.()“”\"\n]|\s(?:" + alternation(FOLDED_EVENT_CLAUSE_ENDS) + r")\b")
# English phrases that are events only before a name: "received Ambassador …", "Operation First Light".
_NEEDS_A_NAME = frozenset(
    {"received", "receives", "met with", "talks with", "visit to", "operation", "crackdown"}
)
_CAPITAL_SOON = re.compile(rf"(?:\s+\w+){{0,2}}?\s+(?:the\s+)?[{UPPERCASE}]")
HAPPENING_MAX_WORDS = 16
_IN_A_TITLE = re.compile(r"\b(?:bien ban|minutes of(?: the)?) $")
# "các chiến dịch", "nhiều đợt cao điểm": a kind of event, not one.
_GENERIC = re.compile(r"\b(?:cac|nhung|nhieu|mot so|moi|\d+) $")


def _add_happenings(events):
    """
    Talks, visits, receptions, calls, operations, patrols and handovers named
    by what happens ("hội đàm với …", "chuyến thăm chính thức Singapore",
    "Chiến dịch First Light", "held talks with …"): the event's name runs
    from the phrase to the end of its clause.
    """
    document = events.document
    text, folded = document.text, document.folded
    for match in word_starts(_HAPPENING_AT, folded):
        start, phrase = match.start(), match.group(1)
        before = folded[max(0, start - 12) : start]
        if (
            events.cover(start)
            or _quoted(text, start)
            or _IN_A_TITLE.search(before)
            or _GENERIC.search(before)
        ):
            continue  # "Biên bản hội đàm …" is a document, its talks are told of elsewhere
        if phrase in _NEEDS_A_NAME:
            if phrase in ("operation", "crackdown") and not text[start].isupper():
                continue
            if not _CAPITAL_SOON.match(text, match.end()):
                continue
        rest = folded[match.end() : match.end() + 200]
        stop = _HAPPENING_END.search(rest)
        end = match.end() + (stop.start() if stop else len(rest))
        words = text[start:end].split()
        end = start + len(" ".join(words[:HAPPENING_MAX_WORDS]))
        sentence = document.sentence_at(start)
        kind = _MEETINGS.get(phrase) or _OPERATIONS[phrase]
        if phrase in _OPERATIONS and end - start <= len(phrase) + 1:
            continue  # a bare "chiến dịch" names no operation
        events.add(
            start, end, text[start:end], kind, dates=_happening_date(document, sentence), trigger=phrase
        )


def _happening_date(document, sentence):
    """Its sentence's date, else one a sentence or two before it in its paragraph, else the lead's."""
    dated = sentence_date(document, sentence, range_as_month=False)
    if dated.precision != UNKNOWN:
        return dated
    index = document.sentences.index(sentence)
    # Borrowed from another sentence, only a day or a month: a bare year there is about something else.
    for previous in reversed(document.sentences[max(0, index - 2) : index]):
        if previous.paragraph == sentence.paragraph:
            dated = sentence_date(document, previous, range_as_month=False)
            if dated.precision in (DAY, MONTH):
                return dated
    if index < LEAD_SENTENCES:
        for lead in document.sentences[:LEAD_SENTENCES]:
            dated = sentence_date(document, lead, range_as_month=False)
            if dated.precision in (DAY, MONTH):
                return dated
    return PartialDate()


# The sentences whose date is the occasion's: a happening there without a date of its own has it.
LEAD_SENTENCES = 3


def _merge_happenings(found):
    """Talks or visits told of twice are one: the same phrase, and no two different dates."""
    merged = []
    for event in found:
        if event.trigger:
            same = next(
                (
                    i
                    for i, kept in enumerate(merged)
                    if kept.trigger
                    and kept.kind == event.kind
                    and (kept.kind == "visit" or kept.trigger.split()[:2] == event.trigger.split()[:2])
                    and (
                        kept.dates.precision == UNKNOWN
                        or event.dates.precision == UNKNOWN
                        or kept.dates.year == event.dates.year
                    )
                ),
                None,
            )
            if same is not None:
                merged[same] = _merged(merged[same], event)
                continue
        merged.append(event)
    return merged


def _participants(agencies, sentence):
    return tuple(dict.fromkeys(m.agency for m in agencies if sentence.start <= m.start < sentence.end))


def _dated_by_name_or_sentence(document, sentence, name, year=None):
    """An event whose name gives its year ("UNGASS 2016", "… năm 2017 (ASOD 38)") is dated by it; else by its sentence."""
    if year is None:
        named = _NAMED_YEAR.search(name)
        year = int(named.group(1)) if named else None
    if year is not None:
        return year_date(year)
    return sentence_date(document, sentence, range_as_month=False)


def _add_acronym_events(events):
    """ "Hội nghị … lần thứ 15 (AMMTC 15)", "ASOD 38", "UNGASS 2016"."""
    document, text = events.document, events.document.text
    for match in word_starts(_ACRONYM_NUMBER, text):
        acronym, number = match.group(1), int(match.group(2))
        if acronym in NOT_EVENT_ACRONYMS:
            continue
        sentence = document.sentence_at(match.start())
        start, name, kind = _acronym_event_name(text, sentence, match)
        dates = _dated_by_name_or_sentence(
            document, sentence, text[start : match.end()], year=number if number >= 1900 else None
        )
        ordinal = number if number < 1000 else None
        events.add(start, match.end(), name, kind, acronym=acronym, ordinal=ordinal, dates=dates)


def _acronym_event_name(text, sentence, match):
    """
    (start, name, kind) of an acronym's event: the name it stands for when
    it is in parentheses after one ("Hội nghị … (AMMTC 15)"), else the acronym.
    """
    acronym, number = match.group(1), int(match.group(2))
    if text[match.start() - 1 : match.start()] == "(":
        head = event_head_before(text, sentence.start, match.start())
        if head:
            return head.start, text[head.start : match.start() - 1], EVENT_HEADS[head.word]
    elif text[max(0, match.start() - len(_CONFERENCE)) : match.start()] == _CONFERENCE:
        return match.start() - len(_CONFERENCE), f"{_CONFERENCE}{acronym} {number}", "conference"
    return match.start(), f"{acronym} {number}", "conference"


def _add_ordinal_events(events):
    """ "Hội nghị cấp Bộ trưởng về phòng, chống tội phạm lần thứ 8 giữa Bộ Công an hai nước"."""
    document, text = events.document, events.document.text
    for match in _ORDINAL.finditer(text):
        sentence = document.sentence_at(match.start())
        head = _ordinal_event_head(events, sentence, match)
        if head is None:
            continue
        end = match.end()
        tail = _NAME_TAIL.match(text[end:])
        if tail:
            end += tail.end()
        dates = _dated_by_name_or_sentence(document, sentence, text[head.start : end])
        kind = EVENT_HEADS[head.word]
        events.add(
            head.start,
            end,
            text[head.start : end],
            kind,
            ordinal=_ordinal_number(match.group(1)),
            dates=dates,
        )


def _ordinal_event_head(events, sentence, match):
    """
    The head word an ordinal's event name opens with, if the words between
    are one name: not inside a quoted title or an event found already, not
    a clause, not opening as an agreement's title does.
    """
    text = events.document.text
    head = event_head_before(text, sentence.start, match.start())
    if head is None or events.cover(match.start()) or _quoted(text, head.start):
        return None
    clause = text[head.start : match.start()]
    if (
        _CLAUSE_PUNCTUATION.search(clause)
        or starts_with_keyword(clause)
        or is_clause(clause)
        or events.cover(head.start)
    ):
        return None
    return head


def _add_year_named_events(events):
    """ "Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023"."""
    document = events.document
    for pattern, kind in _YEAR_NAMED_EVENTS:
        for match in pattern.finditer(document.text):
            if events.cover(match.start()):
                continue
            sentence = document.sentence_at(match.start())
            # The sentence's date is more precise, if it is in the year the name gives.
            dates = sentence_date(document, sentence, range_as_month=False)
            if dates.year != int(match.group(1)):
                dates = year_date(int(match.group(1)))
            events.add(match.start(), match.end(), match.group(), kind, dates=dates)


def _add_operations(events):
    """ "phá Chuyên án 568P"."""
    document = events.document
    for match in _OPERATION.finditer(document.text):
        sentence = document.sentence_at(match.start())
        dates = sentence_date(document, sentence, range_as_month=False)
        events.add(match.start(), match.end(), f"Chuyên án {match.group(1)}", "operation", dates=dates)


def _add_talks(events, persons):
    """ "<person> … đã hội đàm với <agency>": talks between the person's agency and that one."""
    document, agencies = events.document, events.agencies
    for match in _TALKS.finditer(document.text):
        sentence = document.sentence_at(match.start())
        hosts = [p for p in persons if sentence.start <= p.start < match.start() and p.agency]
        guests = [m for m in agencies if match.end() <= m.start < sentence.end]
        if not hosts or not guests:
            continue
        host, guest = hosts[0].agency, guests[0].agency
        host_name = " ".join(filter(None, [host.name, events.gazetteer.country_name(host.country)]))
        events.add(
            match.start(),
            match.end(),
            f"Hội đàm giữa {host_name} và {guest.short_name or guest.name}",
            "talks",
            dates=sentence_date(document, sentence, range_as_month=False),
            trigger="hoi dam",
        )


def _quoted(text, position):
    """Whether ``position`` is inside “…” (an agreement's title, say)."""
    return text.rfind("“", 0, position) > text.rfind("”", 0, position)


def _merge_events(events):
    """One event per key: the longest name, the first known date, place and country, all participants."""
    merged = {}
    for event in events:
        key = event.key
        if key not in merged:
            merged[key] = event
            continue
        merged[key] = _merged(merged[key], event)
    return list(merged.values())


def _merged(kept, event):
    """One event told of twice: the longer name, the first known dates, place and country, all participants."""
    return replace(
        kept,
        name=event.name if len(event.name) > len(kept.name) else kept.name,
        dates=kept.dates if kept.dates.precision != UNKNOWN else event.dates,
        place=kept.place or event.place,
        country=kept.country or event.country,
        participants=tuple(dict.fromkeys(kept.participants + event.participants)),
    )
