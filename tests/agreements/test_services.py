import re

from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import (
    Agency,
    AgencyAlias,
    Agreement,
    AgreementParty,
    ArticleAgency,
    ArticleAgreement,
    ArticleEvent,
    Event,
    ReviewStatus,
)
from agreements.services import Linker, merge_agencies
from articles.importer.services import import_paths
from articles.models import Article
from articles.publishing.roles import EDITOR
from tests.factories import make_agency, make_agreement, make_article
from tests.helpers import SEEDS, change_url, form_data, member_of


def import_seed(prefix="*"):
    return list(import_paths(sorted(SEEDS.glob(f"{prefix}_*.txt"))))


def counts():
    return (
        Agency.objects.count(),
        Agreement.objects.count(),
        Event.objects.count(),
        ArticleAgency.objects.count(),
        ArticleAgreement.objects.count(),
        ArticleEvent.objects.count(),
    )


class ImportLinksRecordsTests(TestCase):
    def test_seed_000_gives_nine_suggested_agreements(self):
        """Importing seed 000 creates its nine agreements, suggested, each linked with its sentence."""
        import_seed("000")
        article = Article.objects.articles().get()
        agreements = Agreement.objects.filter(articles=article)
        self.assertEqual(agreements.filter(kind=Agreement.Kind.TREATY).count(), 4)
        # Besides the nine, the UN convention and its protocol on trafficking the article recalls.
        self.assertEqual(
            agreements.exclude(kind__in=[Agreement.Kind.CONVENTION, Agreement.Kind.PROTOCOL]).count(), 9
        )
        self.assertEqual(set(agreements.values_list("review_status", flat=True)), {ReviewStatus.SUGGESTED})
        argentina = agreements.get(title="Hiệp định về dẫn độ")
        self.assertEqual((argentina.signed_display, argentina.place), ("26/04/2023", "Argentina"))
        self.assertEqual(sorted(c.code for c in argentina.countries), ["AR", "VN"])
        self.assertEqual(
            set(AgreementParty.objects.filter(agreement=argentina).values_list("signatory", flat=True)),
            {"Lê Quốc Hùng", "Pablo Anselmo Tettamanti"},
        )
        link = ArticleAgreement.objects.get(article=article, agreement=argentina)
        self.assertTrue(link.evidence.startswith("Cũng trong tháng 4, nhân dịp tháp tùng"))
        self.assertEqual(link.review_status, ReviewStatus.SUGGESTED)

    def test_known_agencies_are_reused_not_duplicated(self):
        """Every spelling of the Vietnamese ministry links to the one gazetteer agency."""
        import_seed()
        ministry = Agency.objects.get(name="Bộ Công an", country="VN")
        self.assertEqual(ministry.review_status, ReviewStatus.CONFIRMED)
        self.assertEqual(Agency.objects.filter(name="Bộ Công an", country="VN").count(), 1)
        self.assertEqual(ministry.articles.count(), 5)
        interpol = Agency.objects.get(short_name="Interpol")
        self.assertEqual(interpol.articles.count(), 2)

    def test_reimport_creates_no_duplicates(self):
        """A second import leaves every record and link as it was."""
        import_seed()
        before = counts()
        Linker().link(Article.objects.articles().first())
        import_seed()
        self.assertEqual(counts(), before)

    def test_events_from_the_seeds(self):
        """AMMTC 14 and 15, ASOD 38, UNGASS 2016, operation 568P, the Lianyungang forum, the Interpol talks."""
        import_seed()
        labels = set(Event.objects.values_list("acronym", "ordinal"))
        self.assertLessEqual({("AMMTC", 14), ("AMMTC", 15), ("ASOD", 38), ("UNGASS", None)}, labels)
        forum = Event.objects.get(name="Diễn đàn Hợp tác an ninh cộng đồng toàn cầu năm 2023")
        self.assertEqual((forum.date_display, forum.country.code), ("19/09/2023 – 21/09/2023", "CN"))
        self.assertTrue(Event.objects.filter(name="Chuyên án 568P", kind=Event.Kind.OPERATION).exists())
        talks = Event.objects.get(kind=Event.Kind.TALKS, participants__short_name="Interpol")
        self.assertEqual(set(talks.participants.values_list("short_name", flat=True)), {"BCA", "Interpol"})


