"""What the extractor's tests share: a gazetteer with django-countries' Vietnamese names, and the seeds."""

from django.utils import translation
from django_countries import countries

from agreements.extraction import Gazetteer, extract
from articles.importer.parsing import parse_page
from tests.helpers import seed


def gazetteer():
    with translation.override("vi"):
        names = {str(name): code for code, name in countries}
    return Gazetteer.from_file(country_names=names)


GAZETTEER = gazetteer()


def extract_seed(prefix):
    page = parse_page(seed(prefix))
    text = "\n".join([page.title, page.lead, *page.paragraphs])
    published = page.published_at.date() if page.published_at else None
    return extract(text, published=published, gazetteer=GAZETTEER)
