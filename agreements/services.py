"""
Turn what the extractor finds in an article into records an editor can check.

Mentions are resolved to existing agencies, agreements and events (by alias
and country, acronym and ordinal, title and parties) or create new ones
marked "suggested"; each is linked to the article with the sentence that
proves it. Rejected records and rejected links are never created again.
"""

import logging
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django_countries import countries

from articles.content.slugs import unique_slugs
from articles.text.folding import nfc
from articles.text.searchable import html_text

from .extraction import Extraction, Gazetteer, KnownAgency, extract, extract_page, load_gazetteer_file
from .extraction.gazetteer import groupings_of
from .models import (
    Agency,
    AgencyAlias,
    AgencyRedirect,
    Agreement,
    AgreementParty,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    CountryAlias,
    Event,
    EventParticipant,
    ReviewStatus,
    fold_alias,
)

logger = logging.getLogger(__name__)


def load_gazetteer():
    """The extractor's gazetteer, from the names editors keep in the admin."""
    countries = dict(CountryAlias.objects.values_list("name", "country"))
    agencies = tuple(
        KnownAgency(
            name=agency.name,
            short_name=agency.short_name,
            kind=agency.kind,
            country=agency.country.code or "",
            aliases=tuple(alias.name for alias in agency.aliases.all()),
        )
        # Only confirmed agencies: a suggestion's bare name ("Bộ Công an" of
        # China) must not start matching text before an editor has checked it.
        for agency in Agency.objects.confirmed().prefetch_related("aliases")
    )
    data = load_gazetteer_file()
    return Gazetteer(
        countries=countries,
        agencies=agencies,
        places={name: code for code, names in data.get("places", {}).items() for name in names},
        groupings=groupings_of(data),
    )


def file_gazetteer():
    """
    The gazetteer file with django-countries' English and Vietnamese country
    names — what the database holds after its migrations —, for the
    benchmarks and tests that read pages without a database.
    """
    names = {}
    for language in ("vi", "en"):  # a country's first name is its Vietnamese one
        with translation.override(language):
            for code, name in countries:
                names.setdefault(str(name), code)
    return Gazetteer.from_file(country_names=names)


def article_text(article):
    """Title, lead and body paragraphs as plain text, one paragraph a line."""
    return "\n".join(part for part in [article.title, article.lead, html_text(article.body)] if part)


@dataclass
class LinkReport:
    agencies: int = 0
    agreements: int = 0
    events: int = 0


# Link model, its field naming the record, and the LinkReport counter.
LINK_KINDS = [
    (ArticleAgency, "agency", "agencies"),
    (ArticleEvent, "event", "events"),
    (ArticleAgreement, "agreement", "agreements"),
]


class KnownEvent(NamedTuple):
    """What the index keeps of an event: a few dozen bytes, not a model instance."""

    pk: int
    year: int | None
    rejected: bool


class EventIndex:
    """
    Known events by what identifies them in a text: acronym and ordinal
    ("AMMTC 15"), or name; the year tells apart yearly events of one name.
    Case-insensitive like an editor reading them.
    """

    def __init__(self, events):
        self._by_acronym, self._by_name = {}, {}
        for event in events:
            self.add(event)

    def add(self, event):
        known = KnownEvent(
            event.pk,
            event.start_on.year if event.start_on else None,
            event.review_status == ReviewStatus.REJECTED,
        )
        if event.acronym:
            self._by_acronym.setdefault((event.acronym.casefold(), event.ordinal), []).append(known)
        self._by_name.setdefault(event.name.casefold(), []).append(known)

    def find(self, mention):
        """The KnownEvent a mention names, or None."""
        if mention.acronym:
            found = self._by_acronym.get((mention.acronym.casefold(), mention.ordinal), [])
            if mention.ordinal is None and mention.dates.year:
                found = [event for event in found if event.year == mention.dates.year]
        else:
            found = self._by_name.get(mention.name.casefold(), [])
            if mention.dates.year:
                found = [event for event in found if event.year == mention.dates.year]
        return found[0] if found else None