class RejectedSuggestionsTests(TestCase):
    def test_rejected_agency_is_not_recreated_or_linked(self):
        """An agency an editor rejected stays rejected and unlinked after a re-import."""
        import_seed("002")
        police = Agency.objects.get(name="Cảnh sát", country="KH")
        police.review_status = ReviewStatus.REJECTED
        police.save()
        ArticleAgency.objects.filter(agency=police).delete()
        Article.objects.update(content_hash="")  # as if the page had been re-scraped with changes
        import_seed("002")
        self.assertEqual(Agency.objects.filter(name="Cảnh sát", country="KH").count(), 1)
        self.assertFalse(ArticleAgency.objects.filter(agency=police).exists())

    def test_rejected_link_is_not_recreated(self):
        """A link an editor rejected is not suggested again."""
        import_seed("004")
        link = ArticleAgency.objects.get(agency__short_name="Interpol")
        link.review_status = ReviewStatus.REJECTED
        link.save()
        Linker().link(link.article)
        link.refresh_from_db()
        self.assertEqual(link.review_status, ReviewStatus.REJECTED)
        self.assertEqual(ArticleAgency.objects.filter(agency__short_name="Interpol").count(), 1)


class MergeAgenciesTests(TestCase):
    def test_merge_moves_every_link_to_the_survivor(self):
        """Links, parties, aliases and names of the merged agency move to the survivor."""
        survivor = make_agency(name="Cục Cảnh sát giao thông")
        duplicate = make_agency(name="Cục CSHS", short_name="")
        article, other_article = make_article(), make_article(title="Tin khác")
        ArticleAgency.objects.create(article=article, agency=survivor, evidence="a")
        ArticleAgency.objects.create(article=article, agency=duplicate, evidence="b")
        ArticleAgency.objects.create(article=other_article, agency=duplicate, evidence="c")
        treaty = make_agreement()
        AgreementParty.objects.create(agreement=treaty, agency=duplicate, signatory="Nguyễn Văn A")
        merge_agencies(survivor=survivor, others=[duplicate])
        self.assertFalse(Agency.objects.filter(pk=duplicate.pk).exists())
        self.assertEqual(ArticleAgency.objects.filter(agency=survivor).count(), 2)
        self.assertEqual(AgreementParty.objects.get(agreement=treaty).agency, survivor)
        self.assertIn("Cục CSHS", survivor.aliases.values_list("name", flat=True))


class ReviewAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def post_action(self, model, action, objects):
        url = reverse(f"admin:agreements_{model._meta.model_name}_changelist")
        data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [o.pk for o in objects]}
        return self.client.post(url, data, follow=True)

    def test_confirm_and_reject_in_bulk(self):
        """Suggested agreements are confirmed or rejected from the list in one go."""
        first, second = make_agreement(review_status="suggested"), make_agreement(review_status="suggested")
        response = self.post_action(Agreement, "confirm", [first, second])
        self.assertContains(response, "Đã đánh dấu 2 mục là đã xác nhận.")
        self.assertEqual(set(Agreement.objects.values_list("review_status", flat=True)), {"confirmed"})
        self.post_action(Agreement, "reject", [first])
        first.refresh_from_db()
        self.assertEqual(first.review_status, "rejected")

    def test_confirming_a_record_confirms_the_links_suggested_with_it(self):
        """The evidence an editor read is checked with the record: no link stays 'suggested' behind it."""
        treaty = make_agreement(review_status="suggested")
        other = make_agreement(title="Bản ghi nhớ khác", review_status="suggested")
        article = make_article(title="Ký hiệp định dẫn độ")
        ArticleAgreement.objects.create(
            article=article, agreement=treaty, evidence="Hai bên ký.", review_status="suggested"
        )
        ArticleAgreement.objects.create(
            article=article, agreement=other, evidence="Bàn về.", review_status="suggested"
        )
        response = self.post_action(Agreement, "confirm", [treaty])
        self.assertContains(response, "1 liên kết từ bài viết được đề xuất cùng hồ sơ cũng đã được xác nhận.")
        statuses = dict(ArticleAgreement.objects.values_list("agreement__title", "review_status"))
        self.assertEqual(statuses, {treaty.title: "confirmed", "Bản ghi nhớ khác": "suggested"})

    def test_each_record_in_the_list_shows_its_evidence_sentence_and_source_article(self):
        treaty = make_agreement(review_status="suggested")
        for title in ("Ký hiệp định dẫn độ", "Bài thứ hai"):
            ArticleAgreement.objects.create(
                article=make_article(title=title),
                agreement=treaty,
                evidence=f"Hai bên ký ({title}).",
                review_status="suggested",
            )
        url = reverse("admin:agreements_agreement_changelist")
        with CaptureQueriesContext(connection) as one_record:
            listing = self.client.get(url)
        for n in range(3):
            ArticleAgreement.objects.create(
                article=make_article(title=f"Bài {n}"),
                agreement=make_agreement(title=f"Bản ghi nhớ {n}"),
                evidence="Ký.",
            )
        with CaptureQueriesContext(connection) as four_records:
            self.client.get(url)
        self.assertEqual(len(four_records), len(one_record))  # the evidence is not fetched row by row
        html = listing.content.decode()
        self.assertInHTML('<q class="evidence-quote">Hai bên ký (Ký hiệp định dẫn độ).</q>', html)
        self.assertIn("Ký hiệp định dẫn độ</a>", html)
        self.assertIn("và 1 bài khác", html)

    def test_country_fields_are_searchable_vietnamese_names_without_duplicates(self):
        form = self.client.get(reverse("admin:agreements_agreement_add")).content.decode()
        self.assertIn('class="country-autocomplete"', form)
        self.assertIn("js/admin-countries.js", form)
        names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', form)
        self.assertGreater(len(names), 240)
        self.assertEqual(len(names), len(set(names)))
        self.assertIn("Hoa Kỳ", names)

    def test_a_merged_agencys_old_address_leads_to_the_survivor(self):
        kept = make_agency(name="Cục Cảnh sát giao thông")
        merged = make_agency(name="Cục CSHS", short_name="", review_status="suggested")
        old_url = merged.get_absolute_url()
        self.post_action(Agency, "merge", [merged, kept])
        self.assertRedirects(self.client.get(old_url), kept.get_absolute_url(), status_code=301)
        self.assertEqual(self.client.get(reverse("agreements:agency", args=["khong-co"])).status_code, 404)

    def test_merge_action(self):
        """Merging from the agency list keeps the confirmed agency."""
        kept = make_agency(name="Cục Cảnh sát giao thông")
        merged = make_agency(name="Cục CSHS", short_name="", review_status="suggested")
        self.post_action(Agency, "merge", [merged, kept])
        self.assertQuerySetEqual(Agency.objects.filter(pk__in=[kept.pk, merged.pk]), [kept])
        self.assertTrue(AgencyAlias.objects.filter(agency=kept, name="Cục CSHS").exists())


class ExtractorFailureTests(TestCase):
    def test_a_failing_extractor_does_not_cost_the_import(self):
        """Should the extractor fail on a page, the article is still imported, unlinked, and the failure logged."""
        from unittest import mock

        with (
            mock.patch("agreements.services.extract", side_effect=RuntimeError("boom")),
            mock.patch("agreements.services.extract_page", side_effect=RuntimeError("boom")),
            self.assertLogs("articles.importer.pipeline", "ERROR"),
            self.assertLogs("agreements.services", "ERROR"),
        ):
            reports = import_seed("004")
        self.assertEqual([r.status for r in reports], ["created"])
        self.assertFalse(ArticleAgency.objects.exists())


class EditedArticleTests(TestCase):
    def test_an_article_an_editor_saves_gets_its_records_suggested_after_the_save(self):
        """The editor's save only queues the reading; once committed, the article's records are suggested."""
        editor = member_of(EDITOR)
        self.client.force_login(editor)
        article = make_article(
            title="Việt Nam và Italy ký Hiệp định dẫn độ",
            lead="Ngày 19/7/2023, tại Rôma, Bộ trưởng Tô Lâm và Bộ trưởng Tư pháp Italy Carlo Nordio đã ký Hiệp định dẫn độ giữa Việt Nam và Italy.",
            body="<p>Hai bên cũng ký Hiệp định về chuyển giao người bị kết án phạt tù.</p>",
        )
        response = self.client.get(change_url(article))
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(change_url(article), form_data(response))
        self.assertFalse(Agreement.objects.filter(articles=article).exists())  # not during the save
        for callback in callbacks:
            callback()
        treaty = Agreement.objects.get(articles=article, title__startswith="Hiệp định dẫn độ")
        self.assertEqual(
            (treaty.kind, treaty.review_status, sorted(c.code for c in treaty.countries)),
            (Agreement.Kind.TREATY, ReviewStatus.SUGGESTED, ["IT", "VN"]),
        )
        self.assertEqual(treaty.signed_display, "19/07/2023")
