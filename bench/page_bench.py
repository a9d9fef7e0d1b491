"""
How many reader pages a second the site serves, cached and uncached, next to
bare Django returning the same bytes (the ceiling of Python serving a page).

    apt-get install wrk                       # the load generator, from Debian
    .venv/bin/python bench/page_bench.py      # 10,000 articles, 10 s a page
    .venv/bin/python bench/page_bench.py --articles 2000 --seconds 5 --database postgres

Builds a site in a fresh database (SQLite in a temporary folder, or
``newsroom_page_bench`` at 127.0.0.1:5432): the seeds and the development
corpus imported through the importer (real agencies, agreements and events
with their links), then N generated articles in six categories, each with
a real picture, and comments and ratings. Serves it with gunicorn -w 2 on
production settings (DEBUG off, the cache in Redis db 14) and loads each
page with ``wrk -t2 -c8`` from 127.0.0.1: first with the page cache off,
then on, then a bare Django app returning the article page's bytes. wrk
sends the cookies of a reader in the middle of a visit, so every article
request is a new view to count (it carries no "already viewed" cookie):
the benchmark checks that the article's view count grew by exactly the
number of requests wrk made, cached or not, and that no request failed.
"""

import argparse
import importlib.util
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"
PORT = 8765
READER_COOKIES = "nr_visit=1; nr_present=1; nr_browser=page-bench-reader"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def build(articles):
    """Runs inside ``manage.py shell`` of the benchmark's database (see main)."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from PIL import Image

    from articles.importer.bulk import refresh_statistics
    from articles.models import Article, ArticleImage, Category, Comment, Rating

    call_command("import_seeds", str(ROOT / "seeds"), str(ROOT / "bench" / "corpus"), verbosity=0)
    tops = [
        Category.objects.get_or_create(name=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}")[0] for n in range(6)
    ]
    categories = tops + [
        Category.objects.get_or_create(name=f"Mục con {n}", slug=f"muc-con-{n}", parent=top)[0]
        for n, top in enumerate(tops)
    ]
    spec = importlib.util.spec_from_file_location("search_bench", ROOT / "bench" / "search_bench.py")
    search_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search_bench)
    first_new = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    search_bench.build(articles, search_bench.sentences())
    rng = random.Random(7)
    new = list(Article.objects.filter(pk__gte=first_new).values_list("pk", flat=True))
    for pk in new:
        Article.objects.filter(pk=pk).update(category=rng.choice(categories))
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), color=(30, 90, 160)).save(buffer, format="JPEG", quality=80)
    picture = ArticleImage(article_id=new[0], original_filename="anh.jpg", caption="Ảnh minh họa")
    picture.image.save("bench/anh.jpg", ContentFile(buffer.getvalue()), save=True)
    ArticleImage.objects.bulk_create(
        ArticleImage(article_id=pk, image=picture.image.name, width=1200, height=800, caption="Ảnh minh họa")
        for pk in new[1:]
    )
    Comment.objects.bulk_create(
        Comment(
            article_id=rng.choice(new),
            author_name=f"Bạn đọc {n}",
            body="Bài viết hữu ích.",
            status="approved",
        )
        for n in range(articles // 5)
    )
    Rating.objects.bulk_create(
        Rating(article_id=pk, voter_key=f"bench-{pk}-{n}", score=rng.randint(1, 5))
        for pk in rng.sample(new, len(new) // 4)
        for n in range(2)
    )
    # As an import of that many pages would (articles/importer/bulk.py).
    refresh_statistics(len(new))


def wrk(url, seconds):
    """req/s, p99 ms, requests made and failed (non-2xx/3xx or socket errors) for one page."""
    command = [
        "wrk",
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "--latency",
        "-H",
        f"Cookie: {READER_COOKIES}",
        "-H",
        f"User-Agent: {BROWSER}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    made = int(re.search(r"(\d+) requests in", output).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    failed += (
        sum(
            int(n)
            for n in re.findall(
                r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
            )[0]
        )
        if "Socket errors" in output
        else 0
    )
    return rate, p99_ms, made, failed


def serve(env, app, workers=2, cwd=ROOT):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def pages_to_load():
    """The newest article with a category and a picture, its category, and an agreement (slugs)."""
    from agreements.models import Agreement
    from articles.models import Article

    article = (
        Article.objects.published()
        .articles()
        .exclude(category=None)
        .filter(images__isnull=False)
        .latest()
        .first()
    )
    print(article.slug, article.category.slug, Agreement.objects.not_rejected().first().slug)


def view_count(slug):
    from articles.models import Article

    print(Article.objects.get(slug=slug).view_count)


def in_site(env, function, *args):
    """Call one of this module's functions inside the benchmark site's Django; return what it printed."""
    script = f"import runpy; runpy.run_path('bench/page_bench.py', run_name='site')[{function!r}](*{args!r})"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"{function} failed:\n{result.stderr}")
    return result.stdout.strip()


def count_check(url, requests=200, threads=8):
    """Send exactly ``requests`` article views from ``threads`` readers at once."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.request import Request

    def one(_):
        request = Request(url, headers={"Cookie": READER_COOKIES, "User-Agent": BROWSER})
        with urlopen(request) as response:
            return response.status

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, range(requests)))


