"""RSS and Atom feeds of published articles."""

from datetime import timedelta

import feedparser
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import make_article


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = Category.objects.create(name="Thế giới")
        cls.article = make_article(
            title="Hợp tác với Interpol", lead="Tóm tắt & <b>dẫn</b>", category=cls.category
        )
        make_article(title="Bài khác chuyên mục")
        make_article(title="Bản nháp", status=Article.Status.DRAFT)
        make_article(title="Hẹn giờ", published_at=timezone.now() + timedelta(hours=2))

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return feed

    def test_rss_lists_published_articles_newest_first(self):
        feed = self.parse(reverse("articles:feed_rss"))
        self.assertEqual(feed.version, "rss20")
        titles = [entry.title for entry in feed.entries]
        self.assertIn("Hợp tác với Interpol", titles)
        self.assertNotIn("Bản nháp", titles)
        self.assertNotIn("Hẹn giờ", titles)
        entry = next(e for e in feed.entries if e.title == "Hợp tác với Interpol")
        self.assertEqual(entry.link, "http://testserver" + self.article.get_absolute_url())
        self.assertEqual(entry.summary, "Tóm tắt &amp; &lt;b&gt;dẫn&lt;/b&gt;")

    def test_atom_feed(self):
        feed = self.parse(reverse("articles:feed_atom"))
        self.assertEqual(feed.version, "atom10")
        self.assertIn("Hợp tác với Interpol", [entry.title for entry in feed.entries])

    def test_every_atom_entry_has_an_author_and_an_updated_time_of_its_own(self):
        undated = make_article(title="Trang nhập không rõ ngày")
        Article.objects.filter(pk=undated.pk).update(published_at=None)
        old = make_article(title="Bài năm 2017", published_at=timezone.now() - timedelta(days=3000))
        Article.objects.filter(pk=old.pk).update(updated_at=timezone.now())  # a re-import touched the row
        feed = self.parse(reverse("articles:feed_atom"))
        self.assertEqual(feed.feed.author, "Newsroom")
        entries = {entry.title: entry for entry in feed.entries}
        self.assertIn("updated", entries["Trang nhập không rõ ngày"])
        self.assertEqual(entries["Bài năm 2017"].updated_parsed[:3], old.published_at.utctimetuple()[:3])

    def test_category_feed_holds_only_its_category(self):
        feed = self.parse(reverse("articles:category_feed", kwargs={"slug": self.category.slug}))
        self.assertEqual([entry.title for entry in feed.entries], ["Hợp tác với Interpol"])
        self.assertEqual(self.client.get("/rss/khong-co/").status_code, 404)
