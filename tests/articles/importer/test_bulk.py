"""The importer's bulk insert stores exactly what Django's bulk_create stores, on either database."""

from datetime import UTC, datetime
from unittest import mock

from django.db import DatabaseError, connection, transaction
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from articles.importer.bulk import insert_new
from articles.importer.services import import_paths
from articles.models import Article, ArticleImage, ArticleImport
from tests.helpers import SEEDS

# Characters COPY's text format must escape, and Vietnamese that must come back NFC.
AWKWARD = 'Hiệp định "dẫn độ"\tgiữa A\\B và C\nđoạn hai\r\n\\N không phải NULL – 100 %'
GENERATED = {"id", "slug", "import_key", "created_at", "updated_at"}


def article(number, **overrides):
    fields = {
        "title": AWKWARD,
        "slug": f"bai-{number}",
        "import_key": f"key-{number}",
        "lead": AWKWARD,
        "body": f"<p>{AWKWARD}</p>",
        "byline": "Đức Thắng",
        "status": Article.Status.PUBLISHED,
        "published_at": datetime(2023, 9, 20, 1, 30, tzinfo=UTC),
    }
    fields.update(overrides)
    instance = Article(**fields)
    instance.prepare()
    return instance


def stored(model, pk, *, also_ignore=()):
    ignored = GENERATED.union(also_ignore)
    return {
        name: value
        for name, value in model.objects.filter(pk=pk).values().get().items()
        if name not in ignored
    }


class InsertNewTests(TestCase):
    def test_rows_are_the_ones_bulk_create_stores(self):
        """Text with tabs, backslashes, quotes and \\N, an unknown date, defaults and JSON come back identical."""
        for number, overrides in enumerate(({}, {"published_at": None, "lead": ""})):
            with self.subTest(**overrides):
                ours, theirs = article(f"a{number}", **overrides), article(f"b{number}", **overrides)
                insert_new(Article, [ours])
                Article.objects.bulk_create([theirs])
                self.assertEqual(stored(Article, ours.pk), stored(Article, theirs.pk))

        ours, theirs = article("c"), article("d")
        Article.objects.bulk_create([ours, theirs])
        record = {"file_name": "000.txt", "action": "updated", "changed_fields": ["body", "view_count"]}
        mine = insert_new(ArticleImport, [ArticleImport(article=ours, **record)])[0]
        reference = ArticleImport.objects.bulk_create([ArticleImport(article=theirs, **record)])[0]
        differing = ("article_id", "imported_at")
        self.assertEqual(
            stored(ArticleImport, mine.pk, also_ignore=differing),
            stored(ArticleImport, reference.pk, also_ignore=differing),
        )

    def test_new_rows_get_their_keys_and_later_rows_follow_them(self):
        """Inserted instances know their primary keys, can be pointed at, and the next save takes a fresh key."""
        articles = insert_new(Article, [article(n) for n in range(3)])
        self.assertEqual(len({a.pk for a in articles}), 3)
        self.assertFalse(any(a._state.adding for a in articles))
        insert_new(ArticleImage, [ArticleImage(article=a, original_filename="anh.jpg") for a in articles])
        self.assertEqual(
            sorted(ArticleImage.objects.values_list("article_id", flat=True)), sorted(a.pk for a in articles)
        )
        later = article("later")
        later.save()
        self.assertGreater(later.pk, max(a.pk for a in articles))

    def test_a_refused_row_stores_none_of_the_batch(self):
        """A duplicate slug is a database error, and no row of the batch is left behind."""
        article(0).save()
        with self.assertRaises(DatabaseError), transaction.atomic():
            insert_new(Article, [article(1), article(2, slug="bai-0")])
        self.assertEqual(Article.objects.count(), 1)

    def test_nothing_to_insert_asks_nothing(self):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(insert_new(Article, []), [])
        self.assertEqual(len(queries), 0)


class PlannerStatisticsTests(TransactionTestCase):
    def has_statistics(self):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
                return cursor.fetchone() is not None
            cursor.execute(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'articles_article'"
            )
            return cursor.fetchone()[0]

    def test_a_large_import_leaves_the_planner_statistics_of_the_new_rows(self):
        with mock.patch("articles.importer.bulk.STATISTICS_STALE_AFTER", 2):
            list(import_paths([SEEDS]))
        self.assertTrue(self.has_statistics())
