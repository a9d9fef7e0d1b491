import tempfile
import unicodedata
from concurrent.futures import Future
from operator import attrgetter
from pathlib import Path
from unittest import mock

from django.db import DatabaseError
from django.test import TestCase

from articles.importer import pipeline
from articles.importer.bulk import insert_new
from articles.importer.files import PageFile
from articles.importer.services import import_files, import_paths
from articles.models import Article, ArticleImage, ArticleImport, Category, Comment, Portal, Rating, Source
from tests.helpers import SEEDS, seed


def page_file(name, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return PageFile(name, len(data), lambda: data)


def run(*files, **options):
    return list(import_files(files, **options))


class ImportSeedsTests(TestCase):
    def test_seeds_become_articles_and_briefs(self):
        """The five seeds give five articles, each with the right origin, and 19 distinct briefs."""
        reports = list(import_paths([SEEDS]))
        self.assertEqual([r.status for r in reports], ["created"] * 5)
        self.assertEqual(Article.objects.articles().count(), 5)
        self.assertEqual(Article.objects.briefs().count(), 19)
        self.assertEqual(sum(r.briefs_created for r in reports), 19)
        self.assertEqual(Article.objects.published().count(), 24)

    def test_same_title_from_two_outlets_is_two_articles(self):
        """Seeds 000 (CAND) and 002 (ANTV) share a title but stay two articles with two slugs."""
        import_paths([SEEDS])
        list(import_paths([SEEDS]))
        twins = Article.objects.articles().filter(
            title="Tăng cường hợp tác quốc tế trong phòng, chống tội phạm"
        )
        self.assertEqual(
            sorted(twins.values_list("slug", flat=True)),
            [
                "tang-cuong-hop-tac-quoc-te-trong-phong-chong-toi-pham",
                "tang-cuong-hop-tac-quoc-te-trong-phong-chong-toi-pham-2",
            ],
        )
        cand, antv = sorted(twins, key=lambda a: a.source is None)
        self.assertEqual((cand.source.name, cand.portal), ("CAND", None))
        self.assertEqual((antv.source, antv.portal.name, antv.byline), (None, "ANTV", "BT"))

    def test_article_fields_from_a_seed(self):
        """Seed 003 is stored with its date, byline, source, body and no chrome."""
        list(import_paths([next(SEEDS.glob("003_*.txt"))]))
        article = Article.objects.get()
        self.assertEqual(article.published_at.isoformat(), "2017-12-29T21:48:00+00:00")
        self.assertEqual((article.byline, article.source.name), ("BL", "tiengchuong.vn"))
        self.assertTrue(article.body.startswith("<p>Thực hiện đường lối đối ngoại của Đảng và Nhà nước"))
        self.assertNotIn("Tổng số điểm", article.body)
        self.assertEqual(article.status, Article.Status.PUBLISHED)
        self.assertIs(article.is_public, True)

    def test_category_tree_images_and_views(self):
        """Breadcrumbs become a category under its parent; pictures and views are stored."""
        list(import_paths(sorted(SEEDS.glob("00[02]_*.txt"))))
        politics = Category.objects.get(name="Chính trị")
        self.assertEqual(politics.parent.name, "Sự kiện")
        cand = Article.objects.get(source__name="CAND")
        self.assertEqual(cand.view_count, 55)
        self.assertEqual(
            list(cand.images.values_list("original_filename", flat=True)), ["7-1.jpg", "7-2.jpg"]
        )
        self.assertIs(cand.images.first().has_file, False)
        self.assertEqual(Portal.objects.get(name="ANTV").domain, "antv.gov.vn")

    def test_undated_pages_stay_undated(self):
        """Seeds 000, 002 and 004 give no article date; none is invented on import."""
        list(import_paths([SEEDS]))
        undated = Article.objects.articles().filter(published_at__isnull=True)
        self.assertEqual(undated.count(), 3)
        record = ArticleImport.objects.get(article__portal__name="ANTV", article__kind=Article.Kind.ARTICLE)
        self.assertEqual(record.page_date.isoformat(), "2026-01-12T06:36:00+00:00")


class LanguageAndDatePrecisionTests(TestCase):
    def test_an_english_page_with_a_day_only_date_keeps_both(self):
        """An English page that prints only the day is stored as English, dated to the day."""
        text = (
            "Viet Nam and Belgium sign treaties on extradition and legal assistance\n"
            "Hanoi, 13 March 2025 – Viet Nam and Belgium today signed a Treaty on Extradition and a Treaty "
            "on Mutual Legal Assistance in Criminal Matters at a ceremony in Hanoi.\n"
            "The two treaties provide the legal basis for the two countries to cooperate in the fight "
            "against transnational crime and to hand over persons sought for prosecution.\n"
        )
        run(page_file("mofa-en.txt", text))
        article = Article.objects.articles().get()
        self.assertEqual((article.language, article.published_precision), ("en", "day"))
        self.assertEqual(article.published_at.isoformat(), "2025-03-12T17:00:00+00:00")

    def test_a_vietnamese_page_with_a_time_is_dated_to_the_minute(self):
        list(import_paths([next(SEEDS.glob("003_*.txt"))]))
        article = Article.objects.get()
        self.assertEqual((article.language, article.published_precision), ("vi", "minute"))


class TaggedPageTests(TestCase):
    TEXT = (
        "Hội đàm giữa Bộ Công an Việt Nam và Interpol\n"
        "Bộ trưởng Bộ Công an đã hội đàm với Tổng Thư ký Interpol về hợp tác phòng, chống tội phạm xuyên quốc gia.\n"
        "Hai bên nhất trí tăng cường trao đổi thông tin và phối hợp điều tra các vụ án có yếu tố nước ngoài.\n"
        "Từ khóa: Interpol, hợp tác quốc tế; dẫn độ\n"
    )

    def test_a_new_page_with_tags_is_imported_with_them_and_unchanged_the_second_time(self):
        first = run(page_file("interpol.txt", self.TEXT))
        self.assertEqual([report.status for report in first], ["created"])
        article = Article.objects.get()
        self.assertEqual(
            sorted(tag.name for tag in article.tags.all()), ["Interpol", "dẫn độ", "hợp tác quốc tế"]
        )
        again = run(page_file("interpol.txt", self.TEXT))
        self.assertEqual([report.status for report in again], ["unchanged"])


class IdempotentImportTests(TestCase):
    def test_second_import_changes_nothing(self):
        """Importing the seeds twice: everything unchanged, no new rows."""
        list(import_paths([SEEDS]))
        counts = (Article.objects.count(), ArticleImport.objects.count())
        reports = list(import_paths([SEEDS]))
        self.assertEqual({r.status for r in reports}, {"unchanged"})
        self.assertEqual(sum(r.briefs_unchanged for r in reports), 19)
        self.assertEqual((Article.objects.count(), ArticleImport.objects.count()), counts)

    def test_nfd_twin_is_the_same_article(self):
        """A decomposed copy of a page is the page, not a second article."""
        text = seed("003")
        run(page_file("nfc.txt", text))
        (report,) = run(page_file("nfd.txt", unicodedata.normalize("NFD", text)))
        self.assertEqual(report.status, "unchanged")
        self.assertEqual(Article.objects.count(), 1)

    def test_rescraped_page_updates_in_place(self):
        """A new view count and an edited paragraph update the article; slug, comments, ratings stay."""
        text = seed("000")
        run(page_file("000.txt", text))
        article = Article.objects.get()
        Comment.objects.create(article=article, author_name="Bạn đọc", body="Hay.")
        Rating.objects.create(article=article, voter_key="anon:1", score=5)
        rescraped = text.replace("Lượt xem: 55", "Lượt xem: 80").replace(
            "Đàm phán, ký kết trên 150 văn bản", "Đàm phán, ký kết trên 160 văn bản"
        )
        (report,) = run(page_file("000-again.txt", rescraped))
        self.assertEqual(report.status, "updated")
        self.assertEqual(sorted(report.changes), ["body", "view_count"])
        updated = Article.objects.get()
        self.assertEqual((updated.pk, updated.slug), (article.pk, article.slug))
        self.assertEqual(updated.view_count, 80)
        self.assertIn("trên 160 văn bản", updated.body)
        self.assertEqual((updated.comments.count(), updated.ratings.count()), (1, 1))
        self.assertEqual(
            list(updated.imports.values_list("action", "changed_fields")),
            [("updated", ["body", "view_count"]), ("created", [])],
        )

    def rescrape(self, edit):
        """Import seed 000, let ``edit`` change the article as an editor would, then import a re-scrape."""
        text = seed("000")
        run(page_file("000.txt", text))
        article = Article.objects.get()
        edit(article)
        rescraped = text.replace("Lượt xem: 55", "Lượt xem: 80").replace(
            "Đàm phán, ký kết trên 150 văn bản", "Đàm phán, ký kết trên 160 văn bản"
        )
        (report,) = run(page_file("000-again.txt", rescraped))
        return report, Article.objects.get()

    def test_a_reimport_never_republishes_what_an_editor_unpublished(self):
        """Drafted, in review or archived: the re-scraped text comes in, the editor's status stays."""
        for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.ARCHIVED):
            with self.subTest(status=status):
                Article.objects.all().delete()
                report, article = self.rescrape(
                    lambda article, status=status: Article.objects.update(status=status)
                )
                self.assertEqual(article.status, status)
                self.assertIn("trên 160 văn bản", article.body)
                self.assertEqual(report.left_alone, ["status"])

    def test_a_reimport_keeps_an_editors_own_edits(self):
        """A title and lead an editor rewrote stay, and the report says so; the rest is refreshed."""

        def edit(article):
            article.title = "Tiêu đề do biên tập viên sửa"
            article.lead = "Sapo mới của biên tập viên."
            article.save()

        report, article = self.rescrape(edit)
        self.assertEqual(
            (article.title, article.lead), ("Tiêu đề do biên tập viên sửa", "Sapo mới của biên tập viên.")
        )
        self.assertIn("trên 160 văn bản", article.body)
        self.assertEqual(
            (sorted(report.changes), report.left_alone), (["body", "view_count"], ["title", "lead"])
        )

    def test_a_reimport_reports_the_edits_it_did_not_overwrite(self):
        """Where the page itself changed a field the editor had changed, the report names it."""

        def edit(article):
            article.body = article.body.replace("trên 150 văn bản", "hơn 150 văn bản")
            article.save()

        report, article = self.rescrape(edit)
        self.assertIn("hơn 150 văn bản", article.body)
        self.assertEqual((report.changes, report.left_alone), (["view_count"], ["body"]))
        (entry,) = article.imports.filter(action="updated")
        self.assertEqual(entry.changed_fields, ["view_count"])

    def test_different_article_with_same_identity_is_not_merged(self):
        """Same outlet, title and (no) date but different text: two articles."""
        first = (
            "Hợp tác phòng, chống tội phạm ma túy\n"
            + "Lực lượng Cảnh sát phòng, chống ma túy đã phối hợp với cảnh sát Lào triệt phá đường dây vận chuyển heroin qua biên giới.\nTheo CAND\n"
        )
        second = (
            "Hợp tác phòng, chống tội phạm ma túy\n"
            + "Hội nghị Bộ trưởng ASEAN về ma túy thông qua kế hoạch hành động mới về kiểm soát tiền chất trong khu vực Đông Nam Á.\nTheo CAND\n"
        )
        reports = run(page_file("a.txt", first), page_file("b.txt", second))
        self.assertEqual([r.status for r in reports], ["created", "created"])
        self.assertEqual(Article.objects.count(), 2)
        self.assertEqual([r.status for r in run(page_file("b.txt", second))], ["unchanged"])

    def test_briefs_are_deduplicated_across_pages(self):
        """The same teaser on two pages is one brief."""
        run(page_file("002.txt", seed("002")))
        before = Article.objects.briefs().count()
        page = seed("002").replace(
            "Tăng cường hợp tác quốc tế trong phòng, chống tội phạm", "Một bài khác hẳn về hợp tác"
        )
        (report,) = run(page_file("002-other.txt", page))
        self.assertEqual((report.briefs_created, report.briefs_unchanged), (0, 5))
        self.assertEqual(Article.objects.briefs().count(), before)

    def test_no_briefs_option(self):
        """Without briefs only the article is imported."""
        run(page_file("001.txt", seed("001")), with_briefs=False)
        self.assertEqual(Article.objects.count(), 1)


