"""The sitemap lists what readers may see."""

from django.test import TestCase
from lxml import etree

from articles.models import Article
from tests.factories import make_agreement, make_article

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapTests(TestCase):
    def test_sitemap_is_valid_xml_with_public_pages_only(self):
        article = make_article(title="Công khai")
        draft = make_article(title="Nháp", status=Article.Status.DRAFT)
        agreement = make_agreement()
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        root = etree.fromstring(response.content)
        locations = {node.text for node in root.iterfind("s:url/s:loc", SITEMAP_NS)}
        self.assertIn("http://testserver" + article.get_absolute_url(), locations)
        self.assertIn("http://testserver" + agreement.get_absolute_url(), locations)
        self.assertIn("http://testserver/", locations)
        self.assertNotIn("http://testserver" + draft.get_absolute_url(), locations)
