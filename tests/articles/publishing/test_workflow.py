"""Roles and the publishing workflow, by every path."""

import io
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category, Comment
from articles.publishing.roles import EDITOR, MODERATOR, REPORTER, ROLES, permissions_of
from tests.factories import make_article, make_user
from tests.helpers import ADD, CHANGELIST, change_url, form_data, member_of


class RoleTests(TestCase):
    def test_roles_have_exactly_their_permissions(self):
        for role in ROLES:
            with self.subTest(role):
                granted = {
                    f"{p.content_type.app_label}.{p.codename}"
                    for p in Group.objects.get(name=role).permissions.select_related("content_type")
                }
                self.assertEqual(granted, set(permissions_of(role)))

    def test_other_apps_grant_roles_their_own_permissions(self):
        """The cooperation record's permissions reach the roles through agreements' grant, not a list here."""
        editor = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=EDITOR).permissions.all()
        }
        self.assertIn("agreements.change_agreement", editor)
        self.assertNotIn("agreements.change_agreement", ROLES[EDITOR])

    def test_only_editors_hold_the_publish_permission(self):
        holders = Permission.objects.get(codename="publish_article").group_set.values_list("name", flat=True)
        self.assertEqual(list(holders), [EDITOR])


class ReporterTests(TestCase):
    def setUp(self):
        self.reporter = member_of(REPORTER)
        self.client.force_login(self.reporter)

    def test_reporter_writes_a_draft_and_sends_it_for_review(self):
        response = self.client.get(ADD)
        status_choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
        self.assertEqual(status_choices, ["draft", "review"])
        data = form_data(
            response, title="Bài của phóng viên", slug="bai-cua-phong-vien", status="review", body="<p>x</p>"
        )
        response = self.client.post(ADD, data)
        self.assertEqual(
            response.status_code, 302, response.context and response.context["adminform"].form.errors
        )
        article = Article.objects.get()
        self.assertEqual((article.status, article.author), (Article.Status.REVIEW, self.reporter))

    def test_reporter_cannot_publish_through_the_form(self):
        article = make_article(status=Article.Status.DRAFT, author=self.reporter)
        response = self.client.get(change_url(article))
        response = self.client.post(change_url(article), form_data(response, status="published"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("status", response.context["adminform"].form.errors)
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.DRAFT)

    def test_reporter_cannot_publish_through_a_bulk_action_or_a_crafted_post(self):
        article = make_article(status=Article.Status.REVIEW, author=self.reporter)
        action_form = self.client.get(CHANGELIST).context["action_form"]
        offered = dict(action_form.fields["action"].choices) if action_form else {}
        self.assertNotIn("publish", offered)
        self.client.post(CHANGELIST, {"action": "publish", "_selected_action": [article.pk]})
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.REVIEW)

    def test_reporter_cannot_schedule_or_feature(self):
        article = make_article(status=Article.Status.DRAFT, author=self.reporter, published_at=None)
        response = self.client.get(change_url(article))
        future = timezone.localtime(timezone.now() + timedelta(days=1))
        data = form_data(
            response, is_featured="on", published_at_0=future.strftime("%Y-%m-%d"), published_at_1="08:00:00"
        )
        self.client.post(change_url(article), data)
        article.refresh_from_db()
        self.assertFalse(article.is_featured)
        self.assertIsNone(article.published_at)

    def test_reporter_edits_only_their_own_unpublished_articles(self):
        other = make_article(status=Article.Status.DRAFT, author=make_user("khac"))
        published = make_article(status=Article.Status.PUBLISHED, author=self.reporter)
        for article in (other, published):
            with self.subTest(article.title):
                before = article.title
                response = self.client.get(change_url(article))
                self.assertEqual(response.status_code, 200)  # view only
                self.assertFalse(response.context["has_change_permission"])
                self.client.post(change_url(article), {"title": "Đổi tên", "status": "draft"})
                article.refresh_from_db()
                self.assertEqual(article.title, before)


class EditorTests(TestCase):
    def setUp(self):
        self.editor = member_of(EDITOR)
        self.client.force_login(self.editor)

    def act(self, action, articles, **extra):
        return self.client.post(
            CHANGELIST, {"action": action, "_selected_action": [a.pk for a in articles], **extra}
        )

    def test_publish_schedule_unpublish_feature_and_archive(self):
        now_draft = make_article(title="Ngay", status=Article.Status.DRAFT, published_at=None)
        later = make_article(
            title="Hẹn", status=Article.Status.REVIEW, published_at=timezone.now() + timedelta(days=1)
        )
        self.act("publish", [now_draft, later])
        public = set(Article.objects.published().values_list("title", flat=True))
        self.assertIn("Ngay", public)
        self.assertNotIn("Hẹn", public)
        scheduled = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        self.assertEqual(list(scheduled.values_list("title", flat=True)), ["Hẹn"])
        self.act("feature", [now_draft])
        self.act("unpublish", [now_draft])
        now_draft.refresh_from_db()
        self.assertEqual((now_draft.status, now_draft.is_featured), (Article.Status.DRAFT, True))
        self.act("archive", [later])
        later.refresh_from_db()
        self.assertEqual(later.status, Article.Status.ARCHIVED)

    def test_move_to_category(self):
        category = Category.objects.create(name="Thế giới")
        article = make_article()
        self.act("move_to_category", [article], category=category.pk)
        article.refresh_from_db()
        self.assertEqual(article.category, category)

    def test_deleting_archives_for_editors_and_deletes_for_superusers(self):
        article = make_article()
        self.client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.ARCHIVED)
        self.client.force_login(make_user("root", is_staff=True, is_superuser=True))
        self.client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())

    def test_expiry_hides_then_archives_never_deletes(self):
        article = make_article(expires_at=timezone.now() - timedelta(minutes=1))
        self.assertFalse(Article.objects.published().filter(pk=article.pk).exists())
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)
        call_command("archive_expired", stdout=io.StringIO())
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.ARCHIVED)

    def test_preview_link_shows_a_draft_to_staff(self):
        article = make_article(status=Article.Status.DRAFT)
        response = self.client.get(change_url(article))
        preview = reverse("articles:article_preview", kwargs={"pk": article.pk})
        self.assertContains(response, preview)
        self.assertContains(self.client.get(preview), article.title)


class ModeratorTests(TestCase):
    def test_moderator_handles_comments_only(self):
        moderator = member_of(MODERATOR)
        self.client.force_login(moderator)
        article = make_article()
        comment = Comment.objects.create(article=article, author_name="Khách", body="Chờ")
        self.client.post(
            reverse("admin:articles_comment_changelist"),
            {"action": "approve", "_selected_action": [comment.pk]},
        )
        comment.refresh_from_db()
        self.assertEqual(comment.status, Comment.Status.APPROVED)
        self.assertFalse(self.client.get(change_url(article)).context["has_change_permission"])
        self.assertEqual(self.client.get(ADD).status_code, 403)
