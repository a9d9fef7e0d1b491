"""The article page and the listings."""

import json
import re
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse

from articles.models import Article, ArticleImage, Category
from articles.views import LatestView
from tests.factories import make_article, make_user, png_upload
from tests.helpers import ReaderSiteTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


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

    def test_a_day_only_date_shows_no_invented_time(self):
        article = make_article(
            title="Viet Nam, Belgium sign extradition treaty",
            published_at=datetime(2025, 3, 13, tzinfo=HANOI),
            published_precision="day",
            language="en",
        )
        response, html = self.get(article.get_absolute_url())
        self.assertIn('<time datetime="2025-03-13">Thứ Năm - 13/03/2025</time>', html)
        self.assertIn('"datePublished": "2025-03-13"', html)

    def test_an_english_article_on_the_vietnamese_site_is_marked_as_english(self):
        article = make_article(title="Viet Nam, Belgium sign extradition treaty", language="en")
        response, html = self.get(article.get_absolute_url())
        self.assertIn('<h1 lang="en">Viet Nam, Belgium sign extradition treaty</h1>', html)
        self.assertIn('"inLanguage": "en"', html)
        response, html = self.get(self.article.get_absolute_url())
        self.assertNotIn('lang="vi"', html.split("<body", 1)[1])

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
    def test_the_lead_picture_opens_the_article_and_a_placed_picture_follows_its_paragraph(self):
        self.article.body = "<p>Đoạn một.</p><p>Đoạn hai.</p><p>Đoạn ba.</p>"
        self.article.save()
        ArticleImage.objects.create(
            article=self.article, image=png_upload(size=(1600, 900)), caption="Toàn cảnh"
        )
        ArticleImage.objects.create(
            article=self.article,
            image=png_upload(size=(1600, 900)),
            caption="Lễ ký",
            is_lead=True,
            position=1,
        )
        ArticleImage.objects.create(
            article=self.article, image=png_upload(size=(800, 600)), caption="Hội đàm", after_paragraph=2
        )
        response, html = self.get(self.article.get_absolute_url())
        self.assertRegex(
            html, r'<img src="/media/renditions/[^"]+-1000w\.webp" srcset="[^"]+ 1000w, [^"]+ 1600w"'
        )
        self.assertIn('width="1000" height="562"', html)
        order = [html.index(text) for text in ("Lễ ký", "Toàn cảnh", "Đoạn hai.", "Hội đàm", "Đoạn ba.")]
        self.assertEqual(order, sorted(order))

    def test_an_imported_picture_without_a_file_shows_its_caption_and_never_an_empty_box(self):
        ArticleImage.objects.create(article=self.article, original_filename="7-1.jpg", caption="Ảnh gốc")
        ArticleImage.objects.create(article=self.article, original_filename="7-2.jpg", position=1)
        response, html = self.get(self.article.get_absolute_url())
        self.assertInHTML('<p class="picture-caption-only">Ảnh gốc</p>', html)
        self.assertNotIn("Ảnh không có sẵn", html)
        self.assertNotIn("<figure", html)


class ReaderToolsTests(ReaderSiteTestCase):
    def test_related_news_are_those_sharing_most_tags_then_the_same_category(self):
        both = make_article(title="Chung hai thẻ", published_at=datetime(2020, 1, 1, tzinfo=HANOI))
        both.tags.add("Dẫn độ", "Italy")
        one = make_article(title="Chung một thẻ")
        one.tags.add("Dẫn độ")
        neighbour = make_article(title="Cùng chuyên mục", category=self.asean)
        make_article(title="Không liên quan")
        self.article.tags.add("Italy")
        related = Article.objects.published().related_to(self.article, self.article.tags.all(), 6)
        self.assertEqual([a.title for a in related], ["Chung hai thẻ", "Chung một thẻ", "Cùng chuyên mục"])
        html = self.get(self.article.get_absolute_url())[1]
        self.assertIn("Tin liên quan", html)
        self.assertIn(neighbour.get_absolute_url(), html)

    def test_the_article_offers_plain_share_links_and_its_comment_count(self):
        html = self.get(self.article.get_absolute_url())[1]
        self.assertIn(
            "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fbai-viet%2F", html
        )
        self.assertIn('<a class="comment-count" href="#comments">1 bình luận</a>', html)
        self.assertNotIn("connect.facebook.net", html)

    def test_the_day_archive_lists_that_days_articles_in_vietnam_time(self):
        late = make_article(title="Đăng lúc 23 giờ", published_at=datetime(2025, 5, 14, 23, 30, tzinfo=HANOI))
        make_article(title="Hôm sau", published_at=datetime(2025, 5, 15, 0, 10, tzinfo=HANOI))
        response = self.client.get(reverse("articles:archive"), {"ngay": "14/05/2025"})
        self.assertRedirects(response, "/xem-theo-ngay/2025/5/14/", fetch_redirect_response=False)
        response, html = self.get("/xem-theo-ngay/2025/5/14/")
        self.assertIn("Tin ngày Thứ Tư, 14/05/2025", html)
        self.assertIn(late.title, html)
        self.assertNotIn("Hôm sau", html)
        self.assertIn('href="/xem-theo-ngay/2025/5/15/"', html)
        self.assertEqual(self.client.get("/xem-theo-ngay/2025/2/30/").status_code, 404)

    @override_settings(
        SITE_OWNER={
            "agency": "Báo Hợp tác",
            "licence": "Giấy phép số 01/GP-BTTTT",
            "hotline": "069 123 456",
            "address": "",
            "editor_in_chief": "",
            "email": "",
        }
    )
    def test_the_footer_names_the_owner_from_the_settings(self):
        html = self.get("/")[1]
        self.assertIn("Báo Hợp tác", html)
        self.assertIn("Giấy phép số 01/GP-BTTTT", html)
        self.assertIn('href="tel:069123456"', html)
        self.assertNotIn("Địa chỉ:", html)

    def test_the_phone_menu_opens_without_javascript(self):
        html = self.get("/")[1]
        self.assertIn('<a class="menu-button" href="#site-menu" aria-controls="site-menu">', html)
        self.assertIn('id="site-menu"', html)


