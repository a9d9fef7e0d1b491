"""The newsroom's desk on the admin's home page: each member of staff's work, counted and linked."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from agreements.models import ArticleAgreement, ReviewStatus
from articles.models import Article
from articles.publishing.desk import desk_items
from articles.publishing.roles import EDITOR, REPORTER
from tests.factories import make_agreement, make_article
from tests.helpers import member_of


class DeskTests(TestCase):
    def setUp(self):
        self.reporter = member_of(REPORTER, "phongvien")
        self.editor = member_of(EDITOR, "bientap")
        now = timezone.now()
        make_article(title="Nháp của tôi", status=Article.Status.DRAFT, author=self.reporter)
        make_article(title="Nháp của người khác", status=Article.Status.DRAFT, author=self.editor)
        make_article(title="Chờ duyệt", status=Article.Status.REVIEW, author=self.reporter)
        make_article(title="Hẹn giờ tuần này", published_at=now + timedelta(days=3))
        make_article(title="Vừa đăng", published_at=now - timedelta(hours=2))

    def counts(self, user):
        return {str(item.label): item.count for item in desk_items(user)}

    def test_a_reporter_sees_their_own_drafts_and_articles_in_review_only(self):
        self.assertEqual(self.counts(self.reporter), {"Bài nháp của tôi": 1, "Bài của tôi đang chờ duyệt": 1})

    def test_an_editor_also_sees_what_waits_for_review_is_scheduled_and_went_out(self):
        counts = self.counts(self.editor)
        self.assertEqual(counts["Bài nháp của tôi"], 1)
        self.assertEqual(counts["Chờ duyệt"], 1)
        self.assertEqual(counts["Hẹn giờ trong bảy ngày tới"], 1)
        self.assertEqual(counts["Đăng trong 24 giờ qua"], 1)

    def test_each_count_links_to_the_list_that_shows_those_articles(self):
        self.client.force_login(self.editor)
        for item in desk_items(self.editor):
            with self.subTest(str(item.label)):
                listing = self.client.get(item.url)
                self.assertEqual(listing.status_code, 200)
                if "Hẹn giờ hôm nay" not in str(item.label):
                    self.assertEqual(listing.context["cl"].result_count, item.count)

    def test_the_admin_home_shows_the_desk_and_the_links_waiting_for_fact_checking(self):
        article = Article.objects.get(title="Vừa đăng")
        ArticleAgreement.objects.create(
            article=article,
            agreement=make_agreement(review_status=ReviewStatus.CONFIRMED),
            evidence="Hai bên ký.",
            review_status=ReviewStatus.SUGGESTED,
        )
        self.client.force_login(self.editor)
        home = self.client.get(reverse("admin:index")).content.decode()
        self.assertIn("Bàn làm việc của tôi", home)
        self.assertIn("1 liên kết từ bài viết tới hồ sơ đang chờ kiểm chứng", home)
