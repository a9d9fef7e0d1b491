"""
Counting readers: article views, visits and who is online, exact under
concurrency. Every increment is one SQL statement that adds to the stored
value (an UPDATE … + 1 or an INSERT … ON CONFLICT DO UPDATE … + 1, the same
on SQLite and PostgreSQL), never a read-modify-write in Python.
"""

import re
import secrets
from datetime import timedelta

from django.db import connection
from django.db.models import F
from django.utils import timezone

from .models import Article, ArticleDailyViews, DailyVisits, ReaderPresence

CRAWLERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|mediapartners|facebookexternalhit|bingpreview|headless|"
    r"python-requests|python-urllib|curl/|wget/|httpclient|go-http-client|java/|okhttp|scrapy|feedfetcher",
    re.IGNORECASE,
)
VIEWED_SESSION_KEY = "viewed_articles"
VIEWED_REMEMBERED = 300
VISIT_COOKIE = "nr_visit"
BROWSER_COOKIE = "nr_browser"
PRESENCE_COOKIE = "nr_present"
VISIT_LENGTH = timedelta(minutes=30)
PRESENCE_REFRESH = timedelta(minutes=1)
PRESENCE_KEPT = timedelta(days=1)


def is_reader(request):
    """A person reading a page: GET, not a crawler or a script."""
    return request.method == "GET" and not CRAWLERS.search(request.headers.get("User-Agent", "") or "bot")


def _add_to_daily(model, key_column, key_value, counter, day):
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(counter)
    keys = ", ".join(connection.ops.quote_name(name) for name in (*key_column, "day"))
    placeholders = ", ".join(["%s"] * (len(key_column) + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({keys}, {column}) VALUES ({placeholders}, 1) "
            f"ON CONFLICT ({keys}) DO UPDATE SET {column} = {table}.{column} + 1",
            [*key_value, day],
        )


def count_view(request, article):
    """
    Count one view of ``article`` by this reader, once per session: two
    statements for the first view in a session, none after. Returns whether
    it counted.
    """
    if not is_reader(request):
        return False
    viewed = request.session.get(VIEWED_SESSION_KEY, [])
    if article.pk in viewed:
        return False
    request.session[VIEWED_SESSION_KEY] = [*viewed, article.pk][-VIEWED_REMEMBERED:]
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    _add_to_daily(ArticleDailyViews, ("article_id",), (article.pk,), "views", timezone.localdate())
    article.view_count += 1
    return True


def record_visit(request, response):
    """
    A visit is one browser within 30 minutes of its last page: count it, and
    keep the browser's "last seen" fresh (at most once a minute) for the
    online count. Cookies hold only a random browser id and two timers.
    """
    if not is_reader(request):
        return
    now = timezone.now()
    browser = request.COOKIES.get(BROWSER_COOKIE) or secrets.token_urlsafe(16)
    if VISIT_COOKIE not in request.COOKIES:
        _add_to_daily(DailyVisits, (), (), "visits", timezone.localdate())
        ReaderPresence.objects.filter(last_seen__lt=now - PRESENCE_KEPT).delete()
    if PRESENCE_COOKIE not in request.COOKIES:
        ReaderPresence.objects.bulk_create(
            [ReaderPresence(browser_key=browser[:64], last_seen=now)],
            update_conflicts=True,
            unique_fields=["browser_key"],
            update_fields=["last_seen"],
        )
        response.set_cookie(
            PRESENCE_COOKIE, "1", max_age=int(PRESENCE_REFRESH.total_seconds()), httponly=True, samesite="Lax"
        )
    response.set_cookie(
        VISIT_COOKIE, "1", max_age=int(VISIT_LENGTH.total_seconds()), httponly=True, samesite="Lax"
    )
    response.set_cookie(BROWSER_COOKIE, browser, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
