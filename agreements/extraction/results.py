"""
What the extractor returns: mentions of agencies, events and agreements,
each with its character span and the sentence that proves it, and the
partial dates and references they carry. Frozen, so that the importer's
worker process can send them and the linker can use them as keys.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from articles.text.folding import match_key

# How much of a PartialDate's value the text gave.
DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"


@dataclass(frozen=True)
class PartialDate:
    value: date | None = None
    precision: str = UNKNOWN
    end: date | None = None

    @property
    def year(self):
        return self.value.year if self.value else None


@dataclass(frozen=True)
class AgencyRef:
    """An agency as the text names it; ``key`` says when two refs are one agency."""

    name: str
    country: str = ""
    short_name: str = ""
    kind: str = "other"

    @cached_property
    def key(self):
        return (match_key(self.name), self.country)


@dataclass(frozen=True)
class Party:
    agency: AgencyRef
    signatory: str = ""
    signatory_title: str = ""


@dataclass(frozen=True)
class AgencyMention:
    start: int
    end: int
    sentence: str
    agency: AgencyRef


@dataclass(frozen=True)
class EventMention:
    start: int
    end: int
    sentence: str
    name: str
    kind: str = "other"
    acronym: str = ""
    ordinal: int | None = None
    dates: PartialDate = PartialDate()
    place: str = ""
    country: str = ""
    participants: tuple = ()
    trigger: str = ""  # the folded phrase a talk, visit or operation was found by ("hoi dam")

    @cached_property
    def key(self):
        if self.acronym:
            return ("acronym", self.acronym.upper(), self.ordinal, None if self.ordinal else self.dates.year)
        return ("name", match_key(self.name), self.dates.year)


@dataclass(frozen=True)
class AgreementMention:
    start: int
    end: int
    sentence: str
    title: str
    kind: str = "other"
    parties: tuple = ()
    states: tuple = ()  # ISO codes of countries that are parties, with or without an agency named
    signed: PartialDate = PartialDate()
    place: str = ""
    signatories: tuple = ()  # the people who signed, agency known or not
    valid_from: int | None = None
    valid_until: int | None = None
    acronym: str = ""
    event: EventMention | None = None

    @property
    def countries(self):
        return tuple(
            dict.fromkeys([*self.states, *(p.agency.country for p in self.parties if p.agency.country)])
        )

    @cached_property
    def key(self):
        """Two mentions are one agreement when title and parties agree."""
        return (
            match_key(self.title),
            frozenset(p.agency.key for p in self.parties),
            frozenset(self.countries),
        )


@dataclass(frozen=True)
class Extraction:
    agencies: tuple
    agreements: tuple
    events: tuple

    def first_mentions(self):
        """
        Only the first mention of each agency: what linking an article needs
        (one link per record, with the first sentence that names it), and a
        quarter of the size to send from the importer's worker process.
        """
        first = {}
        for mention in self.agencies:
            first.setdefault(mention.agency.key, mention)
        return Extraction(tuple(first.values()), self.agreements, self.events)
