"""
Agreements: each title (see titles.py) with what the article says about
it, read as a document rather than one sentence at a time.

- Its **signing statement** is the sentence that names it and signs ("ký",
  "thông qua", "signed"), or, for an item of a list or a table, the
  sentence that announces the signing of several documents.
- Its **date and place** are the signing statement's; when that gives none,
  those of the occasion the article reports (its lead's date and "tại …"),
  unless the agreement is history (its own sentence dates it to another
  year: "ký năm 2013").
- Its **parties**: the agencies of "giữa A và B" in its title; else the
  signing statement's agencies and signatories' agencies; and the
  countries they stand for, or that "giữa Việt Nam và Ấn Độ", a table row or
  the occasion ("hai Bộ", "hai bên" with the country visited) name.
- Its **signatories**: the people of the signing statement who sign, not
  those who witness ("chứng kiến"); "hai Thứ trưởng" are the deputy
  ministers the article named before.

A reference ("Bản ghi nhớ này", "the MOU") and a repeated title are the
agreement named before, not another one.
"""

import re
from dataclasses import dataclass, field, replace

from articles.text.folding import UPPERCASE, match_key

from .countries import host_country
from .dates import PERIOD, resolve
from .document import Document
from .gazetteer import HOME_COUNTRY, Gazetteer
from .matching import alternation
from .places import place_of, without_state_prefix
from .results import UNKNOWN, AgreementMention, PartialDate, Party
from .titles import title_spans
from .vocabulary import FOLDED_WITNESS_WORDS, SIGNING_PHRASES, SIGNING_WORDS

_SIGNING = re.compile(rf"\b(?:{alternation(SIGNING_WORDS)})\b|{alternation(SIGNING_PHRASES)}", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:giữa|between)\b")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z ]{1,20})\)")
_VISIT = re.compile(rf"thăm (?:chính thức )?([{UPPERCASE}]\w*(?: [{UPPERCASE}]\w*)?)")
_ANNOUNCES_LIST = re.compile(r"(?:gồm|sau|following|including|namely)\s*:?\s*$|:\s*$")
_WITNESS = re.compile(rf"(?:{alternation(FOLDED_WITNESS_WORDS)})")
# "hai Thứ trưởng", "lãnh đạo hai Bộ", "the two ministers": signatories named by their role.
_ROLE_SIGNERS = re.compile(
    r"\bhai (Bộ trưởng|Thứ trưởng|Giám đốc|Viện trưởng|Chánh án|Tư lệnh|Chỉ huy trưởng)\b"
)
_BOTH_SIDES = re.compile(
    r"\b(?:hai (?:Bộ|bên|nước|ngành|Viện|Tòa án|cơ quan|lực lượng)|both (?:sides|ministries|countries)|two (?:sides|ministries|countries))\b"
)
_MEETING_KINDS = ("conference", "forum")
_PLAN_KINDS = ("action_plan", "programme")
# "X chứng kiến lễ ký": how far before the word a witness's name may end.
WITNESS_REACH = 60
_DAY_PRECISION = {"day": 0, "weekday": 0, "range": 1, "month": 2, "year": 3}


@dataclass
class _Article:
    """What an agreement's parties, date, place and event are looked for in."""

    document: Document
    gazetteer: Gazetteer
    agencies: list
    persons: list
    countries: list
    events: list
    titles: list = field(default_factory=list)

    def __post_init__(self):
        self.titles = title_spans(self.document, self.gazetteer.place_names)

    def sentence_of(self, span):
        return self.document.sentence_at(span.start)

    def in_sentence(self, items, sentence):
        return [item for item in items if sentence.start <= item.start < sentence.end]


