"""
How fast the site search answers on PostgreSQL with many published articles.

    .venv/bin/python bench/search_bench.py                    # 100,000 articles
    .venv/bin/python bench/search_bench.py --articles 1000000 --keep

Builds its own database (``newsroom_search_bench`` at 127.0.0.1:5432, user
postgres) unless ``--keep`` finds one of the right size: N published
articles whose titles and bodies are sentences drawn from the seeds and the
development corpus (real Vietnamese and English wording, so the word
frequencies are a newsroom's), written through the product's own bulk path
(``Article.prepare`` and ``insert_new``, the trigger filling the search
vectors), then ANALYZE. It asks the search page, in-process, for the 20
most common words, 20 two-word phrases made of them, 20 rare words (in
5-50 articles) and 20 absent ones, each several times, and reports the
median and 95th percentile time per group, with the query plan of the
candidate query for the most common and a rare word.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "newsroom_search_bench"
BATCH = 2000


def sentences():
    """Every sentence of the seeds and the corpus pages, as the reader reads them."""
    from articles.importer.files import decode_page

    texts = []
    for folder in (ROOT / "seeds", ROOT / "bench" / "corpus"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html"):
                texts.append(decode_page(path.read_bytes(), max_bytes=10_000_000))
    found = []
    for text in texts:
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                if len(sentence.split()) >= 6:
                    found.append(sentence)
    return found


def build(count, pool, seed=20261202):
    from articles.importer.bulk import insert_new
    from articles.models import Article

    rng = random.Random(seed)
    now = datetime.now(UTC)
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        batch = []
        for number in range(first, min(first + BATCH, count)):
            title = " ".join(rng.choice(pool).split()[: rng.randint(7, 14)])
            body = "".join(f"<p>{rng.choice(pool)}</p>" for _ in range(rng.randint(8, 30)))
            # A case number shared by a handful of articles: the rare words.
            body += f"<p>Chuyên án {rng.randrange(max(count // 10, 1))}P đang được điều tra.</p>"
            article = Article(
                title=title,
                slug=f"bai-{number}",
                lead=rng.choice(pool),
                body=body,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randint(60, 10 * 365 * 24 * 60)),
            )
            article.prepare()
            batch.append(article)
        insert_new(Article, batch)
        done = first + len(batch)
        if done % 20_000 == 0 or done == count:
            print(f"  {done:,} articles ({time.perf_counter() - started:.0f} s)", flush=True)


def words_by_documents(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_document FROM articles_article') ORDER BY ndoc DESC"
        )
        return cursor.fetchall()


def timed(client, query, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/tim-kiem/", {"q": query})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (query, response.status_code)
    return times


def timed_suggestions(client, typed):
    """One suggestion request as the first reader to type this in this generation (not from the cache)."""
    from articles.readers.page_cache import _new_generation

    _new_generation()
    start = time.perf_counter()
    response = client.get("/tim-kiem/goi-y/", {"q": typed})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (typed, response.status_code)
    return elapsed


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def plan(connection, word):
    """How PostgreSQL finds the candidates the search ranks, in the search's own transaction."""
    from django.conf import settings

    from articles.search import CANDIDATES, search_transaction
    from newsroom.search import search

    hits = search(word, kind="article").by_kind["article"]
    candidates = hits.matches.order_by(*hits.order).values("pk")[:CANDIDATES]
    sql, params = candidates.query.sql_with_params()
    with search_transaction(settings.SEARCH_STATEMENT_TIMEOUT_MS), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params)
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="times each query is asked (default 5)")
    parser.add_argument(
        "--keep", action="store_true", help="reuse the benchmark database if it has N articles"
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    exists = subprocess.run(
        ["psql", SERVER, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    call_command("migrate", verbosity=0)
    if not (args.keep and Article.objects.count() == args.articles):
        with connection.cursor() as cursor:
            # Not .delete(): the collector lists every id as a parameter, over PostgreSQL's 65,535.
            cursor.execute("TRUNCATE articles_article CASCADE")
        print(f"building {args.articles:,} published articles")
        build(args.articles, sentences())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")

    ranked = words_by_documents(connection)
    common = [word for word, _ in ranked[:20]]
    rng = random.Random(7)
    phrases = [f"{rng.choice(common)} {rng.choice(common)}" for _ in range(20)]
    rare = [word for word, documents in ranked if 5 <= documents <= 50][:20]
    absent = [f"khongco{number}x" for number in range(20)]
    # What a reader has typed so far: a common word's first letters, or a
    # whole common word and the next one's beginning ("hop ta").
    typing = [word[:2] for word in common[:10]] + [
        f"{a} {b[:2]}" for a, b in zip(common[:10], common[10:20], strict=True)
    ]

    print(
        f"PostgreSQL {connection.pg_version // 10000}, {Article.objects.count():,} articles, "
        f"statement timeout {settings.SEARCH_STATEMENT_TIMEOUT_MS} ms"
    )
    print(f"most common words: {', '.join(f'{w} ({n:,})' for w, n in ranked[:20])}")
    results = {}
    with override_settings(
        SEARCH_RATE_PER_IP="1000000/s", SUGGEST_RATE_PER_IP="1000000/s", ALLOWED_HOSTS=["testserver"]
    ):
        client = Client()
        timed(client, common[0], 2)  # warm the connection, templates and caches of the process
        for name, queries in (
            ("common words", common),
            ("two-word phrases", phrases),
            ("rare words", rare),
            ("absent words", absent),
        ):
            times = [t for query in queries for t in timed(client, query, args.runs)]
            results[name] = times
            print(
                f"{name:<17} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
                f"   max {max(times):7.1f} ms   ({len(queries)} queries x {args.runs})"
            )
        times = [timed_suggestions(client, typed) for typed in typing for _ in range(args.runs)]
        print(
            f"{'suggestions':<17} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
            f"   max {max(times):7.1f} ms   ({len(typing)} beginnings x {args.runs}, none from the cache)"
        )
    print(f"plan, most common word ({common[0]}):\n{plan(connection, common[0])}")
    if rare:
        print(f"plan, rare word ({rare[0]}):\n{plan(connection, rare[0])}")


if __name__ == "__main__":
    main()
