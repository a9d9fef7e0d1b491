"""import_seeds: reports, exit status, dry runs, re-imports."""

import json
import tempfile
import zipfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from articles.importer.files import PageFile
from articles.importer.pipeline import FIRST_BATCH_SIZE, ParsePipeline
from articles.importer.services import count_page_files, import_paths
from articles.models import Article
from tests.helpers import SEEDS


class ImportSeedsCommandTests(TestCase):
    def call(self, *args):
        out, err = StringIO(), StringIO()
        call_command("import_seeds", *args, stdout=out, stderr=err)
        return out.getvalue()

    def test_default_imports_seeds_and_prints_totals(self):
        """Without a path it imports seeds/ and prints a table of what happened."""
        output = self.call()
        self.assertEqual(Article.objects.articles().count(), 5)
        self.assertIn("created            5        19", output)
        self.assertIn("failed             0", output)

    def test_second_run_reports_unchanged(self):
        """Run twice, the second run creates nothing."""
        self.call()
        output = self.call()
        self.assertIn("unchanged          5        19", output)
        self.assertEqual(Article.objects.count(), 24)

    def test_json_report(self):
        """--json prints totals and one entry per file, machine-readable."""
        report = json.loads(self.call("--json", "--no-briefs"))
        self.assertEqual(report["totals"], {"created": 5, "updated": 0, "unchanged": 0, "failed": 0})
        self.assertEqual(len(report["files"]), 5)
        self.assertEqual(report["files"][3]["title"], "Tích cực hợp tác quốc tế trong phòng, chống ma túy")
        self.assertEqual(Article.objects.briefs().count(), 0)

    def test_dry_run(self):
        """--dry-run reports but writes nothing."""
        output = self.call("--dry-run")
        self.assertIn("created            5        19", output)
        self.assertIn("Dry run: nothing was written.", output)
        self.assertEqual(Article.objects.count(), 0)

    def test_failed_file_gives_reason_and_non_zero_exit(self):
        """A bad file is listed with its reason, the others import, and the command fails."""
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (folder / "empty.txt").write_text("")
        (folder / "good.txt").write_text(next(SEEDS.glob("004_*.txt")).read_text("utf-8"), "utf-8")
        out = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("import_seeds", str(folder), stdout=out)
        self.assertEqual(raised.exception.returncode, 1)
        self.assertEqual(str(raised.exception), "1 of 2 files failed to import.")
        self.assertIn("empty.txt: The file is empty.", out.getvalue())
        self.assertEqual(Article.objects.count(), 1)

    def test_undecodable_and_damaged_files_fail_alone(self):
        """Bad UTF-16 and a damaged .zip member are reported; every good page still imports."""
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        seeds = sorted(SEEDS.glob("*.txt"))
        (folder / "a-utf16.txt").write_bytes(b"\xff\xfe" + "Bộ Công an".encode("utf-16-le") + b"\x41")
        with zipfile.ZipFile(folder / "b-pages.zip", "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("good.txt", seeds[0].read_bytes())
            archive.writestr("bad.txt", seeds[1].read_bytes())
            archive.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        data = bytearray((folder / "b-pages.zip").read_bytes())
        with zipfile.ZipFile(folder / "b-pages.zip") as archive:
            data[archive.getinfo("bad.txt").header_offset + 30 + len("bad.txt") + 100] ^= 0xFF
        (folder / "b-pages.zip").write_bytes(bytes(data))
        (folder / "c-good.txt").write_bytes(seeds[4].read_bytes())
        out = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("import_seeds", str(folder), "--no-briefs", stdout=out)
        self.assertEqual(str(raised.exception), "3 of 5 files failed to import.")
        output = out.getvalue()
        for name in ("a-utf16.txt", "bad.txt", "inner.zip"):
            self.assertIn(name, output)
        self.assertEqual(Article.objects.count(), 2)

    def test_missing_path(self):
        """A path that does not exist is an error before anything is imported."""
        with self.assertRaisesMessage(CommandError, "No such file or folder: nowhere"):
            self.call("nowhere/")

    def test_verbose_lists_every_file(self):
        """-v 2 lists each file with its outcome."""
        output = self.call("-v", "2", "--no-briefs")
        listed = [line for line in output.splitlines() if line.startswith("created    seeds/")]
        self.assertEqual(len(listed), 5)

    def test_verbose_says_what_a_reimport_left_as_an_editor_set_it(self):
        """-v 2 names the fields a re-import kept because an editor decided them."""
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        page = folder / "000.txt"
        page.write_text(next(SEEDS.glob("000_*.txt")).read_text("utf-8"), "utf-8")
        self.call(str(page), "--no-briefs")
        Article.objects.update(status=Article.Status.DRAFT)
        page.write_text(page.read_text("utf-8").replace("Lượt xem: 55", "Lượt xem: 90"), "utf-8")
        output = self.call(str(page), "--no-briefs", "-v", "2")
        self.assertIn("(view_count); kept as an editor left them: status", output)
        self.assertEqual(Article.objects.get().status, Article.Status.DRAFT)


class ProgressTests(TestCase):
    def test_the_count_of_files_to_import_includes_folders_and_zip_members(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            for path in sorted(SEEDS.glob("*.txt"))[:2]:
                (root / path.name).write_bytes(path.read_bytes())
            with zipfile.ZipFile(root / "them.zip", "w") as archive:
                for path in sorted(SEEDS.glob("*.txt"))[2:5]:
                    archive.write(path, path.name)
            (root / "notes.md").write_text("not a page")
            self.assertEqual(count_page_files([root]), 5)
            self.assertEqual(count_page_files([root]), len(list(import_paths([root], dry_run=True))))

    def test_the_first_reports_come_before_a_whole_batch_is_parsed(self):
        pages = sorted(SEEDS.glob("*.txt"))
        files = [PageFile(path.name, path.stat().st_size, path.read_bytes) for path in pages * 10]
        pipeline = ParsePipeline(batch_size=200, workers=0, analysers=(), stored=frozenset(), max_bytes=10**7)
        first, _results = next(pipeline.batches(iter(files)))
        self.assertEqual(len(first), FIRST_BATCH_SIZE)
