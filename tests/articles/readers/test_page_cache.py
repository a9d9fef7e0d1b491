"""Whole pages from the cache for readers who are not signed in: fresh, personal where they must be, counted."""

import os
import re
from datetime import timedelta
from unittest import mock, skipUnless

from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Source
from tests.factories import make_article, make_user
from tests.helpers import BROWSER, rating_url

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@override_settings(READER_PAGE_CACHE_SECONDS=60)
class PageCacheTests(TestCase):
    def setUp(self):
        cache.clear()
        self.article = make_article(title="Hợp tác phòng, chống ma túy")

    def get(self, url, client=None, **headers):
        return (client or Client(**BROWSER)).get(url, **headers)

    def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(self):
        first = self.get("/")
        reader = Client(**BROWSER)
        self.get("/", reader)  # the reader's visit is counted on their first page
        with CaptureQueriesContext(connection) as queries:
            again = self.get("/", reader)
        self.assertEqual(first["X-Page-Cache"], "miss")
        self.assertEqual(again["X-Page-Cache"], "hit")
        self.assertEqual(len(queries), 0, [q["sql"] for q in queries])
        self.assertContains(again, "Hợp tác phòng, chống ma túy")

    def test_every_view_of_a_cached_article_is_counted(self):
        url = self.article.get_absolute_url()
        responses = [self.get(url) for _ in range(3)]
        self.assertEqual([r["X-Page-Cache"] for r in responses], ["miss", "hit", "hit"])
        self.assertEqual(Article.objects.get(pk=self.article.pk).view_count, 3)

    def test_a_cached_page_carries_each_readers_own_csrf_token(self):
        url = self.article.get_absolute_url()
        self.get(url)
        reader = Client(enforce_csrf_checks=True, **BROWSER)
        page = self.get(url, reader)
        self.assertEqual(page["X-Page-Cache"], "hit")
        self.assertNotIn("__reader_page_csrf_token__", page.content.decode())
        token = TOKEN.search(page.content.decode()).group(1)
        rated = reader.post(rating_url(self.article), {"score": 4, "csrfmiddlewaretoken": token})
        self.assertNotEqual(rated.status_code, 403)
        self.assertEqual(Article.objects.get(pk=self.article.pk).rating_count, 1)

    def test_a_change_to_what_a_page_shows_replaces_it_once_committed(self):
        self.get("/")
        with self.captureOnCommitCallbacks(execute=True):
            make_article(title="Bộ Công an ký kết bản ghi nhớ với Interpol")
        fresh = self.get("/")
        self.assertEqual(fresh["X-Page-Cache"], "miss")
        self.assertContains(fresh, "Bộ Công an ký kết bản ghi nhớ với Interpol")

    def test_a_rating_shows_on_the_cached_article_at_once(self):
        url = self.article.get_absolute_url()
        self.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            Client(**BROWSER).post(rating_url(self.article), {"score": 5})
        self.assertContains(self.get(url), "5 trong 1 đánh giá")

    def test_a_scheduled_article_appears_when_it_goes_out_without_any_save(self):
        going_out = timezone.now() + timedelta(hours=1)
        with self.captureOnCommitCallbacks(execute=True):
            make_article(title="Bài hẹn giờ về dẫn độ tội phạm", published_at=going_out)
        self.assertNotContains(self.get("/"), "Bài hẹn giờ về dẫn độ tội phạm")
        self.assertEqual(self.get("/")["X-Page-Cache"], "hit")
        with mock.patch("django.utils.timezone.now", return_value=going_out + timedelta(seconds=1)):
            later = self.get("/")
        self.assertEqual(later["X-Page-Cache"], "miss")
        self.assertContains(later, "Bài hẹn giờ về dẫn độ tội phạm")

    def test_signed_in_readers_and_readers_with_a_session_get_their_own_page(self):
        self.get("/")
        reader = Client(**BROWSER)
        reader.force_login(make_user())
        self.assertNotIn("X-Page-Cache", self.get("/", reader))
        with_session = Client(**BROWSER)
        with_session.cookies["sessionid"] = "abc"
        self.assertNotIn("X-Page-Cache", self.get("/", with_session))

    def test_each_language_has_its_own_cached_page(self):
        self.get("/")
        english = Client(**BROWSER)
        english.cookies["django_language"] = "en"
        page = self.get("/", english)
        self.assertEqual(page["X-Page-Cache"], "miss")
        self.assertEqual(page["Content-Language"], "en")

    def test_a_browser_revalidates_with_the_etag_and_gets_not_modified(self):
        first = self.get("/")
        again = self.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
        self.assertIn("no-cache", first["Cache-Control"])
        self.assertIn("private", first["Cache-Control"])

    def test_pages_with_other_query_parameters_and_failed_pages_are_not_stored(self):
        self.assertNotIn("X-Page-Cache", self.get(self.article.get_absolute_url() + "?reply=3"))
        missing = reverse("articles:article", kwargs={"slug": "khong-co"})
        self.assertEqual(self.get(missing).status_code, 404)
        self.assertEqual(self.get(reverse("articles:latest") + "?page=1")["X-Page-Cache"], "miss")

    @override_settings(READER_PAGE_CACHE_SECONDS=0)
    def test_the_cache_can_be_turned_off(self):
        self.get("/")
        self.assertNotIn("X-Page-Cache", self.get("/"))