def find_agreements(document, gazetteer, agencies, persons, countries, events):
    article = _Article(document, gazetteer, agencies, persons, countries, events)
    occasion = _Occasion.of(article)
    found = []
    for span in article.titles:
        if span.reference:
            _apply_reference(article, span, found, occasion)
            continue
        agreement = _agreement(article, span, occasion)
        same = next((i for i, kept in enumerate(found) if _same_agreement(article, kept, agreement)), None)
        if same is None:
            found.append(agreement)
        else:
            found[same] = _merged(found[same], agreement)
    return _one_per_key(found)


_NOT_CORE = frozenset(
    "ve giua va cua voi nam hai nuoc bo cac nhung the of on and between for to in with two a an".split()
)


def _core(gazetteer, title):
    """A title's own words: no keyword, linking words, countries or years — and its years apart."""
    key = gazetteer.folded_country_pattern.sub(" ", match_key(title))
    words = set(re.findall(r"\w+", key))
    years = {w for w in words if re.fullmatch(r"(?:19|20)\d\d", w)}
    return words - _NOT_CORE - years, years


def _same_agreement(article, kept, new):
    """
    A later mention is the agreement named before when it is of the same
    kind, says no more or no less than it ("Hiệp định dẫn độ" after "Hiệp
    định dẫn độ giữa Việt Nam và Italy"), names no other year and no other party.
    """
    if kept.kind != new.kind:
        return False
    (kept_words, kept_years), (new_words, new_years) = (
        _core(article.gazetteer, kept.title),
        _core(article.gazetteer, new.title),
    )
    if kept_years and new_years and not kept_years & new_years:
        return False
    if not (kept_words <= new_words or new_words <= kept_words):
        return False
    kept_countries, new_countries = set(kept.countries), set(new.countries)
    return (
        not kept_countries
        or not new_countries
        or kept_countries <= new_countries
        or new_countries <= kept_countries
    )


def _one_per_key(agreements):
    unique = {}
    for agreement in agreements:
        kept = unique.get(agreement.key)
        unique[agreement.key] = agreement if kept is None else _merged(kept, agreement)
    return list(unique.values())


def _merged(kept, other):
    """One agreement from two mentions of it: the first mention's span, the facts either gives."""
    return replace(
        kept,
        title=other.title if len(other.title) > len(kept.title) else kept.title,
        parties=kept.parties or other.parties,
        states=kept.states or other.states,
        signed=kept.signed if kept.signed.precision != UNKNOWN else other.signed,
        place=kept.place or other.place,
        signatories=kept.signatories or other.signatories,
        event=kept.event or other.event,
    )


@dataclass(frozen=True)
class _Occasion:
    """What the article reports: the date and place its lead gives, and the country visited or met."""

    date: PartialDate = PartialDate()
    place: str = ""
    foreign: tuple = ()

    @classmethod
    def of(cls, article):
        document = article.document
        lead = [s for s in document.sentences[:4] if s.paragraph <= 2]
        date, place = PartialDate(), ""
        for sentence in lead:
            if date.precision == UNKNOWN:
                date = _best_date(document, sentence)
            if not place:
                place, _ = place_of(document, sentence, article.countries, article.gazetteer)
        named = [c.code for c in article.countries if c.start < (lead[-1].end if lead else 0)]
        named += [m.agency.country for m in article.agencies if m.start < (lead[-1].end if lead else 0)]
        foreign = tuple(dict.fromkeys(code for code in named if code and code != HOME_COUNTRY))
        return cls(date, without_state_prefix(place), foreign)


