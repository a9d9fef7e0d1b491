"""
The search contract, the same on SQLite and PostgreSQL (CI runs this file on both):
accent-insensitive, đ folds to d, every word must match as a whole word,
title matches rank first, snippets keep the original spelling.
"""

from datetime import date, timedelta
from unittest import mock

from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.dates import DatePrecision
from agreements.models import Agency, Agreement, Event, ReviewStatus
from articles.importer.bulk import insert_new
from articles.models import Article, Category
from articles.search import highlight, matching, search_transaction
from articles.text.searchable import MAX_WORD_LENGTH, index_text, search_words
from newsroom.search import search
from tests.factories import make_agency, make_agreement, make_article, make_event


class SearchWordsTests(TestCase):
    def test_folds_accents_case_and_d(self):
        self.assertEqual(search_words("Hợp tác DẪN ĐỘ, Đà Nẵng!"), ["hop", "tac", "dan", "do", "da", "nang"])

    def test_index_text_is_space_separated_words(self):
        self.assertEqual(index_text("Chuyên án 568P", "Covid-19"), "chuyen an 568p covid 19")

    def test_highlight_marks_words_in_the_original_spelling_and_escapes(self):
        snippet = highlight("Ký <Hiệp định> dẫn độ với Italy.", "hiep dinh dan do")
        self.assertEqual(
            str(snippet),
            "Ký &lt;<mark>Hiệp</mark> <mark>định</mark>&gt; <mark>dẫn</mark> <mark>độ</mark> với Italy.",
        )

    def test_highlight_cuts_around_the_first_match(self):
        text = "mở đầu " * 100 + "Interpol " + "kết thúc " * 100
        snippet = str(highlight(text, "interpol"))
        self.assertIn("<mark>Interpol</mark>", snippet)
        self.assertTrue(snippet.startswith("… ") and snippet.endswith(" …"))
        self.assertLess(len(snippet), 260)


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


class IndexTextTests(TestCase):
    def test_dashes_quotes_and_other_scripts_separate_words(self):
        self.assertEqual(index_text("Việt–Trung “hợp tác” Россия"), "viet trung hop tac")

    def test_marks_are_dropped_without_splitting_words(self):
        self.assertEqual(index_text("Nghị định thư ỨNG PHÓ"), "nghi dinh thu ung pho")

    def test_words_too_long_for_postgresql_are_left_out(self):
        """PostgreSQL cannot index a word over 2,047 characters; neither database stores one."""
        blob = "a" * (MAX_WORD_LENGTH + 1)
        self.assertEqual(
            index_text(f"ảnh {blob} dẫn độ", "a" * MAX_WORD_LENGTH), f"anh dan do {'a' * MAX_WORD_LENGTH}"
        )

    def test_an_article_with_an_overlong_word_is_saved_and_found_by_its_other_words(self):
        article = make_article(title="Bản tin mã hoá", body=f"<p>Tệp {'Q' * 5000} đính kèm.</p>")
        self.assertEqual([hit.pk for hit in matching(Article.objects.all(), "dinh kem")], [article.pk])


class SearchIndexTests(TestCase):
    def test_postgresql_finds_records_through_their_gin_index(self):
        """The query's word set is the index's expression, so PostgreSQL can answer from the index."""
        if connection.vendor != "postgresql":
            self.skipTest("the GIN index exists on PostgreSQL only")
        make_article(title="Hiệp định dẫn độ")
        for queryset, index in (
            (Article.objects.all(), "article_search_idx"),
            (Agency.objects.all(), "agency_search_idx"),
            (Agreement.objects.all(), "agreement_search_idx"),
            (Event.objects.all(), "event_search_idx"),
        ):
            with self.subTest(index=index), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
                self.assertIn(index, matching(queryset, "hiep dinh").explain())


class BoundedRankingTests(TestCase):
    """A search ranks only the newest matches; the rest follow newest first, each once."""

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.old_exact = make_article(
            title="Hợp tác dẫn độ", body="<p>Bài cũ.</p>", published_at=now - timedelta(days=30)
        )
        cls.newer = [
            make_article(
                title=f"Tin số {number}",
                body="<p>Dẫn độ và hợp tác.</p>",
                published_at=now - timedelta(days=number),
            )
            for number in range(1, 6)
        ]
        cls.newest_exact = make_article(
            title="Tin mới", body="<p>Về hợp tác dẫn độ.</p>", published_at=now - timedelta(hours=1)
        )

    def hits(self):
        return search("hop tac dan do").by_kind["article"]

    def test_only_the_newest_matches_are_ranked_and_the_rest_come_newest_first(self):
        with mock.patch("articles.search.CANDIDATES", 3):
            found = [article.pk for article in self.hits()]
        ranked, rest = found[:3], found[3:]
        self.assertEqual(ranked[0], self.newest_exact.pk)  # the phrase, among the newest three
        self.assertEqual(set(ranked), {self.newest_exact.pk, self.newer[0].pk, self.newer[1].pk})
        self.assertEqual(rest, [article.pk for article in self.newer[2:]] + [self.old_exact.pk])

    def test_pages_across_the_ranked_set_show_every_match_once(self):
        with mock.patch("articles.search.CANDIDATES", 3):
            hits = self.hits()
            pages = [article.pk for page in (hits[0:2], hits[2:4], hits[4:6], hits[6:8]) for article in page]
        self.assertEqual(sorted(pages), sorted(article.pk for article in Article.objects.all()))

    def test_counts_stop_at_the_limit(self):
        with mock.patch("articles.search.COUNT_LIMIT", 4):
            hits = self.hits()
            self.assertIs(hits.more, True)
            response = self.client.get(reverse("search"), {"q": "hop tac dan do"})
        self.assertContains(response, "(hơn 4)")


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


class SearchDocumentTests(TestCase):
    """On PostgreSQL the weighted search vector follows the text, however the row is written."""

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("the search vector is written by PostgreSQL")

    def found(self, query):
        return [article.pk for article in matching(Article.objects.all(), query)]

    def test_an_edited_title_is_found_by_its_new_words_only(self):
        article = make_article(title="Hội đàm với Interpol")
        article.title = "Hội đàm với Europol"
        article.save()
        self.assertEqual((self.found("europol"), self.found("interpol")), ([article.pk], []))

    def test_rows_written_in_bulk_are_found(self):
        articles = [
            Article(title="Hiệp định dẫn độ", status=Article.Status.PUBLISHED, slug="hiep-dinh-dan-do")
        ]
        for article in articles:
            article.prepare()
        insert_new(Article, articles)
        self.assertEqual(self.found("hiep dinh"), [articles[0].pk])

    def test_a_body_too_big_for_positions_is_still_saved_and_found_by_its_title(self):
        words = " ".join(f"tu{number:07d}x" for number in range(160_000))
        article = make_article(title="Tệp đính kèm rất lớn", body=f"<p>{words}</p>")
        self.assertEqual(self.found("dinh kem"), [article.pk])