@skipUnless(os.environ.get("NEWSROOM_TEST_REDIS_URL"), "set NEWSROOM_TEST_REDIS_URL to test against Redis")
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("NEWSROOM_TEST_REDIS_URL", ""),
            "KEY_PREFIX": "newsroom-tests",
        }
    }
)
class RedisPageCacheTests(PageCacheTests):
    """The same, with pages kept in Redis as in production (shared by every app server)."""


@override_settings(READER_FRAGMENT_CACHE_SECONDS=60)
class FragmentCacheTests(TestCase):
    """Parts of the article page kept in the cache for everyone, signed in or not."""

    def setUp(self):
        cache.clear()
        self.article = make_article(title="Hợp tác phòng, chống ma túy", body="<p>Nội dung đầu tiên.</p>")
        self.reader = Client(**BROWSER)
        self.reader.force_login(make_user())

    def test_the_article_text_comes_from_the_cache_but_the_view_count_is_current(self):
        url = self.article.get_absolute_url()
        self.reader.get(url)
        with CaptureQueriesContext(connection) as cached:
            page = Client(**BROWSER).get(url)
        self.assertContains(page, "Nội dung đầu tiên.")
        self.assertContains(page, "Lượt xem: 2")
        self.assertFalse(any("articles_articleimage" in q["sql"] for q in cached.captured_queries))

    def test_an_edit_replaces_the_cached_text_once_committed(self):
        url = self.article.get_absolute_url()
        self.reader.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.article.body = "<p>Nội dung đã sửa.</p>"
            self.article.save()
        self.assertContains(self.reader.get(url), "Nội dung đã sửa.")

    def test_each_language_keeps_its_own_fragments(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.article.source = Source.objects.create(name="CAND")
            self.article.save()
        url = self.article.get_absolute_url()
        self.assertContains(self.reader.get(url), "Theo CAND")
        english = Client(**BROWSER)
        english.cookies["django_language"] = "en"
        page = english.get(url)
        self.assertContains(page, "According to CAND")
        self.assertNotContains(page, "Theo CAND")

    def test_the_home_page_blocks_come_from_the_cache_until_an_article_is_published(self):
        self.reader.get("/")
        with CaptureQueriesContext(connection) as cached:
            self.reader.get("/")
        self.assertFalse(any('"articles_article"' in q["sql"] for q in cached.captured_queries))
        with self.captureOnCommitCallbacks(execute=True):
            make_article(title="Bản ghi nhớ mới về phòng, chống mua bán người")
        self.assertContains(self.reader.get("/"), "Bản ghi nhớ mới về phòng, chống mua bán người")