def _best_date(document, sentence, within=None, *, titles=(), anchor=None):
    """
    The date a sentence gives: the most precise of its date expressions
    (inside ``within`` if given), none inside an agreement's title ("Kế
    hoạch hợp tác năm 2025" was not signed in 2025); with an ``anchor`` (the
    signing word), the one nearest before it, else nearest after.
    """
    expressions = [
        e
        for e in document.dates_in(sentence)
        if (within is None or within[0] <= e.start < within[1])
        and not any(t.start <= e.start < t.end for t in titles)
    ]
    if not expressions:
        return PartialDate()
    if anchor is not None:
        before = [e for e in expressions if e.start < anchor]
        best = (
            max(before, key=lambda e: (e.start, -_DAY_PRECISION[e.kind]))
            if before
            else min(expressions, key=lambda e: e.start)
        )
        if _DAY_PRECISION[best.kind] > 1:  # a year or a month: a day in the sentence says more
            best = min(expressions, key=lambda e: (_DAY_PRECISION[e.kind], abs(e.start - anchor)))
    else:
        best = min(expressions, key=lambda e: _DAY_PRECISION[e.kind])
    return resolve(document, best, range_as_month=True)


def _signing_statement(article, span, sentence):
    """The sentence that signs this agreement: its own, or the one announcing the list or table it is in."""
    if _SIGNING.search(sentence.text):
        return sentence
    if span.in_table or (sentence.paragraph > 0 and _listed(article, span, sentence)):
        document = article.document
        index = document.sentences.index(sentence)
        for previous in reversed(document.sentences[max(0, index - 6) : index]):
            if _SIGNING.search(previous.text) and _ANNOUNCES_LIST.search(previous.text.rstrip(" .")):
                return previous
            if _SIGNING.search(previous.text) and span.in_table:
                return previous
    return None


def _listed(article, span, sentence):
    """Whether the title opens its sentence or line: an item of a list of documents."""
    text = article.document.text
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[line_start : span.start].strip()
    return not before or bool(re.fullmatch(r"[-–•*+]|\d{1,2}[.)]|[a-zđ][.)]", before))


def _agreement(article, span, occasion):
    document = article.document
    title = document.text[span.start : span.end].strip().rstrip(".…")
    sentence = article.sentence_of(span)
    statement = _signing_statement(article, span, sentence)
    row = _table_row(article, span) if span.in_table else None
    in_sentence = [t for t in article.titles if sentence.start <= t.start < sentence.end and not t.reference]
    own_sentence = span.quoted or len(in_sentence) <= 2
    period = PERIOD.search(title)
    acronym = _ACRONYM_AFTER.match(document.text[span.end : span.end + 30])
    signed, place = _date_and_place(article, span, sentence, statement, row, own_sentence, occasion)
    signers = _signatories(article, statement, span, own_sentence) if statement else ()
    if row is not None:
        signers = signers or row.signatories
    parties = _parties(article, span, title, statement, signers)
    states = _states(article, span, title, statement, row, parties, occasion)
    return AgreementMention(
        span.start,
        span.end,
        sentence.text,
        title=title,
        kind=span.kind or "other",
        parties=parties,
        states=states,
        signed=signed,
        place=place,
        signatories=tuple(dict.fromkeys(name for name, _title in signers)),
        valid_from=int(period.group(1)) if period else None,
        valid_until=int(period.group(2)) if period else None,
        acronym=acronym.group(1) if acronym else "",
        event=_meeting(article, statement or sentence),
    )


def _date_and_place(article, span, sentence, statement, row, own_sentence, occasion):
    """When and where it was signed: its table row, its signing statement, else the occasion (not for history)."""
    document = article.document
    if row is not None and (row.signed.precision != UNKNOWN or row.place):
        return row.signed, row.place
    titles = article.titles
    # A plan's or a programme's year is the year it runs, not when it was signed.
    titles = [t for t in article.titles if t.kind in _PLAN_KINDS]
    own = _best_date(document, sentence, None if own_sentence else (span.start, span.end + 40), titles=titles)
    if statement is None:
        # Named without being signed here: a date in its own sentence ("ký năm 2013") is its signing.
        if own.precision != UNKNOWN and _signed_near(document, span, sentence):
            return own, ""
        return PartialDate(), ""
    within = None if own_sentence or statement is not sentence else (span.start, span.end + 40)
    verb = _SIGNING.search(document.text, statement.start, statement.end)
    signed = _best_date(document, statement, within, titles=titles, anchor=verb.start() if verb else None)
    place = _place(article, statement) if own_sentence or statement is not sentence else ""
    history = signed.precision != UNKNOWN and occasion.date.year and signed.year != occasion.date.year
    if signed.precision == UNKNOWN:
        signed = occasion.date
    if not place and not history:
        place = occasion.place
    return signed, place


