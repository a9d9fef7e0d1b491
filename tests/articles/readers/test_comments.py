"""Readers' comments: who may comment, abuse limits, moderation, counts on listings."""

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import Comment, CommentPolicy
from tests.factories import make_article, make_user
from tests.helpers import BROWSER, InteractionTestCase


class CommentPolicyTests(InteractionTestCase):
    def test_members_only_by_default_with_links_to_log_in_or_sign_up(self):
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("Bạn cần là thành viên để bình luận bài viết này.", html)
        self.assertIn(reverse("accounts:login"), html)
        self.assertIn(reverse("accounts:signup"), html)
        response = self.post_comment(name="Lan")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_member_comment_is_published_at_once(self):
        self.client.force_login(make_user("lan"))
        response = self.post_comment()
        self.assertEqual(response.status_code, 302)
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.APPROVED)
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Bài viết rất hữu ích.")

    def test_anonymous_comment_waits_and_only_its_author_sees_it_marked_pending(self):
        self.article.comment_policy = CommentPolicy.EVERYONE
        self.article.save()
        self.post_comment(name="Khách", email="khach@example.com")
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.PENDING)
        own = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("Bài viết rất hữu ích.", own)
        self.assertIn("đang chờ kiểm duyệt", own)
        self.assertNotContains(
            Client(**BROWSER).get(self.article.get_absolute_url()), "Bài viết rất hữu ích."
        )

    @override_settings(COMMENTS_MODERATION="all")
    def test_moderate_all_holds_members_but_not_staff(self):
        self.client.force_login(make_user("lan"))
        self.post_comment()
        staff = Client(**BROWSER)
        staff.force_login(make_user("editor", is_staff=True))
        self.post_comment("Ý kiến của biên tập viên.", client=staff)
        self.assertEqual(
            dict(Comment.objects.values_list("user__username", "status")),
            {"lan": Comment.Status.PENDING, "editor": Comment.Status.APPROVED},
        )

    def test_closed_article_refuses_everyone(self):
        self.article.comment_policy = CommentPolicy.CLOSED
        self.article.save()
        self.client.force_login(make_user("lan"))
        response = self.post_comment()
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Bài viết này đã đóng bình luận.", status_code=403)


class CommentAbuseTests(InteractionTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(make_user("lan"))

    def test_honeypot_is_refused_and_nothing_is_stored(self):
        response = self.post_comment(website="http://spam.example")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Bình luận của bạn không được chấp nhận.", status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_too_long_is_refused_and_the_text_is_kept(self):
        body = "chữ " * 600
        response = self.post_comment(body)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Bình luận quá dài", status_code=400)
        self.assertContains(response, body.strip()[:50], status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_empty_is_refused(self):
        response = self.post_comment("   ")
        self.assertContains(response, "Hãy viết nội dung trước khi gửi.", status_code=400)

    def test_duplicate_text_is_refused(self):
        self.post_comment("Rất hay!")
        response = self.post_comment("rất  HAY")
        self.assertContains(response, "Bạn đã gửi bình luận này rồi.", status_code=400)
        self.assertEqual(Comment.objects.count(), 1)

    @override_settings(COMMENT_RATE_PER_IP="3/h")
    def test_rate_limit_per_address(self):
        for number in range(3):
            self.assertEqual(self.post_comment(f"Ý kiến số {number}").status_code, 302)
        response = self.post_comment("Ý kiến thứ tư")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Bạn bình luận quá nhanh", status_code=429)
        self.assertEqual(Comment.objects.count(), 3)

    def test_csrf_token_is_required(self):
        client = Client(enforce_csrf_checks=True, **BROWSER)
        client.force_login(get_user_model().objects.get(username="lan"))
        self.assertEqual(self.post_comment(client=client).status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_replies_go_one_level_deep(self):
        self.post_comment("Gốc")
        root = Comment.objects.get()
        self.assertEqual(self.post_comment("Trả lời", parent=root.pk).status_code, 302)
        reply = Comment.objects.get(parent=root)
        response = self.post_comment("Trả lời của trả lời", parent=reply.pk)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Comment.objects.count(), 2)

    def test_text_is_escaped_and_links_are_clickable_only_once_allowed(self):
        self.post_comment("<script>alert(1)</script> xem https://example.com")
        comment = Comment.objects.get()
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertNotIn('href="https://example.com"', html)
        comment.links_approved = True
        comment.save()
        self.assertContains(self.client.get(self.article.get_absolute_url()), 'href="https://example.com"')


class CommentCountTests(InteractionTestCase):
    def test_listing_shows_comment_counts_without_a_query_per_article(self):
        url = reverse("articles:latest")
        Comment.objects.create(article=self.article, author_name="A", body="1", status="approved")
        self.client.get(url)
        with self.assertNumQueries(3) as few:
            self.client.get(url)
        for number in range(5):
            other = make_article(title=f"Bài {number}")
            Comment.objects.create(article=other, author_name="A", body="x", status="approved")
        with self.assertNumQueries(len(few.captured_queries)):
            html = self.client.get(url).content.decode()
        self.assertIn("1 bình luận", html)