class Linker:
    """
    Resolves mentions to records, remembering what it found across articles:
    agencies (few) as records, events and agreements (one or more an
    article) by id only, so that a long import stays small.
    """

    def __init__(self, gazetteer=None):
        self.gazetteer = gazetteer or load_gazetteer()
        self._agencies, self._events, self._agreements = {}, {}, {}

    def link(self, article):
        return self.link_many([article])[0]

    @transaction.atomic
    def link_many(self, articles, extractions=None):
        """
        Link each article to what it names (found again unless ``extractions``
        gives it); links are written in one go per kind.
        """
        found = {ArticleAgency: [], ArticleEvent: [], ArticleAgreement: []}
        reports = []
        extractions = [
            self._extract(article) if mentions is None else mentions
            for article, mentions in zip(articles, extractions or [None] * len(articles), strict=True)
        ]
        self.resolve_events([event for mentions in extractions for event in mentions.events])
        for article, mentions in zip(articles, extractions, strict=True):
            events = {m.key: (self.event(m), m.sentence) for m in mentions.events}
            # Ids of the records named, None for a rejected one.
            rows = {
                ArticleAgency: [
                    (getattr(self.agency(m.agency), "pk", None), m.sentence) for m in mentions.agencies
                ],
                ArticleEvent: list(events.values()),
                ArticleAgreement: [
                    (self.agreement(m, events[m.event.key][0] if m.event else None), m.sentence)
                    for m in mentions.agreements
                ],
            }
            for model, pairs in rows.items():
                found[model].extend(
                    (article, record_id, sentence) for record_id, sentence in pairs if record_id is not None
                )
            reports.append(LinkReport())
        report_of = {article.pk: report for article, report in zip(articles, reports, strict=True)}
        for model, field, counter in LINK_KINDS:
            for article_id in self._new_links(model, field, found[model]):
                report = report_of[article_id]
                setattr(report, counter, getattr(report, counter) + 1)
        return reports

    def _extract(self, article):
        published = timezone.localtime(article.published_at).date() if article.published_at else None
        try:
            return extract(article_text(article), published=published, gazetteer=self.gazetteer)
        except Exception:
            # A page the extractor cannot read keeps its article, unlinked.
            logger.exception("Extraction failed for article %s", article.pk)
            return Extraction((), (), ())

    def _new_links(self, model, field, found):
        """Create the links not made before (whatever an editor decided about those that were)."""
        articles = {article.pk for article, _, _ in found}
        linked = (
            set(model.objects.filter(article__in=articles).values_list("article_id", f"{field}_id"))
            if articles
            else set()
        )
        new = {}
        for article, record_id, sentence in found:
            key = (article.pk, record_id)
            if key not in linked and key not in new:
                new[key] = nfc(sentence[:2000]).strip()
        _insert_links(model, field, new)
        return [article_id for article_id, _ in new]

    # Agencies ----------------------------------------------------------------

    def agency(self, ref):
        """The agency a reference names, created as a suggestion if new; None if rejected."""
        if ref.key not in self._agencies:
            agency = self._find_agency(ref) or self._create_agency(ref)
            self._agencies[ref.key] = None if agency.review_status == ReviewStatus.REJECTED else agency
        return self._agencies[ref.key]

    def _find_agency(self, ref):
        alias = (
            AgencyAlias.objects.filter(folded_name=fold_alias(ref.name), agency__country=ref.country)
            .select_related("agency")
            .first()
        )
        if alias:
            return alias.agency
        named = Q(name__iexact=ref.name)
        if ref.short_name:
            named |= Q(short_name=ref.short_name)
        return Agency.objects.filter(named, country=ref.country).first()

    def _create_agency(self, ref):
        agency = Agency(
            name=ref.name,
            short_name=ref.short_name,
            kind=ref.kind if ref.kind in Agency.Kind.values else Agency.Kind.OTHER,
            country=ref.country,
            review_status=ReviewStatus.SUGGESTED,
        )
        agency.save()
        AgencyAlias.objects.create(agency=agency, name=ref.name)
        return agency

    # Events ------------------------------------------------------------------

    def event(self, mention):
        """The id of the event a mention names (created as a suggestion if new); None if rejected."""
        if mention.key not in self._events:
            self.resolve_events([mention])
        return self._events[mention.key]

    def resolve_events(self, mentions):
        """
        Resolve a batch's event mentions: known ones from an index loaded once
        per import, the rest created together (one insert for the events, one
        for their participants) instead of a few queries each.
        """
        new = {}
        for mention in mentions:
            if mention.key in self._events or mention.key in new:
                continue
            event = self._event_index.find(mention)
            if event is None:
                new[mention.key] = mention
            else:
                self._events[mention.key] = None if event.rejected else event.pk
        if new:
            for key, event in zip(new, self._create_events(list(new.values())), strict=True):
                self._event_index.add(event)
                self._events[key] = event.pk

    @cached_property
    def _event_index(self):
        return EventIndex(Event.objects.only("pk", "name", "acronym", "ordinal", "start_on", "review_status"))

    def _create_events(self, mentions):
        events = [
            Event(
                name=mention.name,
                kind=mention.kind if mention.kind in Event.Kind.values else Event.Kind.OTHER,
                acronym=mention.acronym,
                ordinal=mention.ordinal,
                start_on=mention.dates.value,
                end_on=mention.dates.end,
                date_precision=mention.dates.precision,
                place=mention.place[:200],
                country=mention.country,
                review_status=ReviewStatus.SUGGESTED,
            )
            for mention in mentions
        ]
        for event in events:
            event.prepare()
        unique_slugs(events, [event.slug_source for event in events])
        Event.objects.bulk_create(events)
        EventParticipant.objects.bulk_create(
            EventParticipant(event=event, agency_id=pk)
            for event, mention in zip(events, mentions, strict=True)
            for pk in {agency.pk for agency in map(self.agency, mention.participants) if agency is not None}
        )
        return events

    # Agreements --------------------------------------------------------------

    def agreement(self, mention, event_id):
        """The id of the agreement a mention names (created as a suggestion if new); None if rejected."""
        parties = [(self.agency(party.agency), party) for party in mention.parties]
        parties = [(agency, party) for agency, party in parties if agency is not None]
        key = (mention.key[0], frozenset(agency.pk for agency, _ in parties))
        if key not in self._agreements:
            agreement = self._find_agreement(mention, key[1]) or self._create_agreement(
                mention, parties, event_id
            )
            self._agreements[key] = None if agreement.review_status == ReviewStatus.REJECTED else agreement.pk
        return self._agreements[key]

    def _find_agreement(self, mention, party_ids):
        """Same title and the same parties: "Hiệp định dẫn độ" with Italy is not the one with Argentina."""
        for agreement in Agreement.objects.filter(title__iexact=mention.title).prefetch_related("parties"):
            if {agency.pk for agency in agreement.parties.all()} == party_ids:
                return agreement
        return None

    def _create_agreement(self, mention, parties, event_id):
        years = (mention.valid_from, mention.valid_until)
        agreement = Agreement(
            title=mention.title,
            kind=mention.kind if mention.kind in Agreement.Kind.values else Agreement.Kind.OTHER,
            countries=list(
                dict.fromkeys(
                    [*mention.countries, *(agency.country.code for agency, _ in parties if agency.country)]
                )
            ),
            signed_on=mention.signed.value,
            signed_precision=mention.signed.precision,
            place=mention.place[:200],
            valid_from=_first_of_year(years[0]),
            valid_until=_first_of_year(years[1]),
            event_id=event_id,
            review_status=ReviewStatus.SUGGESTED,
        )
        agreement.save()
        AgreementParty.objects.bulk_create(
            AgreementParty(
                agreement=agreement,
                agency=agency,
                signatory=party.signatory[:200],
                signatory_title=party.signatory_title[:300],
            )
            for agency, party in dict((agency.pk, (agency, party)) for agency, party in parties).values()
        )
        return agreement