def _signed_near(document, span, sentence):
    """ "Hiệp định dẫn độ ký năm 2013": a signing word right after the title, in its sentence."""
    after = document.text[span.end : min(sentence.end, span.end + 40)]
    return bool(_SIGNING.search(after))


class _Row:
    """A table row's facts: the countries, date, place and people of its other cells."""

    def __init__(self, countries, signed, place, signatories):
        self.countries, self.signed, self.place, self.signatories = countries, signed, place, signatories


def _table_row(article, span):
    document = article.document
    text = document.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    cells = [c.strip() for c in text[line_start:line_end].split("|")]
    sentence = document.sentence_at(span.start)
    countries, place, people = [], "", []
    signed = PartialDate()
    for cell in cells:
        if not cell or cell == text[span.start : span.end].strip() or cell.isdigit():
            continue
        position = text.find(cell, line_start)
        expressions = [e for e in document.dates_in(sentence) if position <= e.start < position + len(cell)]
        if expressions:
            signed = resolve(document, expressions[0], range_as_month=True)
            continue
        codes = (
            [article.gazetteer.folded_countries[key]]
            if (key := match_key(cell)) in article.gazetteer.folded_countries
            else []
        )
        if codes:
            countries += codes
            continue
        if _PERSON_CELL.match(cell):
            people.append((_PERSON_CELL.match(cell).group("name"), ""))
        elif not place and len(cell.split()) <= 4 and cell[:1].isupper():
            place = cell
    return _Row(tuple(countries), signed, place, tuple(people))


_PERSON_CELL = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy)|Bộ trưởng|Thứ trưởng|Ông|Bà|Mr\.?|Ms\.?|H\.?E\.?)\s+"
    rf"(?P<name>[{UPPERCASE}][\w-]*(?:\s[{UPPERCASE}][\w-]*){{1,4}})$"
)


def _place(article, sentence):
    """Where the sentence says the signing was: "tại …", else the country visited ("thăm chính thức Argentina")."""
    place, _country = place_of(article.document, sentence, article.countries, article.gazetteer)
    if not place:
        visit = _VISIT.search(sentence.text)
        place = visit.group(1) if visit else ""
    return without_state_prefix(place)


def _signatories(article, statement, span, own_sentence):
    """(name, title) of the people who sign in the statement; not those who only witness."""
    document = article.document
    folded = document.folded
    witness = _WITNESS.search(folded, statement.start, statement.end)
    people = []
    for person in article.in_sentence(article.persons, statement):
        if witness and _witnesses(document, witness, person, statement):
            continue
        people.append((person.name, person.title))
    roles = _ROLE_SIGNERS.search(statement.text)
    if roles and len(people) < 2:
        title = roles.group(1)
        earlier = [p for p in article.persons if p.start < statement.start and p.title == title]
        people = list(dict.fromkeys([*people, *((p.name, p.title) for p in earlier)]))
    return tuple(dict.fromkeys(people))


def _witnesses(document, witness, person, statement):
    """
    "dưới sự chứng kiến của X, A và B ký …": X, up to the clause's end,
    witnesses; "X chứng kiến lễ ký": X, just before the word, too.
    """
    text = document.text
    if person.start >= witness.end():
        ends = [text.find(",", witness.end(), statement.end)]
        if signing := _SIGNING.search(text, witness.end(), statement.end):
            ends.append(signing.start())
        end = min((e for e in ends if e > 0), default=statement.end)
        return person.start < end
    between = text[person.end : witness.start()]
    return len(between) < WITNESS_REACH and not _SIGNING.search(between)


