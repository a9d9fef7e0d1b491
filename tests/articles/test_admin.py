"""The article admin: revisions, edit conflicts, tags, saving with pictures."""

from datetime import timedelta

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleImage, Tag
from articles.publishing.roles import EDITOR, MODERATOR, REPORTER
from tests.factories import make_article, make_user, png_upload
from tests.helpers import ADD, change_url, form_data, member_of


class RevisionTests(TestCase):
    def setUp(self):
        self.editor = member_of(EDITOR)
        self.client.force_login(self.editor)

    def test_every_save_keeps_a_revision_that_can_be_restored(self):
        article = make_article(title="Bản đầu")
        response = self.client.get(change_url(article))
        self.client.post(change_url(article), form_data(response, title="Bản sửa"))
        article.refresh_from_db()
        self.assertEqual(article.title, "Bản sửa")
        first = article.history.earliest()
        self.assertEqual(article.history.latest().history_user, self.editor)
        restore_url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
        response = self.client.get(restore_url)
        self.assertEqual(response.status_code, 200)
        self.client.post(restore_url, form_data(response))
        article.refresh_from_db()
        self.assertEqual(article.title, "Bản đầu")
        self.assertEqual(article.version, 3)  # restoring is a new save, never a step back

    def test_the_revisions_pages_read_in_vietnamese(self):
        article = make_article(title="Bản đầu")
        self.client.post(
            change_url(article), form_data(self.client.get(change_url(article)), title="Bản sửa")
        )
        change_form = self.client.get(change_url(article)).content.decode()
        self.assertIn(">Lịch sử<", change_form)
        self.assertNotIn("Bản ghi nhớ", change_form)  # Django's word for "History", a kind of agreement here
        history = self.client.get(
            reverse("admin:articles_article_history", args=[article.pk])
        ).content.decode()
        first = article.history.earliest()
        revert = self.client.get(
            reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
        ).content.decode()
        for page, english in [
            (history, ["Choose a date from the list below", "Changed by", "Date/time", ">None<", "entries"]),
            (revert, ["Press the 'Revert' button", "Revert article", ">History<"]),
        ]:
            for phrase in english:
                with self.subTest(phrase):
                    self.assertNotIn(phrase, page)
        self.assertIn("Chọn một thời điểm trong danh sách", history)
        self.assertIn("Người thay đổi", history)
        self.assertIn("Khôi phục", revert)

    def test_second_editor_is_told_the_article_changed_under_them(self):
        article = make_article(title="Gốc")
        other = member_of(EDITOR, "bientap2")
        mine = form_data(self.client.get(change_url(article)), title="Bản của tôi")
        theirs_client = self.client_class()
        theirs_client.force_login(other)
        theirs = form_data(theirs_client.get(change_url(article)), title="Bản của người kia")
        self.assertEqual(theirs_client.post(change_url(article), theirs).status_code, 302)
        response = self.client.post(change_url(article), mine)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "bientap2")
        article.refresh_from_db()
        self.assertEqual(article.title, "Bản của người kia")


class RestoringRevisionTests(TestCase):
    """Restoring a revision passes through the same rules as the change form."""

    def setUp(self):
        self.reporter = member_of(REPORTER)
        self.article = make_article(title="Bản đầu", status=Article.Status.REVIEW, author=self.reporter)
        self.first = self.article.history.latest()

    def restore(self, user):
        self.client.force_login(user)
        url = reverse("admin:articles_article_simple_history", args=[self.article.pk, self.first.history_id])
        response = self.client.get(url)
        if response.status_code != 200:
            return response
        return self.client.post(url, form_data(response))

    def test_a_reporter_restoring_keeps_the_publishing_decisions(self):
        when = timezone.now() + timedelta(days=3)
        self.article.is_featured, self.article.published_at, self.article.title = True, when, "Bản sửa"
        self.article.save()
        self.assertEqual(self.restore(self.reporter).status_code, 302)
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "Bản đầu")
        self.assertEqual((self.article.is_featured, self.article.published_at), (True, when))

    def test_a_reporter_cannot_restore_an_article_they_may_no_longer_edit(self):
        self.article.status, self.article.title = Article.Status.PUBLISHED, "Đã đăng"
        self.article.save()
        self.assertEqual(self.restore(self.reporter).status_code, 403)
        self.article.refresh_from_db()
        self.assertEqual((self.article.status, self.article.title), (Article.Status.PUBLISHED, "Đã đăng"))

    def test_restoring_keeps_the_readers_counters(self):
        Article.objects.filter(pk=self.article.pk).update(view_count=120, rating_sum=9, rating_count=2)
        self.assertEqual(self.restore(member_of(EDITOR)).status_code, 302)
        self.article.refresh_from_db()
        self.assertEqual(
            (self.article.view_count, self.article.rating_sum, self.article.rating_count), (120, 9, 2)
        )


