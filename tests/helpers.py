"""Helpers several test modules share: signed-in staff, admin form data, readers' clients, the seeds, the reader site's data."""

import io
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from agreements.dates import DatePrecision
from agreements.models import AgreementParty, ArticleAgency, ArticleAgreement, ArticleEvent, ReviewStatus
from articles.models import Article, Category, Comment, Source
from tests.factories import make_agency, make_agreement, make_article, make_event, make_user

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


def comment_url(article):
    return reverse("articles:comment_create", kwargs={"slug": article.slug})


def rating_url(article):
    return reverse("articles:rating_create", kwargs={"slug": article.slug})


class InteractionTestCase(TestCase):
    def setUp(self):
        cache.clear()  # rate-limit counters
        self.article = make_article(title="Hợp tác phòng, chống ma túy")
        self.client = Client(**BROWSER)

    def post_comment(self, body="Bài viết rất hữu ích.", client=None, article=None, **fields):
        article = article or self.article
        return (client or self.client).post(comment_url(article), {"body": body, **fields})


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


def picture_bytes(kind, size=(300, 200), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(10, 120, 200)).save(buffer, format=kind, **options)
    return buffer.getvalue()


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