def _parties(article, span, title, statement, signers):
    """The parties, each with the person who signed for it."""
    inside = [m.agency for m in article.agencies if span.start <= m.start < span.end]
    if _BETWEEN.search(title) and inside:
        agencies = list(dict.fromkeys(inside))
    elif statement is not None:
        named_signers = {name for name, _ in signers}
        signer_agencies = [
            p.agency
            for p in article.in_sentence(article.persons, statement)
            if p.agency is not None and p.name in named_signers
        ]
        named = [
            m.agency
            for m in article.in_sentence(article.agencies, statement)
            if not any(t.start <= m.start < t.end for t in article.titles if t is not span)
        ]
        agencies = list(dict.fromkeys(signer_agencies + named))
    else:
        agencies = []
    parties = []
    for agency in agencies:
        signer = next(
            (
                p
                for p in article.persons
                if statement is not None
                and statement.start <= p.start < statement.end
                and p.agency is not None
                and p.agency.key == agency.key
                and p.name in {name for name, _ in signers}
            ),
            None,
        )
        parties.append(Party(agency, signer.name if signer else "", signer.title if signer else ""))
    return tuple(parties)


def _states(article, span, title, statement, row, parties, occasion):
    """The countries that are parties: named in the title or row, or the two sides of the occasion."""
    document = article.document
    codes = [c.code for c in article.countries if span.start <= c.start < span.end]
    if row is not None:
        codes += list(row.countries)
        if codes and HOME_COUNTRY not in codes:
            codes.insert(0, HOME_COUNTRY)
    codes += [p.agency.country for p in parties if p.agency.country]
    if members := article.gazetteer.grouping_in(title):
        return tuple(dict.fromkeys([*members, *codes]))
    if statement is not None and len(set(codes)) < 2:
        # "Việt Nam và Bỉ đã ký …": the countries the signing statement names, outside other titles.
        codes += [
            c.code
            for c in article.in_sentence(article.countries, statement)
            if not any(t.start <= c.start < t.end for t in article.titles if t is not span)
        ]
        if members := article.gazetteer.grouping_in(statement.text):
            return tuple(dict.fromkeys([*members, *codes]))
    text = title if statement is None else f"{title} {statement.text}"
    if _BOTH_SIDES.search(text) or len(set(codes)) <= 1:
        # The two sides of the occasion: "hai Bộ", "hai bên", or a title that names no party.
        sentence = statement or document.sentence_at(span.start)
        visited = host_country(document, sentence, article.countries)
        foreign = [visited] if visited else list(occasion.foreign[:1])
        if foreign or codes:
            codes += [HOME_COUNTRY, *foreign]
    return tuple(dict.fromkeys(code for code in codes if code))


def _apply_reference(article, span, found, occasion):
    """ "Bản ghi nhớ này", "the MOU": the latest agreement of that kind takes what the reference's sentence says."""
    target = next((i for i in range(len(found) - 1, -1, -1) if found[i].kind == span.kind), None)
    if target is None:
        return
    sentence = article.sentence_of(span)
    statement = sentence if _SIGNING.search(sentence.text) else None
    if statement is None:
        return
    agreement = found[target]
    signers = _signatories(article, statement, span, True)
    signed, place = _date_and_place(article, span, sentence, statement, None, True, occasion)
    found[target] = replace(
        agreement,
        signed=agreement.signed if agreement.signed.precision != UNKNOWN else signed,
        place=agreement.place or place,
        signatories=agreement.signatories or tuple(dict.fromkeys(name for name, _ in signers)),
        parties=agreement.parties or _parties(article, span, "", statement, signers),
    )


def _meeting(article, sentence):
    """The conference or forum the sentence names: where its agreements were signed or adopted."""
    return next(
        (e for e in article.events if sentence.start <= e.start < sentence.end and e.kind in _MEETING_KINDS),
        None,
    )
