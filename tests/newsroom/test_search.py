"""The search contract, the same on SQLite and PostgreSQL (CI runs this file on both), the search page and its protections."""

from datetime import date
from unittest import mock

from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import TestCase, override_settings
from django.urls import reverse

from agreements.dates import DatePrecision
from agreements.models import ReviewStatus
from articles.models import Article, Category
from articles.search import search_transaction
from newsroom.search import search
from tests.factories import make_agency, make_agreement, make_article, make_event


class SearchContractTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = Category.objects.create(name="Thế giới")
        cls.in_title = make_article(
            title="Hợp tác dẫn độ Việt Nam – Italy", body="<p>Hai bên ký kết.</p>", category=cls.category
        )
        cls.in_body = make_article(title="Tin tổng hợp", body="<p>Về hợp tác dẫn độ tội phạm.</p>")
        cls.one_word = make_article(title="Hợp tác kinh tế", body="<p>Không nói chuyện kia.</p>")
        cls.draft = make_article(title="Hợp tác dẫn độ (nháp)", status=Article.Status.DRAFT)
        cls.agency = make_agency(name="Lực lượng Cảnh sát Đặc nhiệm Quốc tế", short_name="IPSF", country="")
        cls.agreement = make_agreement(
            title="Hiệp định dẫn độ",
            countries=["VN", "AR"],
            signed_on=date(2023, 4, 26),
            signed_precision=DatePrecision.DAY,
        )
        cls.rejected = make_agreement(title="Hiệp định dẫn độ bị bác", review_status=ReviewStatus.REJECTED)
        cls.event = make_event(
            name="Hội đàm với IPSF", start_on=date(2023, 7, 6), date_precision=DatePrecision.DAY
        )

    def titles(self, results, kind):
        return [
            str(record.title if kind in ("article", "agreement") else record.name)
            for record in results.by_kind[kind]
        ]

    def test_query_without_accents_finds_accented_text_ranked_title_first(self):
        results = search("hop tac dan do")
        self.assertEqual(self.titles(results, "article"), [self.in_title.title, self.in_body.title])

    def test_accented_query_and_d_fold_the_same_way(self):
        self.assertEqual(
            self.titles(search("HỢP TÁC ĐẪN ĐỘ"), "article"), self.titles(search("hop tac dan do"), "article")
        )
        self.assertEqual(self.titles(search("dan do"), "agreement"), ["Hiệp định dẫn độ"])

    def test_every_word_must_match_as_a_whole_word(self):
        self.assertEqual(search("hop tac kin").by_kind["article"].count(), 0)
        self.assertEqual(search("hop tac kinh").by_kind["article"].count(), 1)
        self.assertEqual(search("hop ta").by_kind["article"].count(), 0)

    def test_unpublished_and_rejected_records_are_never_found(self):
        results = search("dan do")
        self.assertNotIn(self.draft.title, self.titles(results, "article"))
        self.assertNotIn(self.rejected.title, self.titles(results, "agreement"))

    def test_agencies_found_by_acronym_and_events_by_name(self):
        results = search("ipsf")
        self.assertEqual(self.titles(results, "agency"), ["Lực lượng Cảnh sát Đặc nhiệm Quốc tế"])
        self.assertEqual(self.titles(results, "event"), ["Hội đàm với IPSF"])
        self.assertEqual(self.titles(search("luc luong dac nhiem"), "agency"), [self.agency.name])

    def test_country_names_find_agreements_in_either_language(self):
        self.assertEqual(self.titles(search("argentina"), "agreement"), ["Hiệp định dẫn độ"])

    def test_filters_by_type_category_and_year(self):
        self.assertEqual(list(search("dan do", kind="agreement").by_kind), ["agreement"])
        by_category = search("dan do", category=self.category)
        self.assertEqual(list(by_category.by_kind), ["article"])
        self.assertEqual(self.titles(by_category, "article"), [self.in_title.title])
        self.assertEqual(self.titles(search("dan do", year=2023), "agreement"), ["Hiệp định dẫn độ"])
        self.assertEqual(self.titles(search("dan do", year=2019), "agreement"), [])
        self.assertNotIn("agency", search("ipsf", year=2023).by_kind)

    def test_empty_or_punctuation_only_query_finds_nothing(self):
        self.assertEqual(search("  ?! ").by_kind, {})


