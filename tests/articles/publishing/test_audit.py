"""The audit log: what editors did, who signed in to the admin, readable and never editable."""

from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory, TestCase
from django.urls import reverse

from articles.models import Article
from articles.publishing.roles import EDITOR
from tests.factories import make_article, make_user
from tests.helpers import member_of


class AuditLogTests(TestCase):
    def setUp(self):
        self.editor = member_of(EDITOR, "bientap")
        self.client.force_login(self.editor)

    def test_a_bulk_publish_is_logged_for_each_article_with_who_did_it(self):
        drafts = [make_article(title=f"Nháp {n}", status=Article.Status.DRAFT) for n in range(2)]
        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in drafts]},
        )
        entries = LogEntry.objects.filter(user=self.editor, change_message="Xuất bản")
        self.assertEqual(sorted(entry.object_repr for entry in entries), ["Nháp 0", "Nháp 1"])

    def test_staff_sign_ins_are_logged_and_readers_are_not(self):
        LogEntry.objects.all().delete()  # setUp's sign-in
        request = RequestFactory().get("/")
        user_logged_in.send(sender=get_user_model(), request=request, user=self.editor)
        user_logged_in.send(sender=get_user_model(), request=request, user=make_user("bandoc"))
        self.assertEqual(
            list(
                LogEntry.objects.filter(change_message="Đăng nhập trang quản trị").values_list(
                    "user__username", flat=True
                )
            ),
            ["bientap"],
        )

    def test_the_log_is_read_only_and_only_for_who_may_view_it(self):
        list_url = reverse("admin:admin_logentry_changelist")
        self.assertEqual(self.client.get(list_url).status_code, 403)
        chief = get_user_model().objects.create_superuser("tongbientap", "tbt@example.vn", "pw")
        self.client.force_login(chief)
        self.assertEqual(self.client.get(list_url).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:admin_logentry_add")).status_code, 403)