class TagSuggestionTests(TestCase):
    def test_suggestions_match_without_accents_most_used_first(self):
        rare = make_article(title="Một")
        rare.tags.add("Dẫn độ tội phạm")
        for number in range(2):
            make_article(title=f"Bài {number}").tags.add("Dân sự")
        make_article(title="Khác").tags.add("Interpol")
        self.client.force_login(member_of(REPORTER))
        response = self.client.get(reverse("admin:articles_tag_suggestions"), {"q": "dan"})
        self.assertEqual(response.json()["tags"], ["Dân sự", "Dẫn độ tội phạm"])
        self.assertEqual(Tag.objects.count(), 3)

    def test_only_staff_who_may_see_tags_get_suggestions(self):
        self.client.force_login(make_user("bandoc"))
        response = self.client.get(reverse("admin:articles_tag_suggestions"), {"q": "dan"})
        self.assertEqual(response.status_code, 302)
        self.client.force_login(member_of(MODERATOR))
        self.assertEqual(
            self.client.get(reverse("admin:articles_tag_suggestions"), {"q": "dan"}).status_code, 403
        )

    def test_the_article_form_offers_them(self):
        self.client.force_login(member_of(EDITOR))
        html = self.client.get(ADD).content.decode()
        self.assertIn('list="tags-suggestions"', html)
        self.assertIn(reverse("admin:articles_tag_suggestions"), html)


