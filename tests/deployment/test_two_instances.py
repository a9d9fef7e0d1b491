"""
The newsroom on more than one machine, played on this one: two app servers
(gunicorn, production settings) and two task workers against one PostgreSQL
and one Redis. Runs where the suite has both (DATABASE_URL on PostgreSQL and
NEWSROOM_TEST_REDIS_URL), as in `.ci/run`; it builds its own database.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import skipUnless
from urllib.request import Request, urlopen

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "newsroom_two_instances"
SERVERS = ("127.0.0.1:8771", "127.0.0.1:8772")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
ON_POSTGRES_AND_REDIS = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get(
    "NEWSROOM_TEST_REDIS_URL"
)


def get(server, path):
    """One reader's first request: no cookies, so each one is a new visit and a new view."""
    with urlopen(Request(f"http://{server}{path}", headers={"User-Agent": BROWSER}), timeout=30) as response:
        return response.headers, response.read().decode()


@skipUnless(ON_POSTGRES_AND_REDIS, "needs PostgreSQL (DATABASE_URL) and Redis (NEWSROOM_TEST_REDIS_URL)")
class TwoInstanceTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.TemporaryDirectory()
        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        redis = os.environ["NEWSROOM_TEST_REDIS_URL"].rsplit("/", 1)[0] + "/13"
        cls.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.base",
            "DATABASE_URL": f"{server}/{DATABASE}",
            "REDIS_URL": redis,
            "DEBUG": "0",
            "SECRET_KEY": "two-instance-test-only-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": f"{cls.folder.name}/static",
            "MEDIA_ROOT": f"{cls.folder.name}/media",
            "IMPORT_UPLOAD_ROOT": f"{cls.folder.name}/imports",
            "READER_PAGE_CACHE_SECONDS": "600",
        }
        for sql in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
            subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True, capture_output=True)
        subprocess.run(["redis-cli", "-u", redis, "FLUSHDB"], check=True, capture_output=True)
        for command in (["migrate"], ["collectstatic", "--noinput"]):
            cls.manage(*command, "-v0")
        cls.processes = []
        for address in SERVERS:
            cls.start(sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-w", "1", "-b", address)
        for worker in ("worker-1", "worker-2"):
            cls.start(
                sys.executable, "manage.py", "db_worker", "--worker-id", worker, "--interval", "0.2",
                "--no-startup-delay",
            )  # fmt: skip
        for address in SERVERS:
            cls.wait_for(address)

    @classmethod
    def tearDownClass(cls):
        for process in cls.processes:
            process.terminate()
        for process in cls.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        subprocess.run(
            ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DATABASE}"], check=False
        )
        cls.folder.cleanup()
        super().tearDownClass()

    @classmethod
    def manage(cls, *arguments):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=cls.env, capture_output=True, text=True
        )
        if result.returncode:
            raise AssertionError(f"manage.py {' '.join(arguments[:2])} failed:\n{result.stderr}")
        return result.stdout

    @classmethod
    def shell(cls, code):
        """Run Python in the deployment's Django (a third process, like an editor's save); what it prints."""
        return cls.manage("shell", "-v0", "-c", code).strip()

    @classmethod
    def start(cls, *command):
        process = subprocess.Popen(command, cwd=ROOT, env=cls.env, stdout=subprocess.DEVNULL)
        cls.processes.append(process)

    @classmethod
    def wait_for(cls, address):
        for _ in range(150):
            try:
                with urlopen(f"http://{address}/healthz/", timeout=2) as response:
                    if json.load(response)["status"] == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"no app server answered at {address}")

    def publish(self, title):
        self.shell(
            "from django.utils import timezone; from articles.models import Article;"
            f"print(Article.objects.create(title={title!r}, lead='Tin thử nghiệm.', body='<p>Nội dung.</p>',"
            " status='published', published_at=timezone.now()).slug)"
        )

    def test_a_page_cached_by_one_server_is_served_by_the_other_and_replaced_on_publish(self):
        self.publish("Hội nghị trực tuyến về phòng, chống ma túy")
        first, _ = get(SERVERS[0], "/")
        other, _ = get(SERVERS[1], "/")
        self.assertEqual((first["X-Page-Cache"], other["X-Page-Cache"]), ("miss", "hit"))
        self.publish("Ký kết bản ghi nhớ về dẫn độ tội phạm")
        headers, html = get(SERVERS[1], "/")
        self.assertEqual(headers["X-Page-Cache"], "miss")
        self.assertIn("Ký kết bản ghi nhớ về dẫn độ tội phạm", html)

    def test_views_counted_on_both_servers_add_up_exactly(self):
        self.publish("Tiếp nhận đối tượng truy nã từ Campuchia")
        slug = self.shell(
            "from articles.models import Article;"
            "print(Article.objects.get(title='Tiếp nhận đối tượng truy nã từ Campuchia').slug)"
        )
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda n: get(SERVERS[n % 2], f"/bai-viet/{slug}/"), range(80)))
        views = self.shell(
            f"from articles.models import Article; print(Article.objects.get(slug={slug!r}).view_count)"
        )
        self.assertEqual(int(views), 80)

    def test_import_batches_queued_at_once_are_shared_by_both_workers_and_each_runs_once(self):
        pages = sorted(
            path for path in (ROOT / "bench" / "corpus").iterdir() if path.suffix in (".txt", ".html")
        )
        groups = [pages[start::4] for start in range(4)]
        self.shell(
            "import shutil; from pathlib import Path; from django.db import transaction;"
            "from articles.importer.models import ImportBatch; from articles.importer.tasks import run_import_batch;"
            "from articles.importer.uploads import page_count, upload_folder\n"
            f"for group in {[[str(path) for path in group] for group in groups]!r}:\n"
            "    batch = ImportBatch.objects.create()\n"
            "    folder = upload_folder(batch); folder.mkdir(parents=True)\n"
            "    for index, name in enumerate(group): shutil.copy(name, folder / f'{index:04d}-{Path(name).name}')\n"
            "    ImportBatch.objects.filter(pk=batch.pk).update(total_files=page_count(folder))\n"
            "    run_import_batch.enqueue(batch.pk)"
        )
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            statuses = self.shell(
                "from articles.importer.models import ImportBatch;"
                "print(','.join(ImportBatch.objects.order_by('pk').values_list('status', flat=True)))"
            )
            if all(status in ("done", "failed") for status in statuses.split(",")):
                break
            time.sleep(1)
        self.assertEqual(statuses, "done,done,done,done")
        outcome = json.loads(
            self.shell(
                "import json; from django_tasks_db.models import DBTaskResult;"
                "from articles.importer.models import ImportBatch; from articles.models import Article;"
                "runs = [r.worker_ids for r in DBTaskResult.objects.filter(task_path__endswith='run_import_batch')];"
                "created = sum(b.totals.get('created', 0) for b in ImportBatch.objects.all());"
                "print(json.dumps({'runs': runs, 'created': created,"
                " 'articles': Article.objects.articles().exclude(import_key='').count()}))"
            )
        )
        self.assertEqual(len(outcome["runs"]), 4)
        self.assertTrue(all(len(workers) == 1 for workers in outcome["runs"]), outcome["runs"])
        self.assertEqual(
            {worker for workers in outcome["runs"] for worker in workers}, {"worker-1", "worker-2"}
        )
        self.assertEqual(outcome["articles"], outcome["created"])
        self.assertGreater(outcome["created"], 50)
