"""
Agreements: each title (see titles.py) with what its sentence says about
it. When the title says "giữa A và B", A and B are the parties; when the
sentence signs ("ký", "thông qua"), the signatories' agencies and the
agencies it names are, and the sentence gives the signing's date and place.
Two mentions with the same title and parties are one agreement.
"""

import re
from dataclasses import dataclass

from articles.text.folding import UPPERCASE

from .dates import PERIOD, sentence_date
from .document import Document
from .gazetteer import Gazetteer
from .matching import alternation
from .places import place_of, without_state_prefix
from .results import AgreementMention, PartialDate, Party
from .titles import agreement_kind, title_spans
from .vocabulary import SIGNING_PHRASES, SIGNING_WORDS

_SIGNING = re.compile(rf"\b(?:{alternation(SIGNING_WORDS)})\b|{alternation(SIGNING_PHRASES)}")
_BETWEEN = re.compile(r"\bgiữa\b")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z ]{1,20})\)")
_VISIT = re.compile(rf"thăm (?:chính thức )?([{UPPERCASE}]\w*(?: [{UPPERCASE}]\w*)?)")
_MEETING_KINDS = ("conference", "forum")


@dataclass(frozen=True)
class _Article:
    """What an agreement's parties, date, place and event are looked for in."""

    document: Document
    gazetteer: Gazetteer
    agencies: list
    persons: list
    countries: list
    events: list
    titles: list


def find_agreements(document, gazetteer, agencies, persons, countries, events):
    article = _Article(document, gazetteer, agencies, persons, countries, events, title_spans(document))
    unique = {}
    for span in article.titles:
        agreement = _agreement(article, span)
        unique.setdefault(agreement.key, agreement)
    return list(unique.values())


def _agreement(article, span):
    document = article.document
    title = document.text[span.start : span.end].strip().rstrip(".…")
    sentence = document.sentence_at(span.start)
    signing = bool(_SIGNING.search(sentence.text))
    # A sentence's date and place belong to its agreement when the title is
    # quoted or stands nearly alone; in a list they belong to one item.
    in_sentence = [t for t in article.titles if sentence.start <= t.start < sentence.end]
    own_sentence = span.quoted or len(in_sentence) <= 2
    period = PERIOD.search(title)
    acronym = _ACRONYM_AFTER.match(document.text[span.end + 1 : span.end + 30])
    if signing:
        within = None if own_sentence else (span.start, span.end + 15)
        signed = sentence_date(document, sentence, range_as_month=True, within=within)
    else:
        signed = PartialDate()
    return AgreementMention(
        span.start,
        span.end,
        sentence.text,
        title=title,
        kind=agreement_kind(title) or "other",
        parties=_parties(article, span, title, sentence, signing),
        signed=signed,
        place=_signing_place(article, sentence) if signing and own_sentence else "",
        valid_from=int(period.group(1)) if period else None,
        valid_until=int(period.group(2)) if period else None,
        acronym=acronym.group(1) if acronym else "",
        event=_meeting(article, sentence),
    )


def _party_agencies(article, span, title, sentence, signing):
    inside = [m.agency for m in article.agencies if span.start <= m.start < span.end]
    if _BETWEEN.search(title) and inside:
        return list(dict.fromkeys(inside))
    if not signing:
        return []
    # The signatories' agencies, and agencies named in the sentence outside
    # any title: "Bộ trưởng Tư pháp nước chủ nhà".
    signers = [
        p.agency for p in article.persons if sentence.start <= p.start < sentence.end and p.agency is not None
    ]
    named = [
        m.agency
        for m in article.agencies
        if sentence.start <= m.start < sentence.end
        and not any(t.start <= m.start < t.end for t in article.titles)
    ]
    return list(dict.fromkeys(signers + named))


def _parties(article, span, title, sentence, signing):
    """The parties, each with the person who signed for it when the sentence signs."""
    parties = []
    for agency in _party_agencies(article, span, title, sentence, signing):
        signer = next(
            (
                p
                for p in article.persons
                if sentence.start <= p.start < sentence.end
                and p.agency is not None
                and p.agency.key == agency.key
            ),
            None,
        )
        if signer and signing:
            parties.append(Party(agency, signer.name, signer.title))
        else:
            parties.append(Party(agency, "", ""))
    return tuple(parties)


def _meeting(article, sentence):
    """The conference or forum the sentence names: where its agreements were signed or adopted."""
    return next(
        (e for e in article.events if sentence.start <= e.start < sentence.end and e.kind in _MEETING_KINDS),
        None,
    )


def _signing_place(article, sentence):
    """Where the sentence says the signing was: "tại …", else the country visited ("thăm chính thức Argentina")."""
    place, _country = place_of(article.document, sentence, article.countries, article.gazetteer)
    if not place:
        visit = _VISIT.search(sentence.text)
        place = visit.group(1) if visit else ""
    return without_state_prefix(place)
