from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from agreements.dates import DatePrecision
from agreements.models import AgencyAlias, AgreementParty, ArticleAgency, ArticleAgreement, ArticleEvent
from articles.models import (
    Article,
    ArticleDailyViews,
    ArticleImage,
    ArticleImport,
    Category,
    Comment,
    DailyVisits,
    Rating,
)
from tests.factories import make_agency, make_agreement, make_article, make_event, make_user


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class AdminPagesTests(TestCase):
    """Every model has a working admin: list, search, add and change pages."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
        category = Category.objects.create(name="Chính trị")
        article = make_article(category=category, rating_sum=9, rating_count=2)
        article.tags.add("Interpol")
        ArticleImage.objects.create(article=article, original_filename="7-1.jpg", caption="Toàn cảnh.")
        ArticleImport.objects.create(
            article=article,
            file_name="seeds/000.txt",
            action="updated",
            changed_fields=["body"],
            content_hash="0" * 64,
        )
        reader = make_user()
        Comment.objects.create(article=article, user=reader, body="Bình luận chờ duyệt.")
        Rating.objects.create(article=article, user=reader, voter_key=f"user:{reader.pk}", score=4)
        ArticleDailyViews.objects.create(article=article, day=date(2026, 11, 24), views=3)
        DailyVisits.objects.create(day=date(2026, 11, 24), visits=5, page_views=9)
        agency = make_agency()
        AgencyAlias.objects.create(agency=agency, name="Cục CSHS")
        event = make_event(acronym="AMMTC", ordinal=15)
        agreement = make_agreement(
            signed_on=date(2023, 4, 26), signed_precision=DatePrecision.DAY, event=event
        )
        AgreementParty.objects.create(agreement=agreement, agency=agency, signatory="Lê Quốc Hùng")
        ArticleAgency.objects.create(article=article, agency=agency, evidence="Bộ Công an đã ký.")
        ArticleAgreement.objects.create(article=article, agreement=agreement, evidence="…")
        ArticleEvent.objects.create(article=article, event=event, evidence="…")

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_every_changelist_renders_and_searches(self):
        """Each registered model's list page answers, with and without a search."""
        for model, model_admin in admin.site._registry.items():
            with self.subTest(model=model.__name__):
                url = admin_url(model, "changelist")
                self.assertEqual(self.client.get(url).status_code, 200)
                if model_admin.get_search_fields(None):
                    self.assertEqual(self.client.get(url, {"q": "công an"}).status_code, 200)

    def test_every_object_has_a_change_page(self):
        """Each stored object opens in the admin."""
        for model in admin.site._registry:
            obj = model._default_manager.first()
            if obj is None:
                continue
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(admin_url(model, "change", obj.pk)).status_code, 200)

    def test_add_pages_render_except_for_counters(self):
        """Editors can add content; readers' counters are written by the site only."""
        # Counters and logs are written by the site (the audit log too); task results
        # by the task worker; sign-in attempts by django-axes.
        counters = {Rating, ArticleDailyViews, DailyVisits, ArticleImport, DBTaskResult, LogEntry}
        counters |= {AccessAttempt, AccessFailureLog, AccessLog}
        for model in admin.site._registry:
            with self.subTest(model=model.__name__):
                expected = 403 if model in counters else 200
                self.assertEqual(self.client.get(admin_url(model, "add")).status_code, expected)

    def test_article_list_shows_rating_and_pending_comments(self):
        """The article list shows the average rating and comments waiting."""
        response = self.client.get(admin_url(Article, "changelist"))
        self.assertContains(response, '<td class="field-average_rating">4,5</td>', html=True)
        self.assertContains(response, '<td class="field-pending_comments">1</td>', html=True)

    def test_autocomplete_finds_agency_by_alias(self):
        """The party picker finds an agency under any of its names."""
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "agreements",
                "model_name": "agreementparty",
                "field_name": "agency",
                "term": "CSHS",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["results"]), 1)


class AdminAccessTests(TestCase):
    def test_readers_never_reach_the_admin(self):
        """A logged-in reader without staff status is sent to the admin login."""
        self.client.force_login(make_user())
        response = self.client.get(reverse("admin:index"))
        self.assertRedirects(response, f"{reverse('admin:login')}?next={reverse('admin:index')}")

    def test_login_page_is_vietnamese_by_default(self):
        """Without a language choice the admin speaks Vietnamese."""
        response = self.client.get(reverse("admin:login"), follow=True)
        self.assertEqual(response.redirect_chain[-1][0], f"{reverse('two_factor:login')}?next=/admin/")
        self.assertContains(response, "Quản trị Newsroom")
        self.assertContains(response, '<html lang="vi"', html=False)