class SearchPageTests(TestCase):
    def test_search_page_shows_highlighted_results_per_type(self):
        make_article(title="Hợp tác dẫn độ", lead="Ký hiệp định dẫn độ với Italy.")
        response = self.client.get(reverse("search"), {"q": "dan do"})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<mark>dẫn</mark> <mark>độ</mark>", html)
        self.assertIn('value="dan do"', html)

    def test_search_page_paginates_one_type(self):
        for number in range(12):
            make_article(title=f"Hợp tác số {number}")
        response = self.client.get(reverse("search"), {"q": "hop tac", "type": "article", "page": 2})
        html = response.content.decode()
        self.assertIn("Trang 2 / 2", html)
        self.assertIn("q=hop+tac&amp;type=article&amp;page=1", html)

    def test_invalid_filters_are_reported_not_crashing(self):
        response = self.client.get(reverse("search"), {"q": "x", "year": "abc"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')


class SearchProtectionTests(TestCase):
    def setUp(self):
        cache.clear()

    @override_settings(SEARCH_RATE_PER_IP="2/m")
    def test_searches_are_rate_limited_per_address(self):
        for _ in range(2):
            self.assertEqual(self.client.get(reverse("search"), {"q": "hop tac"}).status_code, 200)
        response = self.client.get(reverse("search"), {"q": "hop tac"})
        self.assertContains(response, "Bạn tìm kiếm quá nhiều", status_code=429)
        other = self.client_class(REMOTE_ADDR="10.0.9.9")
        self.assertEqual(other.get(reverse("search"), {"q": "hop tac"}).status_code, 200)

    def test_a_search_cancelled_by_the_statement_timeout_says_so(self):
        with mock.patch("newsroom.views.search", side_effect=OperationalError("canceling statement")):
            response = self.client.get(reverse("search"), {"q": "hop tac"})
        self.assertContains(response, "quá lâu", status_code=503)
        self.assertContains(response, 'value="hop tac"', status_code=503)

    def test_no_statement_outlives_the_timeout_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite has no statement timeout")
        with self.assertRaises(OperationalError), search_transaction(50), connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")


class SuggestionTests(TestCase):
    def setUp(self):
        cache.clear()
        make_article(title="Hợp tác dẫn độ tội phạm với Italy")
        make_article(title="Hội đàm về phòng, chống ma túy")
        make_article(title="Bản nháp hợp tác", status=Article.Status.DRAFT)

    def suggest(self, typed):
        response = self.client.get(reverse("search_suggestions"), {"q": typed})
        return response, [item["title"] for item in response.json()["suggestions"]]

    def test_titles_holding_the_words_typed_the_last_as_a_beginning_without_accents(self):
        response, titles = self.suggest("hop ta")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(titles, ["Hợp tác dẫn độ tội phạm với Italy"])
        self.assertEqual(self.suggest("dan do toi")[1], ["Hợp tác dẫn độ tội phạm với Italy"])
        self.assertEqual(self.suggest("hoi da")[1], ["Hội đàm về phòng, chống ma túy"])

    def test_nothing_for_one_letter_and_no_draft_ever(self):
        self.assertEqual(self.suggest("h")[1], [])
        self.assertNotIn("Bản nháp hợp tác", self.suggest("ban nhap")[1])

    def test_each_suggestion_links_to_its_article(self):
        response = self.client.get(reverse("search_suggestions"), {"q": "italy"})
        self.assertEqual(
            response.json()["suggestions"][0]["url"],
            Article.objects.get(title__contains="Italy").get_absolute_url(),
        )

    @override_settings(SUGGEST_RATE_PER_IP="2/m")
    def test_suggestions_have_their_own_rate_limit(self):
        statuses = [self.suggest(f"ho{letter}")[0].status_code for letter in "pia"]
        self.assertEqual(statuses, [200, 200, 429])