def _insert_links(model, field, evidence_by_key):
    """
    INSERT the new links with one executemany: an import writes ~15 a page,
    and Django's bulk_create spent more time preparing them than the
    database spent storing them. Rows are what ArticleLink.save would store.
    """
    if not evidence_by_key:
        return
    quote = connection.ops.quote_name
    columns = ["article_id", f"{field}_id", "evidence", "review_status", "created_at"]
    now = model._meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            [
                (article_id, record_id, evidence, ReviewStatus.SUGGESTED.value, now)
                for (article_id, record_id), evidence in evidence_by_key.items()
            ],
        )


def _first_of_year(year):
    return date(year, 1, 1) if year else None


ANALYSIS = "agreements"


def page_extractor():
    """The importer's page analyser: extraction runs where the page is parsed."""
    return partial(extract_page, gazetteer=load_gazetteer(), first_mentions=True)


def link_imported_articles(sender, *, articles, pages, state, **kwargs):
    """
    Receiver of ``articles.importer.signals.pages_imported``: link each imported
    article, using what the extractor found while the page was parsed. The
    Linker (and what it remembers) lives as long as the import.
    """
    if "linker" not in state:
        state["linker"] = Linker()
    state["linker"].link_many(articles, [page.analyses.get(ANALYSIS) for page in pages])


@transaction.atomic
def merge_agencies(*, survivor, others):
    """
    Fold ``others`` into ``survivor`` (an alias found late): every link,
    party, participation, alias and sub-agency moves over, the others'
    names become aliases, and the others are deleted.
    """
    others = [agency for agency in others if agency.pk != survivor.pk]
    for other in others:
        for model, field in [
            (ArticleAgency, "article"),
            (AgreementParty, "agreement"),
            (EventParticipant, "event"),
        ]:
            taken = set(model.objects.filter(agency=survivor).values_list(field, flat=True))
            model.objects.filter(agency=other, **{f"{field}__in": taken}).delete()
            model.objects.filter(agency=other).update(agency=survivor)
        known = set(survivor.aliases.values_list("folded_name", flat=True))
        for name in [other.name, other.short_name, *other.aliases.values_list("name", flat=True)]:
            if name and fold_alias(name) not in known:
                AgencyAlias.objects.create(agency=survivor, name=name)
                known.add(fold_alias(name))
        Agency.objects.filter(parent=other).update(parent=survivor)
        # Its address, and any it had inherited, now lead to the survivor.
        AgencyRedirect.objects.filter(agency=other).update(agency=survivor)
        AgencyRedirect.objects.update_or_create(old_slug=other.slug, defaults={"agency": survivor})
        other.delete()
    return survivor


@transaction.atomic
def review(records, status):
    """
    Mark ``records`` (a queryset of agencies, agreements, events or article
    links) confirmed or rejected. Confirming a record also confirms the
    links that were suggested with it — the evidence an editor just read —
    so nothing stays "suggested" behind a checked record. Returns how many
    records and links changed.
    """
    links = 0
    if status == ReviewStatus.CONFIRMED:
        for link_model, field, _counter in LINK_KINDS:
            if link_model._meta.get_field(field).related_model is records.model:
                links = (
                    link_model.objects.suggested()
                    .filter(**{f"{field}__in": records.values("pk")})
                    .update(review_status=ReviewStatus.CONFIRMED)
                )
    return records.update(review_status=status), links
