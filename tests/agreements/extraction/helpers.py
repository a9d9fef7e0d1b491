"""What the extractor's tests share: the gazetteer the database would hold, and the seeds."""

from agreements.extraction import extract
from agreements.services import file_gazetteer
from articles.importer.parsing import parse_page
from tests.helpers import seed

GAZETTEER = file_gazetteer()


def extract_seed(prefix):
    page = parse_page(seed(prefix))
    text = "\n".join([page.title, page.lead, *page.paragraphs])
    published = page.published_at.date() if page.published_at else None
    return extract(text, published=published, gazetteer=GAZETTEER)


def extract_text(*paragraphs, published=None):
    """What the extractor finds in an article of these paragraphs (the first one its title)."""
    return extract("\n".join(paragraphs), published=published, gazetteer=GAZETTEER)