class SavingWithPicturesTests(TestCase):
    """An article whose picture is already stored keeps saving through its change form."""

    def setUp(self):
        self.client.force_login(member_of(EDITOR))

    def test_an_article_with_a_stored_picture_saves_again_and_again(self):
        article = make_article(title="Có ảnh")
        ArticleImage.objects.create(article=article, image=png_upload(size=(400, 300)), caption="Ảnh")
        for title in ("Sửa lần một", "Sửa lần hai"):
            response = self.client.get(change_url(article))
            response = self.client.post(change_url(article), form_data(response, title=title))
            self.assertEqual(response.status_code, 302)
            article.refresh_from_db()
            self.assertEqual(article.title, title)

    def test_a_new_picture_is_added_beside_a_stored_one(self):
        article = make_article(title="Có ảnh")
        ArticleImage.objects.create(article=article, image=png_upload(size=(400, 300)), caption="Ảnh cũ")
        data = form_data(self.client.get(change_url(article)))
        prefix = "images"
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 2,
                f"{prefix}-1-image": png_upload("moi.png", size=(500, 400)),
                f"{prefix}-1-caption": "Ảnh mới",
                f"{prefix}-1-position": 1,
                f"{prefix}-1-article": article.pk,
            }
        )
        self.assertEqual(self.client.post(change_url(article), data).status_code, 302)
        self.assertEqual([image.caption for image in article.images.all()], ["Ảnh cũ", "Ảnh mới"])

    def test_two_lead_pictures_are_refused_with_a_message_and_nothing_is_lost(self):
        article = make_article(title="Có ảnh")
        ArticleImage.objects.create(article=article, image=png_upload(size=(400, 300)), caption="Một")
        ArticleImage.objects.create(
            article=article, image=png_upload(size=(400, 300)), caption="Hai", position=1
        )
        data = form_data(self.client.get(change_url(article)), title="Tiêu đề mới")
        data.update({"images-0-is_lead": "on", "images-1-is_lead": "on"})
        response = self.client.post(change_url(article), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Chỉ một ảnh được làm ảnh đại diện")
        article.refresh_from_db()
        self.assertEqual(article.title, "Có ảnh")
        data.pop("images-1-is_lead")
        self.assertEqual(self.client.post(change_url(article), data).status_code, 302)
        self.assertEqual([p.caption for p in article.images.filter(is_lead=True)], ["Một"])


class RevisionTimeTests(TestCase):
    """Feeds and search engines are told an article changed only when its text did."""

    def setUp(self):
        self.client.force_login(member_of(EDITOR))
        self.article = make_article(title="Bài cũ", published_at=timezone.now() - timedelta(days=400))

    def test_an_editors_change_to_the_text_is_a_revision(self):
        self.assertEqual(self.article.modified_at, self.article.published_at)
        response = self.client.post(
            change_url(self.article), form_data(self.client.get(change_url(self.article)), title="Bài đã sửa")
        )
        self.assertEqual(response.status_code, 302)
        self.article.refresh_from_db()
        self.assertGreater(self.article.modified_at, timezone.now() - timedelta(minutes=1))

    def test_a_change_readers_do_not_read_is_not(self):
        data = form_data(self.client.get(change_url(self.article)), is_featured="on")
        self.assertEqual(self.client.post(change_url(self.article), data).status_code, 302)
        self.article.refresh_from_db()
        self.assertIsNone(self.article.revised_at)
        self.assertEqual(self.article.modified_at, self.article.published_at)


class ScheduledArticleTests(TestCase):
    def setUp(self):
        self.client.force_login(member_of(EDITOR))
        going_out = timezone.make_aware(timezone.datetime(2099, 5, 14, 8, 30))
        self.scheduled = make_article(title="Bài hẹn giờ đăng", published_at=going_out)
        self.live = make_article(title="Bài đang hiển thị")

    def test_a_scheduled_article_is_listed_as_scheduled_and_has_its_own_filter(self):
        listing = self.client.get(reverse("admin:articles_article_changelist")).content.decode()
        self.assertIn("hẹn giờ", listing)
        filtered = self.client.get(reverse("admin:articles_article_changelist"), {"publication": "scheduled"})
        self.assertEqual([a.title for a in filtered.context["cl"].result_list], ["Bài hẹn giờ đăng"])
        live = self.client.get(reverse("admin:articles_article_changelist"), {"publication": "live"})
        self.assertEqual([a.title for a in live.context["cl"].result_list], ["Bài đang hiển thị"])

    def test_the_preview_says_when_a_scheduled_article_goes_out(self):
        preview = self.client.get(reverse("articles:article_preview", args=[self.scheduled.pk]))
        self.assertContains(preview, "08:30, 14/05/2099")


class PictureInlineTests(TestCase):
    def test_each_stored_picture_shows_as_a_thumbnail_in_the_form(self):
        self.client.force_login(member_of(EDITOR))
        article = make_article(title="Bài có ảnh")
        ArticleImage.objects.create(article=article, image=png_upload(size=(640, 480)), caption="Toàn cảnh")
        form = self.client.get(change_url(article)).content.decode()
        self.assertRegex(form, r'field-thumbnail">\s*<p><img src="/media/renditions/[^"]+-160w.webp"')
        self.assertIn("640 × 480", form)


class EditLockTests(TestCase):
    def setUp(self):
        cache.clear()
        self.article = make_article(title="Bài đang sửa")
        self.first, self.second = self.client_class(), self.client_class()
        self.first.force_login(member_of(EDITOR, "bientap1"))
        self.second.force_login(member_of(EDITOR, "bientap2"))

    def test_a_second_editor_is_told_who_has_the_article_open_and_may_take_over(self):
        self.first.get(change_url(self.article))
        page = self.second.get(change_url(self.article)).content.decode()
        self.assertIn("Bientap1 đang mở bài viết này từ", page)
        self.assertIn("?take_over=1", page)
        self.second.get(change_url(self.article) + "?take_over=1")
        self.assertIn(
            "Bientap2 đang mở bài viết này từ", self.first.get(change_url(self.article)).content.decode()
        )

    def test_saving_releases_the_article_and_the_lock_never_blocks_a_save(self):
        mine = form_data(self.first.get(change_url(self.article)), title="Bài đã sửa")
        self.second.get(change_url(self.article) + "?take_over=1")
        self.assertEqual(self.first.post(change_url(self.article), mine).status_code, 302)
        theirs = self.second.get(change_url(self.article))
        self.assertNotContains(theirs, "đang mở bài viết này")
        self.second.post(change_url(self.article), form_data(theirs, title="Bài sửa lần hai"))
        self.assertNotContains(self.first.get(change_url(self.article)), "đang mở bài viết này")
