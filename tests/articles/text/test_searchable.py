"""The words a search sees."""

from django.test import TestCase

from articles.models import Article
from articles.search import matching
from articles.text.searchable import MAX_WORD_LENGTH, index_text
from tests.factories import make_article


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
