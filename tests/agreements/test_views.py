"""The knowledge pages: agencies, agreements, events and partner countries."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.dates import DatePrecision
from agreements.models import AgreementParty, ArticleAgency, ArticleAgreement
from tests.factories import make_agreement, make_article
from tests.helpers import ReaderSiteTestCase


class KnowledgePageTests(ReaderSiteTestCase):
    def test_agency_index_groups_by_country(self):
        response, html = self.get(reverse("agreements:agencies"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bộ Tư pháp Italy", html)
        self.assertIn(reverse("agreements:country", kwargs={"code": "it"}), html)

    def test_agency_page_lists_agreements_and_evidence(self):
        response, html = self.get(self.italy_ministry.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Hiệp định dẫn độ", html)
        self.assertIn("Tăng cường hợp tác dẫn độ với Italy", html)

    def test_agreement_page_shows_parties_signatories_date_and_evidence(self):
        response, html = self.get(self.treaty.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Carlo Nordio", html)
        self.assertIn("tháng 7/2023", html)
        self.assertIn("Rome", html)
        self.assertIn("Hai bên ký “Hiệp định dẫn độ”.", html)

    def test_rejected_records_are_not_found(self):
        response, _ = self.get(self.rejected.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_agreement_index_filters_and_charts(self):
        make_agreement(
            title="Bản ghi nhớ với Argentina",
            kind="mou",
            countries=["VN", "AR"],
            signed_on=date(2023, 4, 26),
            signed_precision=DatePrecision.DAY,
        )
        response, html = self.get(reverse("agreements:agreements"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("<svg", html)
        self.assertIn("Số văn bản ký theo năm", html)
        self.assertNotIn("Thỏa thuận bị bác", html)
        response, html = self.get(reverse("agreements:agreements") + "?country=AR")
        self.assertIn("Bản ghi nhớ với Argentina", html)
        self.assertNotIn(">Hiệp định dẫn độ<", html)
        response, html = self.get(
            reverse("agreements:agreements") + f"?partner={self.italy_ministry.slug}&year=2023"
        )
        self.assertIn(">Hiệp định dẫn độ<", html)
        self.assertNotIn("Bản ghi nhớ với Argentina", html)
        response, html = self.get(reverse("agreements:agreements") + "?kind=mou")
        self.assertNotIn(">Hiệp định dẫn độ<", html)

    def test_events_timeline_and_event_page(self):
        response, html = self.get(reverse("agreements:events"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("2021", html)
        self.assertIn("AMMTC 15", html)
        response, html = self.get(self.event.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("29/11/2021", html)
        self.assertIn("Hà Nội", html)

    def test_country_page_shows_partners_and_agreements(self):
        response, html = self.get(reverse("agreements:country", kwargs={"code": "it"}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bộ Tư pháp Italy", html)
        self.assertIn("Hiệp định dẫn độ", html)
        self.assertEqual(self.get(reverse("agreements:country", kwargs={"code": "zz"}))[0].status_code, 404)


class KnowledgeQueryBudgetTests(ReaderSiteTestCase):
    def test_agency_and_agreement_pages_take_the_same_queries_for_one_link_or_twenty(self):
        pages = [self.italy_ministry.get_absolute_url(), self.treaty.get_absolute_url()]
        self.client.get("/")  # the visit is counted on the first page
        before = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            before.append(len(queries))
        for number in range(20):
            article = make_article(title=f"Tin dẫn độ số {number}")
            ArticleAgency.objects.create(
                article=article, agency=self.italy_ministry, evidence="Bộ Tư pháp Italy"
            )
            ArticleAgreement.objects.create(
                article=article, agreement=self.treaty, evidence="Hiệp định dẫn độ"
            )
            other = make_agreement(title=f"Bản ghi nhớ số {number}")
            AgreementParty.objects.create(agreement=other, agency=self.italy_ministry)
        for url, expected in zip(pages, before, strict=True):
            with self.subTest(url), self.assertNumQueries(expected):
                self.client.get(url)
        self.assertLessEqual(max(before), 8)