class ShareCardTests(ReaderSiteTestCase):
    """What search engines and social networks read from an article page."""

    def json_ld(self, html):
        return json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )

    @override_settings(MEDIA_URL="/media/")
    def test_the_lead_picture_is_the_share_image_at_the_size_platforms_ask_for(self):
        ArticleImage.objects.create(article=self.article, image=png_upload(size=(2000, 1000)), is_lead=True)
        response, html = self.get(self.article.get_absolute_url())
        self.assertRegex(
            html, r'<meta property="og:image" content="http://testserver/media/renditions/[^"]+-1200w\.webp">'
        )
        self.assertIn('<meta name="twitter:card" content="summary_large_image">', html)
        image = self.json_ld(html)["image"]
        self.assertEqual((image["width"], image["height"]), (1200, 600))

    def test_without_a_picture_the_card_is_small_and_names_no_image(self):
        response, html = self.get(self.article.get_absolute_url())
        self.assertIn('<meta name="twitter:card" content="summary">', html)
        self.assertNotIn("og:image", html)
        self.assertNotIn("image", self.json_ld(html))

    def test_every_article_names_an_author_and_a_publisher_with_a_logo(self):
        article = make_article(title="Tin không ký tên", published_at=datetime(2017, 12, 30, tzinfo=HANOI))
        data = self.json_ld(self.get(article.get_absolute_url())[1])
        self.assertEqual(data["author"]["name"], "Newsroom")
        self.assertEqual(data["publisher"]["url"], "http://testserver/")
        self.assertTrue(data["publisher"]["logo"]["url"].startswith("http://testserver/static/"))
        self.assertEqual(data["dateModified"][:10], "2017-12-30")

    def test_a_long_headline_is_cut_at_a_word(self):
        title = "Tăng cường hợp tác " * 8
        data = self.json_ld(self.get(make_article(title=title).get_absolute_url())[1])
        self.assertLessEqual(len(data["headline"]), 110)
        kept = data["headline"].removesuffix("…")
        self.assertTrue(data["headline"].endswith("…"))
        self.assertEqual(title[len(kept)], " ")


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


class CappedListingTests(TestCase):
    def test_a_listing_longer_than_the_cap_counts_only_up_to_it_and_says_more_than(self):
        for number in range(5):
            make_article(title=f"Tin số {number}")
        with (
            mock.patch("articles.views.LISTING_COUNT_CAP", 3),
            mock.patch.object(LatestView, "paginate_by", 1),
        ):
            response = self.client.get(reverse("articles:latest"))
            paginator = response.context["paginator"]
            self.assertEqual((paginator.count, paginator.is_capped), (3, True))
        self.assertContains(response, "Trang 1 / hơn 3")


class BylineTests(TestCase):
    def test_an_authors_byline_is_their_name_with_the_separator_outside_the_link(self):
        author = make_user("phongvien", first_name="Lan", last_name="Nguyễn")
        article = make_article(title="Bài của phóng viên", author=author)
        html = self.client.get(article.get_absolute_url()).content.decode()
        self.assertIn('<span class="byline"><a href="/tac-gia/phongvien/">Lan Nguyễn</a></span>', html)

    def test_an_author_without_a_name_is_not_shown_by_login_name(self):
        article = make_article(title="Bài không ký tên", author=make_user("editor"))
        self.assertNotIn(">editor<", self.client.get(article.get_absolute_url()).content.decode())


class ChangedAddressTests(TestCase):
    def test_an_article_whose_slug_changed_is_reached_from_every_old_address(self):
        article = make_article(title="Hợp tác dẫn độ")
        first = article.get_absolute_url()
        article.slug = "hop-tac-dan-do-voi-italy"
        article.save()
        second = article.get_absolute_url()
        article.slug = "hiep-dinh-dan-do-viet-nam-italy"
        article.save()
        for old in (first, second):
            with self.subTest(old):
                self.assertRedirects(self.client.get(old), article.get_absolute_url(), status_code=301)

    def test_taking_back_an_old_address_makes_it_live_again(self):
        article = make_article(title="Bài gốc")
        original = article.slug
        article.slug = "bai-doi-ten"
        article.save()
        article.slug = original
        article.save()
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 200)
        self.assertRedirects(
            self.client.get("/bai-viet/bai-doi-ten/"), article.get_absolute_url(), status_code=301
        )

    def test_a_category_whose_slug_changed_is_reached_from_its_old_address(self):
        category = Category.objects.create(name="Quốc tế")
        old = category.get_absolute_url()
        category.slug = "hop-tac-quoc-te"
        category.save()
        self.assertRedirects(self.client.get(old), category.get_absolute_url(), status_code=301)
        self.assertEqual(self.client.get("/chuyen-muc/khong-co/").status_code, 404)

    def test_an_unpublished_article_is_not_reached_through_an_old_address(self):
        article = make_article(title="Bài sẽ gỡ")
        old = article.get_absolute_url()
        article.slug = "bai-da-go"
        article.status = "draft"
        article.save()
        self.assertEqual(self.client.get(old).status_code, 404)