class BadInputTests(TestCase):
    def test_bad_files_are_reported_and_the_rest_imported(self):
        """Empty, binary, chrome-only and oversize files fail with reasons; good ones still import."""
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (folder / "1-empty.txt").write_text("  \n")
        (folder / "2-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
        (folder / "3-chrome.txt").write_text("bannerHome\nĐăng nhập\nXem thêm\n", "utf-8")
        (folder / "4-good.txt").write_text(seed("003"), "utf-8")
        (folder / "5-huge.txt").write_bytes(b"a" * 6_000_000)
        reports = {Path(r.name).name: r for r in import_paths([folder])}
        self.assertEqual(
            {name: (r.status, r.error_code) for name, r in reports.items()},
            {
                "1-empty.txt": ("failed", "empty"),
                "2-binary.txt": ("failed", "binary"),
                "3-chrome.txt": ("failed", "no_article"),
                "4-good.txt": ("created", ""),
                "5-huge.txt": ("failed", "too_large"),
            },
        )
        self.assertIn("No article found", reports["3-chrome.txt"].error)
        self.assertEqual(Article.objects.articles().count(), 1)

    def test_failure_while_writing_leaves_nothing_behind(self):
        """A database error half-way through a file rolls back that file's rows, and only those."""

        def refuse_first_page(model, objs):
            objs = list(objs)
            if model is ArticleImage and any(image.article.title.startswith("Tăng cường") for image in objs):
                raise DatabaseError("disk full")
            return insert_new(model, objs)

        other_cand_page = seed("000").replace("Tăng cường hợp tác quốc tế", "Mở rộng hợp tác quốc tế", 1)
        with mock.patch("articles.importer.services.insert_new", side_effect=refuse_first_page):
            reports = run(page_file("000.txt", seed("000")), page_file("000-other.txt", other_cand_page))
        self.assertEqual([r.status for r in reports], ["failed", "created"])
        self.assertEqual(reports[0].error_code, "db")
        self.assertIn("disk full", reports[0].error)
        article = Article.objects.get()
        self.assertTrue(article.title.startswith("Mở rộng hợp tác quốc tế"))
        self.assertEqual(article.source.name, "CAND")
        self.assertEqual((article.images.count(), ArticleImport.objects.count()), (2, 1))

    def test_same_page_twice_in_one_batch(self):
        """A page and its re-scrape in the same import: one article, updated."""
        text = seed("000")
        reports = run(
            page_file("a.txt", text), page_file("b.txt", text.replace("Lượt xem: 55", "Lượt xem: 90"))
        )
        self.assertEqual([r.status for r in reports], ["created", "updated"])
        self.assertEqual(Article.objects.get().view_count, 90)

    def test_dry_run_writes_nothing(self):
        """A dry run reports what would happen and leaves the database as it was."""
        reports = list(import_paths([SEEDS], dry_run=True))
        self.assertEqual([r.status for r in reports], ["created"] * 5)
        self.assertEqual(
            (
                Article.objects.count(),
                Source.objects.count(),
                Category.objects.count(),
                ArticleImport.objects.count(),
            ),
            (0, 0, 0, 0),
        )

    def test_html_page_body_is_safe(self):
        """An HTML page imports as clean paragraphs, without any of its markup."""
        html = (
            "<html><body><h1>Hội đàm giữa Bộ Công an Việt Nam và Interpol</h1>"
            '<p onclick="x()">Bộ trưởng Bộ Công an đã hội đàm với Tổng Thư ký Interpol về hợp tác phòng, chống tội phạm.</p>'
            '<p>Hai bên nhất trí <a href="javascript:alert(1)">tăng cường</a> trao đổi thông tin <script>alert(2)</script>'
            "và phối hợp điều tra các vụ án có yếu tố nước ngoài.</p></body></html>"
        )
        (report,) = run(page_file("page.html", html))
        self.assertEqual(report.status, "created")
        body = Article.objects.get().body
        self.assertEqual(
            body,
            "<p>Hai bên nhất trí tăng cường trao đổi thông tin và phối hợp điều tra các vụ án có yếu tố nước ngoài.</p>",
        )


class WorkerProcessTests(TestCase):
    def test_parsing_in_a_worker_gives_the_same_import(self):
        """Pages parsed in a worker process import exactly as pages parsed here."""
        here = [(r.status, r.title, r.briefs_created) for r in import_paths([SEEDS], dry_run=True)]
        there = list(import_paths([SEEDS], workers=1, batch_size=2))
        self.assertEqual([(r.status, r.title, r.briefs_created) for r in there], here)
        self.assertEqual(Article.objects.count(), 24)

    def test_refusals_come_back_from_a_worker(self):
        """A page refused in a worker process is reported with its reason and code."""
        files = [page_file(f"{n}.txt", seed("003")) for n in range(3)] + [page_file("empty.txt", "  ")]
        reports = list(import_files(files, workers=1, batch_size=2))
        self.assertEqual([r.status for r in reports], ["created", "unchanged", "unchanged", "failed"])
        self.assertEqual((reports[-1].error_code, reports[-1].error), ("empty", "The file is empty."))

    def test_batches_parsed_here_while_the_worker_is_busy_keep_the_file_order(self):
        """When the worker falls behind this process parses batches itself; reports still follow the files."""
        files = [page_file(f"{n}.txt", seed(n)) for n in ("000", "001", "002", "003", "004")]
        files.insert(2, page_file("empty.txt", "  "))
        parse = pipeline.ParsePipeline.parse
        with (
            mock.patch.object(Future, "done", return_value=False),  # the worker always looks busy
            mock.patch.object(
                pipeline.ParsePipeline, "parse", autospec=True, side_effect=parse
            ) as parsed_here,
        ):
            reports = list(import_files(files, workers=1, batch_size=1))
        self.assertEqual([r.name for r in reports], [f.name for f in files])
        self.assertEqual([r.status for r in reports], ["created"] * 2 + ["failed"] + ["created"] * 3)
        self.assertGreater(parsed_here.call_count, 1)  # the first batch, and at least one more
        self.assertLess(parsed_here.call_count, len(files))  # the worker had its share


class PageAnalyserTests(TestCase):
    def test_analysers_run_where_pages_are_parsed(self):
        """Registered analysers run on every page, in a worker too, and their results reach the receivers."""
        from articles.importer import signals

        seen = []

        def receiver(sender, *, articles, pages, **kwargs):
            seen.extend(page.analyses.get("title-length") for page in pages)  # noqa: B023

        signals.pages_imported.connect(receiver)
        self.addCleanup(signals.pages_imported.disconnect, receiver)
        # The analyser must be importable in a bare worker process: attrgetter is.
        self.enterContext(
            mock.patch.dict(signals.page_analysers, {"title-length": lambda: attrgetter("title")})
        )
        list(import_paths([SEEDS], workers=1, batch_size=2, with_briefs=False))
        self.assertEqual(sorted(seen), sorted(Article.objects.values_list("title", flat=True)))
