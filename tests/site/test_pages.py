"""Every reader page: it answers, shows what it must, and hides what readers may not see."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from agreements.dates import DatePrecision
from agreements.models import AgreementParty, ArticleAgency, ArticleAgreement, ArticleEvent, ReviewStatus
from articles.models import Article, ArticleImage, Category, Comment, DailyVisits, Source
from tests.factories import make_agency, make_agreement, make_article, make_event, make_user, png_upload


class ReaderSiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = Category.objects.create(name="Thế giới", position=1)
        cls.asean = Category.objects.create(name="ASEAN", parent=cls.world)
        cls.source = Source.objects.create(name="CAND")
        cls.article = make_article(
            title="Tăng cường hợp tác dẫn độ với Italy",
            lead="Bộ trưởng Tô Lâm ký Hiệp định dẫn độ.",
            body="<p>Hai bên ký “Hiệp định dẫn độ” tại Rome.</p>",
            category=cls.asean,
            source=cls.source,
            byline="BT",
            view_count=55,
            published_at=timezone.make_aware(timezone.datetime(2017, 12, 30, 4, 48)),
        )
        cls.article.tags.add("Dẫn độ")
        cls.undated = make_article(title="Bài không rõ ngày", published_at=None, import_key="seed-1")
        cls.draft = make_article(title="Bản nháp bí mật", status=Article.Status.DRAFT)
        cls.scheduled = make_article(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(days=1))
        cls.archived = make_article(title="Bài lưu trữ", status=Article.Status.ARCHIVED)
        cls.brief = make_article(title="Tin vắn về Interpol", kind=Article.Kind.BRIEF, body="")

        cls.italy_ministry = make_agency(
            name="Bộ Tư pháp Italy", short_name="", kind="ministry", country="IT"
        )
        cls.treaty = make_agreement(
            title="Hiệp định dẫn độ",
            countries=["VN", "IT"],
            signed_on=date(2023, 7, 1),
            signed_precision=DatePrecision.MONTH,
            place="Rome",
        )
        AgreementParty.objects.create(
            agreement=cls.treaty, agency=cls.italy_ministry, signatory="Carlo Nordio"
        )
        cls.rejected = make_agreement(title="Thỏa thuận bị bác", review_status=ReviewStatus.REJECTED)
        cls.event = make_event(
            name="Hội nghị AMMTC",
            acronym="AMMTC",
            ordinal=15,
            start_on=date(2021, 11, 29),
            date_precision=DatePrecision.DAY,
            country="VN",
            place="Hà Nội",
        )
        ArticleAgreement.objects.create(
            article=cls.article, agreement=cls.treaty, evidence="Hai bên ký “Hiệp định dẫn độ”."
        )
        ArticleAgreement.objects.create(article=cls.article, agreement=cls.rejected, evidence="x")
        ArticleAgency.objects.create(
            article=cls.article, agency=cls.italy_ministry, evidence="Bộ Tư pháp Italy"
        )
        ArticleEvent.objects.create(article=cls.article, event=cls.event, evidence="AMMTC 15")
        Comment.objects.create(
            article=cls.article, author_name="Lan", body="Rất hay <b>!</b>", status="approved"
        )
        Comment.objects.create(article=cls.article, author_name="Spam", body="Mua ngay", status="pending")

    def get(self, url, **extra):
        response = self.client.get(url, **extra)
        return response, response.content.decode()


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


class ArticlePageTests(ReaderSiteTestCase):
    def test_article_page_shows_everything_a_reader_expects(self):
        response, html = self.get(self.article.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Tăng cường hợp tác dẫn độ với Italy</h1>", html=True)
        self.assertIn("Thứ Bảy - 30/12/2017 04:48", html)
        self.assertIn("Lượt xem: 55", html)
        self.assertIn("Theo CAND", html)
        self.assertIn("Dẫn độ", html)  # tag
        self.assertIn(reverse("articles:category", kwargs={"slug": self.world.slug}), html)  # breadcrumb
        self.assertIn("Hồ sơ hợp tác", html)
        self.assertIn(self.treaty.get_absolute_url(), html)
        self.assertIn(self.event.get_absolute_url(), html)
        self.assertNotIn("Thỏa thuận bị bác", html)

    def test_comments_are_escaped_and_only_approved_ones_show(self):
        response, html = self.get(self.article.get_absolute_url())
        self.assertIn("Rất hay &lt;b&gt;!&lt;/b&gt;", html)
        self.assertNotIn("Mua ngay", html)

    def test_article_without_a_date_says_so(self):
        response, html = self.get(self.undated.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Không rõ ngày đăng", html)

    def test_share_tags_and_news_article_data(self):
        response, html = self.get(self.article.get_absolute_url())
        self.assertIn('<meta property="og:title" content="Tăng cường hợp tác dẫn độ với Italy">', html)
        self.assertIn('"@type": "NewsArticle"', html)
        self.assertIn(
            f'<link rel="canonical" href="http://testserver{self.article.get_absolute_url()}">', html
        )

    def test_unpublished_articles_are_not_found(self):
        for article in (self.draft, self.scheduled, self.archived):
            with self.subTest(article.title):
                response, _ = self.get(article.get_absolute_url())
                self.assertEqual(response.status_code, 404)

    def test_not_found_page_is_the_sites_own(self):
        response, html = self.get("/bai-viet/khong-ton-tai/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("Không tìm thấy trang", html)
        self.assertIn('action="/tim-kiem/"', html)

    def test_staff_preview_shows_drafts_to_staff_only(self):
        url = reverse("articles:article_preview", kwargs={"pk": self.draft.pk})
        self.client.force_login(make_user("reader"))
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(make_user("editor", is_staff=True))
        response, html = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bản nháp bí mật", html)
        self.assertIn('<meta name="robots" content="noindex">', html)

    def test_print_view(self):
        response, html = self.get(reverse("articles:article_print", kwargs={"slug": self.article.slug}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Hai bên ký", html)
        self.assertNotIn('class="main-nav"', html)

    @override_settings(MEDIA_URL="/media/")
    def test_images_get_renditions_with_dimensions_and_placeholders_without_files(self):
        ArticleImage.objects.create(article=self.article, image=png_upload(size=(1600, 900)), caption="Lễ ký")
        ArticleImage.objects.create(
            article=self.article, original_filename="7-1.jpg", caption="Ảnh gốc", position=1
        )
        response, html = self.get(self.article.get_absolute_url())
        self.assertRegex(
            html, r'<img src="/media/renditions/[^"]+-760w\.webp" srcset="[^"]+ 760w, [^"]+ 1520w"'
        )
        self.assertIn('width="760" height="428"', html)
        self.assertIn("Ảnh không có sẵn", html)
        self.assertIn("Ảnh gốc", html)


class ListingTests(ReaderSiteTestCase):
    def test_category_lists_its_subcategories_articles(self):
        response, html = self.get(self.world.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tăng cường hợp tác dẫn độ với Italy", html)
        self.assertIn(self.asean.get_absolute_url(), html)

    def test_tag_source_author_latest_and_brief_listings(self):
        author = get_user_model().objects.create_user("phongvien")
        make_article(title="Bài của phóng viên", author=author)
        pages = {
            reverse("articles:tag", kwargs={"slug": "dan-do"}): "Tăng cường hợp tác dẫn độ với Italy",
            self.source.get_absolute_url(): "Tăng cường hợp tác dẫn độ với Italy",
            reverse("articles:author", kwargs={"username": "phongvien"}): "Bài của phóng viên",
            reverse("articles:latest"): "Bài không rõ ngày",
            reverse("articles:briefs"): "Tin vắn về Interpol",
        }
        for url, title in pages.items():
            with self.subTest(url):
                response, html = self.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(title, html)
                self.assertNotIn("Bản nháp bí mật", html)

    def test_listings_paginate(self):
        for number in range(25):
            make_article(title=f"Bài số {number}", category=self.world)
        response, html = self.get(self.world.get_absolute_url() + "?page=2")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Trang 2 / 2", html)
        self.assertEqual(self.get(self.world.get_absolute_url() + "?page=9")[0].status_code, 404)


class KnowledgePageTests(ReaderSiteTestCase):
    def test_agency_index_groups_by_country(self):
        response, html = self.get(reverse("agreements:agencies"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bộ Tư pháp Italy", html)
        self.assertIn(reverse("agreements:country", kwargs={"code": "it"}), html)

    def test_agency_page_lists_agreements_and_evidence(self):
        response, html = self.get(self.italy_ministry.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Hiệp định dẫn độ", html)
        self.assertIn("Tăng cường hợp tác dẫn độ với Italy", html)

    def test_agreement_page_shows_parties_signatories_date_and_evidence(self):
        response, html = self.get(self.treaty.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Carlo Nordio", html)
        self.assertIn("tháng 7/2023", html)
        self.assertIn("Rome", html)
        self.assertIn("Hai bên ký “Hiệp định dẫn độ”.", html)

    def test_rejected_records_are_not_found(self):
        response, _ = self.get(self.rejected.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_agreement_index_filters_and_charts(self):
        make_agreement(
            title="Bản ghi nhớ với Argentina",
            kind="mou",
            countries=["VN", "AR"],
            signed_on=date(2023, 4, 26),
            signed_precision=DatePrecision.DAY,
        )
        response, html = self.get(reverse("agreements:agreements"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("<svg", html)
        self.assertIn("Số văn bản ký theo năm", html)
        self.assertNotIn("Thỏa thuận bị bác", html)
        response, html = self.get(reverse("agreements:agreements") + "?country=AR")
        self.assertIn("Bản ghi nhớ với Argentina", html)
        self.assertNotIn(">Hiệp định dẫn độ<", html)
        response, html = self.get(
            reverse("agreements:agreements") + f"?partner={self.italy_ministry.slug}&year=2023"
        )
        self.assertIn(">Hiệp định dẫn độ<", html)
        self.assertNotIn("Bản ghi nhớ với Argentina", html)
        response, html = self.get(reverse("agreements:agreements") + "?kind=mou")
        self.assertNotIn(">Hiệp định dẫn độ<", html)

    def test_events_timeline_and_event_page(self):
        response, html = self.get(reverse("agreements:events"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("2021", html)
        self.assertIn("AMMTC 15", html)
        response, html = self.get(self.event.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("29/11/2021", html)
        self.assertIn("Hà Nội", html)

    def test_country_page_shows_partners_and_agreements(self):
        response, html = self.get(reverse("agreements:country", kwargs={"code": "it"}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bộ Tư pháp Italy", html)
        self.assertIn("Hiệp định dẫn độ", html)
        self.assertEqual(self.get(reverse("agreements:country", kwargs={"code": "zz"}))[0].status_code, 404)


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
