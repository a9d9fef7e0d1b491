"""Search matching and ranking: folded words, highlighting, the index, bounded ranking, the stored vector."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agency, Agreement, Event
from articles.importer.bulk import insert_new
from articles.models import Article
from articles.search import estimated_rows, highlight, matching
from articles.text.searchable import index_text, search_words
from newsroom.search import search
from tests.factories import make_article


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

    def test_a_match_count_far_past_the_limit_by_the_planners_estimate_is_not_read(self):
        with (
            mock.patch("articles.search.estimated_rows", return_value=1_000_000),
            CaptureQueriesContext(connection) as queries,
        ):
            hits = self.hits()
            self.assertEqual((hits.count(), hits.more), (10_000, True))
        self.assertFalse(any("COUNT(" in query["sql"] for query in queries.captured_queries))

    def test_postgresql_estimates_the_matches_and_a_small_estimate_is_counted_exactly(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite has no estimate; it always counts")
        hits = self.hits()
        self.assertGreater(estimated_rows(hits.matches), 0)
        self.assertEqual((hits.count(), hits.more), (7, False))


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
