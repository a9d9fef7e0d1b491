"""The site-wide pages: home, robots and sitemap, error pages, the query budget of every reader page."""

from unittest import mock

from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticleImage, Category, Comment, DailyVisits
from tests.factories import make_article
from tests.helpers import ReaderSiteTestCase


class HomePageTests(ReaderSiteTestCase):
    def test_home_shows_latest_most_viewed_agreements_and_statistics(self):
        DailyVisits.objects.create(day=timezone.localdate(), visits=7)
        response, html = self.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tăng cường hợp tác dẫn độ với Italy")
        self.assertContains(response, "Tin xem nhiều")
        self.assertContains(response, "Thống kê truy cập")
        self.assertContains(response, "Hiệp định dẫn độ")
        self.assertIn('<html lang="vi">', html)

    def test_home_header_gives_todays_date_in_vietnamese(self):
        response, html = self.get("/")
        today = timezone.localdate()
        self.assertIn(today.strftime("%d/%m/%Y"), html)
        self.assertRegex(html, r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4}")

    def test_home_never_shows_drafts_scheduled_or_archived_articles(self):
        response, html = self.get("/")
        for title in ("Bản nháp bí mật", "Bài hẹn giờ", "Bài lưu trữ"):
            self.assertNotIn(title, html)

    def test_english_only_when_the_reader_chooses_it(self):
        response, html = self.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en")
        self.assertIn('<html lang="vi">', html)
        response = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertEqual(response.status_code, 302)
        response, html = self.get("/")
        self.assertIn('<html lang="en">', html)
        self.assertIn("Most viewed", html)


class DiscoveryTests(ReaderSiteTestCase):
    def test_robots_txt_points_to_the_sitemap(self):
        response, text = self.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Sitemap: http://testserver/sitemap.xml", text)
        self.assertIn("Disallow: /admin/", text)


class ServerErrorPageTests(TestCase):
    def test_server_error_page_renders_without_a_request(self):
        """Django renders 500.html with no context; it must still be the site's page, in Vietnamese."""
        with translation.override("vi"):
            html = render_to_string("500.html")
        self.assertIn("Đã có lỗi xảy ra phía chúng tôi", html)
        self.assertIn("/static/css/site.css", html)


class QueryBudgetTests(ReaderSiteTestCase):
    def test_article_page_queries_do_not_grow_with_comments_images_or_links(self):
        url = self.article.get_absolute_url()
        self.client.get(url)  # warm the navigation cache
        with self.assertNumQueries(10) as before:
            self.client.get(url)
        for number in range(10):
            comment = Comment.objects.create(
                article=self.article, author_name=f"Bạn đọc {number}", body="Đồng ý", status="approved"
            )
            Comment.objects.create(
                article=self.article, author_name="Trả lời", body="Cảm ơn", status="approved", parent=comment
            )
            ArticleImage.objects.create(
                article=self.article, original_filename=f"{number}.jpg", position=number
            )
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)

    def test_home_page_takes_ten_queries_whatever_its_categories_and_cards(self):
        self.client.get("/")  # the visit is counted on the first page
        with self.assertNumQueries(10):
            self.client.get("/")
        for number in range(6):
            top = Category.objects.create(name=f"Chuyên mục {number}", slug=f"chuyen-muc-{number}")
            below = Category.objects.create(name=f"Mục con {number}", slug=f"muc-con-{number}", parent=top)
            for position in range(5):
                article = make_article(
                    title=f"Tin {number}-{position} về hợp tác", category=below if position % 2 else top
                )
                ArticleImage.objects.create(article=article, original_filename=f"{number}-{position}.jpg")
        with self.assertNumQueries(10):
            response = self.client.get("/")
        blocks = response.context["blocks"].categories
        self.assertGreaterEqual(len(blocks), 6)
        self.assertTrue(all(len(articles) <= 4 for _category, articles in blocks))
        self.assertIn("Tin 0-4 về hợp tác", [a.title for _category, articles in blocks for a in articles])

    def test_listing_pages_take_the_same_queries_for_one_card_or_twenty(self):
        url = reverse("articles:latest")
        self.client.get(url)
        with self.assertNumQueries(3) as before:
            self.client.get(url)
        for number in range(20):
            article = make_article(title=f"Tin số {number}")
            ArticleImage.objects.create(article=article, original_filename=f"{number}.jpg")
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)


class HealthTests(TestCase):
    def test_health_says_ok_when_the_database_and_the_cache_answer(self):
        response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok", "cache": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    @override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    )
    def test_health_fails_with_503_naming_a_cache_that_stores_nothing(self):
        response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["cache"], "not storing")

    def test_health_fails_with_503_when_the_database_is_unreachable(self):
        with mock.patch("newsroom.views.connection.cursor", side_effect=OperationalError("down")):
            response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["database"], "unreachable")
