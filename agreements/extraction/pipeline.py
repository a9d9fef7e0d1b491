"""The extractor's steps, in order: each finder reads what the ones before it found."""

from articles.text.dates import PORTAL_TIME_ZONE

from .agencies import find_agencies
from .agreements import find_agreements
from .countries import find_countries
from .document import Document
from .events import find_events
from .people import find_persons
from .results import Extraction


def extract(text, *, published=None, gazetteer):
    """Agencies, agreements and events named in ``text`` (an article's title, lead and body)."""
    document = Document(text, published)
    if not document.sentences:
        return Extraction((), (), ())
    countries = find_countries(document, gazetteer)
    agencies = find_agencies(document, gazetteer, countries)
    persons = find_persons(document, agencies, countries)
    events = find_events(document, gazetteer, agencies, persons, countries)
    agreements = find_agreements(document, gazetteer, agencies, persons, countries, events)
    return Extraction(tuple(agencies), tuple(agreements), tuple(events))


def extract_page(page, *, gazetteer, first_mentions=False):
    """
    ``extract`` on a parsed page (in the importer's worker process, say);
    with ``first_mentions``, only each agency's first mention.
    """
    published = page.published_at.astimezone(PORTAL_TIME_ZONE).date() if page.published_at else None
    extraction = extract(page.text, published=published, gazetteer=gazetteer)
    return extraction.first_mentions() if first_mentions else extraction
