"""The content models: slugs, text, visibility, counters, categories, pictures."""

import unicodedata
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.forms import modelform_factory
from django.test import TestCase
from django.utils import timezone

from articles.content.slugs import unique_slugs
from articles.models import Article, ArticleImage, Category, Portal, Source, Tag
from tests.factories import make_article, make_user, png_upload


class ArticleSlugTests(TestCase):
    def test_slug_from_vietnamese_title(self):
        """An article without a slug gets one folded from its title."""
        article = make_article(title="Tăng cường hợp tác")
        self.assertEqual(article.slug, "tang-cuong-hop-tac")

    def test_slug_folds_d_with_stroke(self):
        """đ in a title becomes d in the slug."""
        article = make_article(title="Đấu tranh phòng, chống tội phạm đánh bạc")
        self.assertEqual(article.slug, "dau-tranh-phong-chong-toi-pham-danh-bac")

    def test_same_title_gets_numbered_slugs(self):
        """Two different articles with one title (seeds 000 and 002) get two slugs."""
        first = make_article(title="Tăng cường hợp tác quốc tế")
        second = make_article(title="Tăng cường hợp tác quốc tế")
        third = make_article(title="Tăng cường hợp tác quốc tế")
        self.assertEqual(
            [first.slug, second.slug, third.slug],
            ["tang-cuong-hop-tac-quoc-te", "tang-cuong-hop-tac-quoc-te-2", "tang-cuong-hop-tac-quoc-te-3"],
        )

    def test_slug_is_kept_when_title_changes(self):
        """Editing a title never breaks the article's address."""
        article = make_article(title="Tin ban đầu")
        article.title = "Tin đã sửa"
        article.save()
        article.refresh_from_db()
        self.assertEqual(article.slug, "tin-ban-dau")

    def test_duplicate_slug_is_refused_by_the_database(self):
        """The unique constraint holds even when a caller sets the slug itself."""
        make_article(slug="trung-lap")
        with self.assertRaises(IntegrityError):
            make_article(slug="trung-lap")

    def test_long_title_slug_fits_the_column(self):
        """A 500-character title still gives a slug within the column's 255."""
        article = make_article(title="Hợp tác " * 60)
        self.assertLessEqual(len(article.slug), 255)


class ArticleTextTests(TestCase):
    def test_text_is_stored_nfc(self):
        """Decomposed (NFD) input is stored composed, so search and equality work."""
        title = "Hiệp định dẫn độ"
        article = make_article(title=unicodedata.normalize("NFD", title))
        article.refresh_from_db()
        self.assertEqual(article.title, title)

    def test_body_is_sanitised_on_save(self):
        """Whatever reaches the body, no script or handler is stored."""
        article = make_article(body='<p onmouseover="x()">Tin</p><script>alert(1)</script>')
        article.refresh_from_db()
        self.assertEqual(article.body, "<p>Tin</p>")

    def test_tags_fold_their_slugs(self):
        """A Vietnamese tag has an ASCII slug; its name keeps the accents."""
        article = make_article()
        article.tags.add("Dẫn độ", "Interpol")
        tag = Tag.objects.get(name="Dẫn độ")
        self.assertEqual(tag.slug, "dan-do")
        self.assertEqual(sorted(article.tags.names()), ["Dẫn độ", "Interpol"])


class ArticleVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.past = make_article(title="Đã đăng", published_at=now - timedelta(days=1))
        cls.undated = make_article(title="Không rõ ngày", published_at=None, import_key="seed-000")
        cls.future = make_article(title="Hẹn giờ", published_at=now + timedelta(days=1))
        cls.draft = make_article(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
        cls.review = make_article(title="Chờ duyệt", status=Article.Status.REVIEW)
        cls.archived = make_article(title="Lưu trữ", status=Article.Status.ARCHIVED)

    def test_published_shows_only_what_readers_may_see(self):
        """Past and undated published articles are public; nothing else is."""
        self.assertCountEqual(Article.objects.published(), [self.past, self.undated])

    def test_future_published_at_is_scheduled_not_public(self):
        """A published article dated in the future waits, and appears once its time comes."""
        self.assertIs(self.future.is_public, False)
        self.assertNotIn(self.future, Article.objects.published())
        later = timezone.now() + timedelta(days=2)
        self.assertIn(self.future, Article.objects.published(now=later))

    def test_is_public_agrees_with_the_queryset(self):
        """The property and the queryset decide visibility the same way for every article."""
        public = set(Article.objects.published())
        for article in Article.objects.all():
            with self.subTest(article=article.title):
                self.assertIs(article.is_public, article in public)

    def test_latest_puts_unknown_dates_last(self):
        """Listings order by date, newest first, with undated articles after dated ones."""
        self.assertEqual(list(Article.objects.published().latest()), [self.past, self.undated])

    def test_editor_publishing_without_date_publishes_now(self):
        """An article written here and published without a date gets the current time."""
        before = timezone.now()
        article = make_article(published_at=None)
        self.assertGreaterEqual(article.published_at, before)

    def test_imported_article_without_date_keeps_it_unknown(self):
        """An imported page that gave no date is never given an invented one."""
        self.undated.refresh_from_db()
        self.assertIsNone(self.undated.published_at)

    def test_kinds(self):
        """articles() and briefs() split the two kinds of item."""
        brief = make_article(title="Tin vắn", kind=Article.Kind.BRIEF)
        self.assertIn(brief, Article.objects.briefs())
        self.assertNotIn(brief, Article.objects.articles())


class ArticleCounterTests(TestCase):
    def test_average_rating(self):
        """The average is the stored sum over the stored count, none without votes."""
        self.assertIsNone(make_article().average_rating)
        self.assertEqual(make_article(rating_sum=9, rating_count=2).average_rating, 4.5)

    def test_rating_totals_must_be_possible(self):
        """A sum outside count×1 … count×5 is refused by the database."""
        with self.assertRaises(IntegrityError):
            make_article(rating_sum=11, rating_count=2)

    def test_import_key_unique_but_optional(self):
        """Many articles may have no import key; two may not share one."""
        make_article(title="A")
        make_article(title="B")
        make_article(title="C", import_key="abc")
        with self.assertRaises(IntegrityError):
            make_article(title="D", import_key="abc")

    def test_most_viewed(self):
        """most_viewed() ranks by the view counter."""
        quiet = make_article(title="Ít xem", view_count=3)
        busy = make_article(title="Xem nhiều", view_count=55)
        self.assertEqual(list(Article.objects.most_viewed()), [busy, quiet])

    def test_relations(self):
        """Category, source, portal, author and featured flag are stored with the article."""
        category = Category.objects.create(name="Chính trị")
        source = Source.objects.create(name="CAND")
        portal = Portal.objects.create(name="ANTV", domain="antv.gov.vn")
        editor = make_user("editor")
        article = make_article(
            category=category, source=source, portal=portal, author=editor, byline="BT", is_featured=True
        )
        self.assertQuerySetEqual(Article.objects.featured(), [article])
        self.assertEqual(
            (article.category.slug, article.source.slug, article.portal.slug, article.author.username),
            ("chinh-tri", "cand", "antv", "editor"),
        )


class CategoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.news = Category.objects.create(name="Tin tức")
        cls.world = Category.objects.create(name="Thế giới", parent=cls.news)
        cls.asean = Category.objects.create(name="ASEAN", parent=cls.world)

    def test_ancestors_for_breadcrumbs(self):
        """ancestors() lists the path from the top category down."""
        self.assertEqual(self.asean.ancestors(), [self.news, self.world])
        self.assertEqual(list(self.news.children.all()), [self.world])

    def test_cycle_is_refused(self):
        """A category cannot move under one of its own descendants."""
        self.news.parent = self.asean
        with self.assertRaises(ValidationError) as raised:
            self.news.full_clean()
        self.assertEqual(raised.exception.error_dict["parent"][0].code, "category_cycle")

    def test_own_parent_is_refused_by_the_database(self):
        """Even past validation, a category cannot be its own parent."""
        with self.assertRaises(IntegrityError):
            Category.objects.filter(pk=self.news.pk).update(parent=self.news)

    def test_ordered_by_position(self):
        """Menus follow position, then name."""
        Category.objects.create(name="Z đầu tiên", position=0)
        self.news.position = 5
        self.news.save()
        self.assertEqual(Category.objects.filter(parent=None).first().name, "Z đầu tiên")


class ArticleImageTests(TestCase):
    def test_real_image_records_its_size(self):
        """An uploaded picture is read by Pillow and its dimensions stored."""
        image = ArticleImage.objects.create(
            article=make_article(), image=png_upload(size=(120, 80)), caption="Toàn cảnh Hội nghị."
        )
        self.assertEqual((image.width, image.height), (120, 80))
        self.assertIs(image.has_file, True)

    def test_imported_picture_without_file(self):
        """A scraped placeholder ("7-1.jpg") keeps its name and caption without a file."""
        article = make_article()
        image = ArticleImage.objects.create(
            article=article, original_filename="7-1.jpg", caption="Thứ trưởng Lương Tam Quang.", position=1
        )
        ArticleImage.objects.create(article=article, original_filename="7-0.jpg", position=0)
        self.assertIs(image.has_file, False)
        self.assertEqual([img.original_filename for img in article.images.all()], ["7-0.jpg", "7-1.jpg"])

    def test_non_image_is_refused_by_the_form(self):
        """The upload form (as the admin uses it) rejects a file Pillow cannot open."""
        form_class = modelform_factory(ArticleImage, fields=["article", "image", "caption"])
        form = form_class(
            data={"article": make_article().pk, "caption": "?"},
            files={"image": SimpleUploadedFile("x.png", b"not an image", "image/png")},
        )
        self.assertIs(form.is_valid(), False)
        self.assertEqual(form.errors.as_data()["image"][0].code, "invalid_image")


class UniqueSlugsTests(TestCase):
    def test_bulk_slugs_avoid_the_database_and_each_other(self):
        """Slugs for a bulk insert skip both stored slugs and those given earlier in the batch."""
        make_article(title="Tin vắn")
        batch = [Article(title="Tin vắn"), Article(title="Tin vắn"), Article(title="Tin khác")]
        unique_slugs(batch, [article.title for article in batch])
        self.assertEqual([a.slug for a in batch], ["tin-van-2", "tin-van-3", "tin-khac"])

    def test_a_batch_of_crowded_slugs_costs_two_queries(self):
        """However many titles of a batch are taken, the numbered slugs come from one more query."""
        for title in ("Tin vắn", "Tin vắn", "Tin khác", "Tin thứ ba"):
            make_article(title=title)
        titles = ["Tin vắn", "Tin khác", "Tin thứ ba", "Tin vắn", "Tin mới", "Tin mới"]
        batch = [Article(title=title) for title in titles]
        with self.assertNumQueries(2):
            unique_slugs(batch, titles)
        self.assertEqual(
            [a.slug for a in batch],
            ["tin-van-3", "tin-khac-2", "tin-thu-ba-2", "tin-van-4", "tin-moi", "tin-moi-2"],
        )

    def test_numbered_slugs_go_on_past_the_first_twenty(self):
        """When base-2 … base-21 are all taken the next free number is still found."""
        make_article(title="Tin vắn")
        Article.objects.bulk_create(
            Article(title="Tin vắn", slug=f"tin-van-{number}") for number in range(2, 22)
        )
        batch = [Article(title="Tin vắn")]
        unique_slugs(batch, ["Tin vắn"])
        self.assertEqual(batch[0].slug, "tin-van-22")
