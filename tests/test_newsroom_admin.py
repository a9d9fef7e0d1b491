"""The editors' newsroom: roles and what each may do by every path, revisions, edit conflicts, pictures."""

import io
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms import modelform_factory
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleImage, Category, Comment, Tag
from articles.publishing.roles import EDITOR, MODERATOR, REPORTER, ROLES, permissions_of
from tests.factories import make_article, make_user, png_upload

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def member_of(role, username=None):
    user = make_user(username or role, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def form_data(response, **changes):
    """What the browser would send back for an admin change form as rendered, with ``changes``."""
    data = {}
    adminform = response.context["adminform"]
    for name in adminform.form.fields:
        value = adminform.form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif hasattr(value, "isoformat") and name in ("published_at", "expires_at"):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
        else:
            data[name] = value
    if "tags" in adminform.form.fields:
        data["tags"] = adminform.form["tags"].value() or ""
        if not isinstance(data["tags"], str):
            data["tags"] = ", ".join(tag.name for tag in data["tags"])
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, form in enumerate(formset.initial_forms):
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False and not hasattr(value, "url"):
                    data[f"{formset.prefix}-{index}-{name}"] = getattr(value, "pk", value)
            data[f"{formset.prefix}-{index}-id"] = form.instance.pk
            data[f"{formset.prefix}-{index}-article"] = form.instance.article_id
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


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


class PictureUploadTests(TestCase):
    """Pictures go through the same form validation as the admin's inline."""

    def errors(self, upload):
        form = modelform_factory(ArticleImage, fields=["article", "image", "caption"])(
            data={"article": make_article().pk, "caption": ""}, files={"image": upload}
        )
        return [] if form.is_valid() else [error.code for error in form.errors.as_data()["image"]]

    def test_a_real_picture_is_accepted(self):
        self.assertEqual(self.errors(png_upload(size=(800, 600))), [])

    def test_a_text_file_named_png_is_refused(self):
        upload = SimpleUploadedFile("anh.png", b"not a picture", content_type="image/png")
        self.assertEqual(self.errors(upload), ["invalid_image"])

    def test_a_file_of_another_type_is_refused(self):
        buffer = io.BytesIO()
        Image.new("RGB", (300, 300)).save(buffer, format="BMP")
        upload = SimpleUploadedFile("anh.bmp", buffer.getvalue(), content_type="image/bmp")
        self.assertEqual(self.errors(upload), ["format"])

    @override_settings(IMAGE_MAX_BYTES=1000)
    def test_oversize_is_refused(self):
        self.assertEqual(self.errors(png_upload(size=(800, 600))), ["too_large"])

    def test_tiny_pictures_are_refused(self):
        self.assertEqual(self.errors(png_upload(size=(40, 30))), ["dimensions"])

    def test_a_decompression_bomb_is_refused(self):
        buffer = io.BytesIO()
        Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
        upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
        self.assertEqual(self.errors(upload), ["invalid_image"])


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


def picture_bytes(kind, size=(300, 200), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(10, 120, 200)).save(buffer, format=kind, **options)
    return buffer.getvalue()


class StoredPictureTests(TestCase):
    """What is stored of an accepted picture is only a picture."""

    def stored(self, name, data):
        image = ArticleImage.objects.create(article=make_article(), image=SimpleUploadedFile(name, data))
        with image.image.open("rb") as stored:
            return image, stored.read()

    def test_data_appended_to_a_gif_is_not_stored(self):
        payload = b"<html><script>alert(document.cookie)</script></html>"
        image, stored = self.stored("anh.gif", picture_bytes("GIF") + payload)
        self.assertNotIn(b"<script>", stored)
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual((picture.format, picture.size), ("GIF", (300, 200)))

    def test_exif_is_dropped_and_orientation_applied(self):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotated 90° clockwise
        exif[0x010F] = "Máy ảnh của phóng viên"
        image, stored = self.stored("anh.jpg", picture_bytes("JPEG", size=(300, 200), exif=exif))
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual(picture.size, (200, 300))
            self.assertEqual(dict(picture.getexif()), {})
        self.assertEqual((image.width, image.height), (200, 300))

    def test_the_stored_name_says_what_the_file_is(self):
        image, stored = self.stored("anh.png", picture_bytes("JPEG"))
        self.assertTrue(image.image.name.endswith(".jpg"))

    def test_an_animated_gif_keeps_its_frames(self):
        frames = [Image.new("RGB", (120, 120), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
        _image, stored = self.stored("dong.gif", buffer.getvalue() + b"trailing")
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual(picture.n_frames, 3)
        self.assertFalse(stored.endswith(b"trailing"))
