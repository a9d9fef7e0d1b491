"""Bulk import from the admin: upload checks before anything is read whole, background run, lasting report."""

import io
import zipfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ImportBatch
from articles.publishing.roles import EDITOR, REPORTER
from tests import helpers
from tests.helpers import member_of

SEEDS = sorted(helpers.SEEDS.glob("*.txt"))
UPLOAD = reverse("admin:articles_importbatch_add")


def seed_uploads():
    return [SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain") for path in SEEDS]


def zip_upload(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


class ImportPageTests(TestCase):
    def setUp(self):
        self.client.force_login(member_of(EDITOR))

    def upload(self, files):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(UPLOAD, {"files": files})

    def test_seeds_uploaded_together_are_imported_with_a_report_per_file(self):
        response = self.upload(seed_uploads())
        batch = ImportBatch.objects.get()
        self.assertRedirects(response, reverse("admin:articles_importbatch_change", args=[batch.pk]))
        batch.refresh_from_db()
        self.assertEqual(batch.status, ImportBatch.Status.DONE)
        self.assertEqual((batch.processed_files, batch.total_files), (5, 5))
        self.assertEqual(batch.totals["created"], 5)
        self.assertEqual(Article.objects.articles().count(), 5)
        page = self.client.get(reverse("admin:articles_importbatch_change", args=[batch.pk])).content.decode()
        for path in SEEDS:
            self.assertIn(path.name, page)
        self.assertIn("Tạo mới: 5", page)
        self.assertIn("<td>tạo mới</td>", page)
        self.assertNotIn("briefs_created", page)

    def test_a_zip_of_pages_is_imported(self):
        self.upload([zip_upload("trang.zip", {path.name: path.read_bytes() for path in SEEDS[:2]})])
        batch = ImportBatch.objects.get()
        self.assertEqual((batch.status, batch.total_files, batch.totals["created"]), ("done", 2, 2))

    def test_a_bad_page_is_reported_and_the_others_imported(self):
        broken = SimpleUploadedFile("hong.txt", b"\x00\x01 not a page", content_type="text/plain")
        self.upload([*seed_uploads()[:1], broken])
        batch = ImportBatch.objects.get()
        self.assertEqual(batch.totals.get("failed"), 1)
        self.assertEqual(batch.totals.get("created"), 1)
        page = self.client.get(reverse("admin:articles_importbatch_change", args=[batch.pk])).content.decode()
        self.assertIn("hong.txt", page)
        self.assertIn("Tệp chứa dữ liệu nhị phân, không phải nội dung một trang.", page)
        self.assertIn("<td>thất bại</td>", page)

    def test_an_empty_file_is_reported_by_name_and_the_others_imported(self):
        empty = SimpleUploadedFile("rong.txt", b"", content_type="text/plain")
        self.upload([*seed_uploads()[:2], empty])
        batch = ImportBatch.objects.get()
        self.assertEqual(
            (batch.status, batch.totals.get("created"), batch.totals.get("failed")), ("done", 2, 1)
        )
        (failed,) = [entry for entry in batch.report if entry["status"] == "failed"]
        self.assertEqual((failed["name"].split("-", 1)[1], failed["error_code"]), ("rong.txt", "empty"))

    def test_a_damaged_zip_member_fails_alone(self):
        upload = zip_upload("trang.zip", {"a.txt": SEEDS[0].read_bytes(), "b.txt": SEEDS[1].read_bytes()})
        data = bytearray(upload.read())
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = archive.getinfo("b.txt")
        data[member.header_offset + 30 + len("b.txt") + member.compress_size // 2] ^= 0xFF
        self.upload([SimpleUploadedFile("trang.zip", bytes(data)), *seed_uploads()[4:]])
        batch = ImportBatch.objects.get()
        self.assertEqual(
            (batch.status, batch.totals.get("created"), batch.totals.get("failed")), ("done", 2, 1)
        )

    def assertRefused(self, files, message):
        response = self.upload(files)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, message, status_code=400)
        self.assertFalse(ImportBatch.objects.exists())
        self.assertFalse(Article.objects.exists())

    def test_wrong_file_types_are_refused_before_anything_is_stored(self):
        exe = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
        self.assertRefused([*seed_uploads()[:1], exe], "virus.exe")

    @override_settings(IMPORT_MAX_FILE_BYTES=1000)
    def test_oversize_pages_are_refused(self):
        self.assertRefused(seed_uploads()[:1], "000_")

    def test_a_zip_bomb_is_refused_from_its_directory(self):
        bomb = zip_upload("bom.zip", {"trang.txt": b"0" * 5_000_000})
        self.assertRefused([bomb], "bom.zip")

    def test_a_damaged_zip_is_refused(self):
        self.assertRefused([SimpleUploadedFile("hong.zip", b"PK not really")], "hong.zip")

    @override_settings(MAX_UPLOAD_FILE_BYTES=2000)
    def test_a_file_past_the_upload_limit_is_not_even_stored_temporarily(self):
        self.assertRefused(seed_uploads()[:1], "không được tải lên")

    @override_settings(IMPORT_MAX_UPLOAD_FILES=2)
    def test_too_many_files_are_refused(self):
        self.assertRefused(seed_uploads()[:3], "2")

    def test_reporters_cannot_import(self):
        self.client.force_login(member_of(REPORTER, "phongvien"))
        self.assertEqual(self.client.get(UPLOAD).status_code, 403)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class BackgroundImportTests(TestCase):
    # The worker drops connections it thinks stale; inside the test's transaction that
    # would close the very connection the test runs in.
    @mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections")
    def test_the_request_only_queues_the_import_and_the_worker_runs_it(self, _close_old_connections):
        self.client.force_login(member_of(EDITOR))
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(UPLOAD, {"files": seed_uploads()[:2]})
        batch = ImportBatch.objects.get()
        self.assertEqual(batch.status, ImportBatch.Status.QUEUED)
        self.assertFalse(Article.objects.exists())
        progress = self.client.get(
            reverse("admin:articles_importbatch_change", args=[batch.pk])
        ).content.decode()
        self.assertIn('http-equiv="refresh"', progress)
        call_command(
            "db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO()
        )
        batch.refresh_from_db()
        self.assertEqual((batch.status, batch.totals.get("created")), (ImportBatch.Status.DONE, 2))

    @mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections")
    def test_a_job_queued_under_the_tasks_old_path_still_runs(self, _close_old_connections):
        """Jobs queued before the importer moved to articles/importer name articles.tasks."""
        self.client.force_login(member_of(EDITOR))
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(UPLOAD, {"files": seed_uploads()[:1]})
        DBTaskResult.objects.update(task_path="articles.tasks.run_import_batch")
        call_command(
            "db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO()
        )
        self.assertEqual(ImportBatch.objects.get().status, ImportBatch.Status.DONE)