def site_environment(folder, database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.base",
        "DATABASE_URL": database,
        "DEBUG": "0",
        "SECRET_KEY": "page-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": f"{folder}/media",
        "STATIC_ROOT": f"{folder}/static",
        "SEARCH_RATE_PER_IP": "1000000/m",
    }


def build_site(folder, database_kind, articles):
    """A fresh database with the site in it, under ``folder``; its environment."""
    if database_kind == "sqlite":
        database = f"sqlite:///{folder}/bench.sqlite3"
        for leftover in Path(folder).glob("bench.sqlite3*"):
            leftover.unlink()
    else:
        for sql in ("DROP DATABASE IF EXISTS newsroom_page_bench", "CREATE DATABASE newsroom_page_bench"):
            subprocess.run(["psql", f"{PG_SERVER}/postgres", "-qc", sql], check=True)
        database = f"{PG_SERVER}/newsroom_page_bench"
    env = site_environment(folder, database)
    for command in (["migrate"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    in_site(env, "build", articles)
    print(
        f"site built: {articles:,} generated articles + seeds and corpus ({time.perf_counter() - started:.0f} s)"
    )
    (Path(folder) / "database.txt").write_text(database)
    return env


def load(label, server, pages, seconds, article_slug, env):
    """wrk on each page of one server; the article's views checked exactly. req/s by page."""
    base = f"http://127.0.0.1:{PORT}"
    rates = {}
    try:
        for name, path in pages.items():
            urlopen(base + path).read()  # warm: templates, the cache
            rate, p99, made, failed = wrk(base + path, seconds)
            rates[name] = rate
            exact = ""
            if name == "article":
                before = int(in_site(env, "view_count", article_slug))
                statuses = count_check(base + path)
                counted = int(in_site(env, "view_count", article_slug)) - before
                exact = "views exact" if counted == len(statuses) else f"VIEWS {counted} FOR {len(statuses)}"
                failed += sum(status != 200 for status in statuses)
            print(
                f"{label:<9} {name:<10} {rate:8.1f} req/s  p99 {p99:7.1f} ms  failed {failed}  {exact}",
                flush=True,
            )
    finally:
        stop(server)
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--folder", help="keep the site here and reuse it when it is there already")
    parser.add_argument(
        "--baseline", help="another checkout of the newsroom to serve the same site uncached, side by side"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(options.folder or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "database.txt").exists():
            env = site_environment(folder, (folder / "database.txt").read_text())
        else:
            env = build_site(folder, options.database, options.articles)
        subprocess.run(["redis-cli", "-n", "14", "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)
        article_slug, category_slug, agreement_slug = in_site(env, "pages_to_load").split()
        pages = {
            "home": "/",
            "article": f"/bai-viet/{article_slug}/",
            "listing": f"/chuyen-muc/{category_slug}/",
            "search": "/tim-kiem/?q=hop+tac",
            "agreement": f"/van-ban-hop-tac/{agreement_slug}/",
        }
        results = {}
        if options.baseline:
            baseline = {**env, "PYTHONPATH": str(Path(options.baseline).resolve())}
            server = serve(baseline, "newsroom.wsgi", cwd=options.baseline)
            results["baseline"] = load("baseline", server, pages, options.seconds, article_slug, env)
        for mode, seconds in (("uncached", "0"), ("cached", "600")):
            server = serve({**env, "READER_PAGE_CACHE_SECONDS": seconds}, "newsroom.wsgi")
            results[mode] = load(mode, server, pages, options.seconds, article_slug, env)
        page_file = folder / "article.html"
        server = serve({**env, "READER_PAGE_CACHE_SECONDS": "0"}, "newsroom.wsgi")
        try:
            page_file.write_bytes(urlopen(f"http://127.0.0.1:{PORT}{pages['article']}").read())
        finally:
            stop(server)
        server = serve({**env, "BARE_PAGE_FILE": str(page_file)}, "bench.bare_django:application")
        try:
            rate, p99, _, failed = wrk(f"http://127.0.0.1:{PORT}/", options.seconds)
        finally:
            stop(server)
        results["bare"] = {"article": rate}
        print(f"{'bare':<9} {'article':<10} {rate:8.1f} req/s  p99 {p99:7.1f} ms  failed {failed}")
        article = {mode: rates["article"] for mode, rates in results.items()}
        summary = f"article: uncached {article['uncached']:.0f}, cached {article['cached']:.0f} req/s"
        if "baseline" in article:
            summary += f"; uncached / baseline {article['uncached'] / article['baseline']:.1f}×"
        summary += f"; cached / bare Django {article['cached'] / article['bare']:.0%}"
        print(summary)
        if options.database == "postgres" and not options.folder:
            subprocess.run(
                ["psql", f"{PG_SERVER}/postgres", "-qc", "DROP DATABASE newsroom_page_bench"], check=True
            )


if __name__ == "__main__":
    main()
